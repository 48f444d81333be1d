package io.switchboard.ui.stats;

import io.switchboard.stats.TemplateReconcileRow;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.scene.control.TableColumn;
import javafx.stage.Window;

/** template-reconcile.fxml: ours, Meta's and the difference of sent, delivered and read per template and UTC day. */
public final class TemplateReconcileView extends MetaComparisonView<TemplateReconcileRow> {

    public TemplateReconcileView(TemplateReconcileViewModel vm, SaveTarget saveTarget, Executor io, Supplier<Window> window) {
        super(vm, "template-reconcile.fxml", "Export template reconciliation CSV", "reconcile-templates-with-meta.csv", saveTarget, io, window);
    }

    @Override
    protected List<TableColumn<TemplateReconcileRow, String>> columns() {
        return List.of(
                StatsWidgets.column("Day (UTC)", r -> r.day().toString(), 100),
                StatsWidgets.column("Template", TemplateReconcileRow::label, 190),
                StatsWidgets.column("Sent, ours", r -> count(r.ourSent()), 90),
                StatsWidgets.column("Sent, Meta", r -> count(r.metaSent()), 90),
                StatsWidgets.column("Δ sent", r -> signed(r.sentDifference()), 70),
                StatsWidgets.column("Delivered, ours", r -> count(r.ourDelivered()), 115),
                StatsWidgets.column("Delivered, Meta", r -> count(r.metaDelivered()), 115),
                StatsWidgets.column("Δ delivered", r -> signed(r.deliveredDifference()), 90),
                StatsWidgets.column("Read, ours", r -> count(r.ourRead()), 90),
                StatsWidgets.column("Read, Meta", r -> count(r.metaRead()), 90),
                StatsWidgets.column("Δ read", r -> signed(r.readDifference()), 70),
                StatsWidgets.column("Why", r -> r.reason() == null ? "" : r.reason(), 520));
    }
}
