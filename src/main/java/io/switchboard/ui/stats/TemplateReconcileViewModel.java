package io.switchboard.ui.stats;

import io.switchboard.common.ValidationException;
import io.switchboard.stats.StatsTable;
import io.switchboard.stats.TemplateReconcileReport;
import io.switchboard.stats.TemplateReconcileRow;
import io.switchboard.stats.TemplateReconciliation;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Reconcile with Meta", by template: one tenant's sent, delivered and read per template and UTC day next to Meta's
 * template_analytics. The calls to Meta and the count run on {@code background}; the rows land on {@code fx}. A newer
 * request makes an older answer void.
 */
public final class TemplateReconcileViewModel {
    private final TemplateReconciliation reconciliation;
    private final Executor background;
    private final Executor fx;
    private final AtomicLong generation = new AtomicLong();

    public final ObjectProperty<UUID> tenantId = new SimpleObjectProperty<>();
    public final StringProperty tenantName = new SimpleStringProperty("");
    public final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    public final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    public final BooleanProperty onlyDifferences = new SimpleBooleanProperty();

    public final ObservableList<TemplateReconcileRow> rows = FXCollections.observableArrayList();
    public final ObjectProperty<TemplateReconcileReport> report = new SimpleObjectProperty<>();
    public final BooleanProperty loading = new SimpleBooleanProperty();
    public final StringProperty summary = new SimpleStringProperty("");
    public final StringProperty problems = new SimpleStringProperty("");
    public final StringProperty error = new SimpleStringProperty("");

    public TemplateReconcileViewModel(TemplateReconciliation reconciliation, Executor background, Executor fx) {
        this.reconciliation = reconciliation;
        this.background = background;
        this.fx = fx;
        onlyDifferences.addListener((obs, old, v) -> showRows());
    }

    /** Asks Meta and counts ours for the current tenant and UTC days. */
    public void reconcile() {
        UUID tenant = tenantId.get();
        LocalDate f = from.get();
        LocalDate t = to.get();
        long mine = generation.incrementAndGet();
        loading.set(true);
        error.set("");
        summary.set("Asking Meta for the templates' figures, " + (f == null ? "?" : f) + " to " + (t == null ? "?" : t) + " (UTC days)…");
        background.execute(() -> {
            try {
                TemplateReconcileReport r = reconciliation.reconcile(tenant, f, t);
                fx.execute(() -> {
                    if (generation.get() == mine) {
                        show(r);
                    }
                });
            } catch (ValidationException e) {
                fx.execute(() -> failed(mine, e.getMessage()));
            } catch (RuntimeException e) {
                fx.execute(() -> failed(mine, "Could not reconcile: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        });
    }

    /** The report's rows as a table (CSV export, the same as `stats reconcile --by template`); null before the first answer. */
    public StatsTable table() {
        return report.get() == null ? null : report.get().table();
    }

    private void show(TemplateReconcileReport r) {
        loading.set(false);
        report.set(r);
        showRows();
        long differing = r.rows().stream().filter(x -> !x.agrees()).count();
        String counted = "ours from the " + (r.method().equals("counters") ? "counters" : "messages, recounted (the tenant's zone does not fit UTC hours)");
        summary.set(r.rows().isEmpty() ? "No template to compare." : differing == 0
                ? "Every template and day agrees with Meta (" + r.rows().size() + " template-days; " + counted + ")."
                : differing + " of " + r.rows().size() + " template-days differ, " + r.flaggedCount() + " by more than 1 % (" + counted + ").");
        problems.set(String.join("\n", r.problems()));
    }

    private void showRows() {
        TemplateReconcileReport r = report.get();
        if (r != null) {
            rows.setAll(onlyDifferences.get() ? r.rows().stream().filter(x -> !x.agrees()).toList() : r.rows());
        }
    }

    private void failed(long mine, String message) {
        if (generation.get() == mine) {
            loading.set(false);
            summary.set("");
            error.set(message);
        }
    }
}
