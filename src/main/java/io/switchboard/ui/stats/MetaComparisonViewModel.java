package io.switchboard.ui.stats;

import io.switchboard.common.ValidationException;
import io.switchboard.stats.MetaComparison;
import io.switchboard.stats.StatsTable;
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
 * One "Reconcile with Meta" tab: ours next to Meta's for a tenant and its UTC days. The call to Meta and the count run
 * on {@code background}; the rows land on {@code fx}. A newer request makes an older answer void. Subclasses say what
 * is compared (numbers, templates) and in which words.
 */
public abstract class MetaComparisonViewModel<R extends MetaComparison<W>, W extends MetaComparison.Day> {
    private final Executor background;
    private final Executor fx;
    private final AtomicLong generation = new AtomicLong();

    public final ObjectProperty<UUID> tenantId = new SimpleObjectProperty<>();
    public final StringProperty tenantName = new SimpleStringProperty("");
    public final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    public final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    public final BooleanProperty onlyDifferences = new SimpleBooleanProperty();

    public final ObservableList<W> rows = FXCollections.observableArrayList();
    public final ObjectProperty<R> report = new SimpleObjectProperty<>();
    public final BooleanProperty loading = new SimpleBooleanProperty();
    public final StringProperty summary = new SimpleStringProperty("");
    public final StringProperty problems = new SimpleStringProperty("");
    public final StringProperty error = new SimpleStringProperty("");

    protected MetaComparisonViewModel(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
        onlyDifferences.addListener((obs, old, v) -> showRows());
    }

    /** Asks Meta and counts ours (on the background executor: this is network and database work). */
    protected abstract R compare(UUID tenant, LocalDate from, LocalDate to);

    /** What the summary says while Meta is asked, e.g. "Asking Meta for 2026-11-01 to 2026-11-30 (UTC days)…". */
    protected abstract String asking(String from, String to);

    /** The summary of an answer; {@code differing} rows do not agree, {@code counted} says how ours were counted. */
    protected abstract String summarize(R report, long differing, String counted);

    /** Asks Meta and counts ours for the current tenant and UTC days. */
    public void reconcile() {
        UUID tenant = tenantId.get();
        LocalDate f = from.get();
        LocalDate t = to.get();
        long mine = generation.incrementAndGet();
        loading.set(true);
        error.set("");
        summary.set(asking(f == null ? "?" : f.toString(), t == null ? "?" : t.toString()));
        background.execute(() -> {
            try {
                R r = compare(tenant, f, t);
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

    /** The report's rows as a table (CSV export, the same as the `stats reconcile` command); null before the first answer. */
    public StatsTable table() {
        return report.get() == null ? null : report.get().table();
    }

    private void show(R r) {
        loading.set(false);
        report.set(r);
        showRows();
        long differing = r.rows().stream().filter(x -> !x.agrees()).count();
        String counted = "ours from the " + (r.method().equals("counters") ? "counters" : "messages, recounted (the tenant's zone does not fit UTC hours)");
        summary.set(summarize(r, differing, counted));
        problems.set(String.join("\n", r.problems()));
    }

    private void showRows() {
        R r = report.get();
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
