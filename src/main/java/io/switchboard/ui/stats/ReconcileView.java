package io.switchboard.ui.stats;

import io.switchboard.stats.ReconcileRow;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.scene.control.TableColumn;
import javafx.stage.Window;

/** reconcile.fxml: our sent and delivered, Meta's and the difference per number and UTC day. */
public final class ReconcileView extends MetaComparisonView<ReconcileRow> {

    public ReconcileView(ReconcileViewModel vm, SaveTarget saveTarget, Executor io, Supplier<Window> window) {
        super(vm, "reconcile.fxml", "Export reconciliation CSV", "reconcile-with-meta.csv", saveTarget, io, window);
    }

    @Override
    protected List<TableColumn<ReconcileRow, String>> columns() {
        return List.of(
                StatsWidgets.column("Day (UTC)", r -> r.day().toString(), 110),
                StatsWidgets.column("Number", r -> r.displayPhone() == null ? r.phoneNumberId() : r.displayPhone(), 140),
                StatsWidgets.column("Sent, ours", r -> count(r.ourSent()), 105),
                StatsWidgets.column("Sent, Meta", r -> count(r.metaSent()), 105),
                StatsWidgets.column("Δ sent", r -> signed(r.sentDifference()), 80),
                StatsWidgets.column("Delivered, ours", r -> count(r.ourDelivered()), 135),
                StatsWidgets.column("Delivered, Meta", r -> count(r.metaDelivered()), 135),
                StatsWidgets.column("Δ delivered", r -> signed(r.deliveredDifference()), 110),
                StatsWidgets.column("Why", r -> r.reason() == null ? "" : r.reason(), 700));
    }
}
