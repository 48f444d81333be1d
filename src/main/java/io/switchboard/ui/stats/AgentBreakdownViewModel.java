package io.switchboard.ui.stats;

import io.switchboard.stats.AgentFigures;
import io.switchboard.stats.AgentReport;
import io.switchboard.stats.StatsRange;
import io.switchboard.stats.StatsReport;
import io.switchboard.stats.StatsService;
import io.switchboard.stats.StatsTable;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Stats view's "By agent" tab: per agent, messages written and their fate, first responses and resolutions with median
 * and p90. It follows the Stats view's report — every report that lands (a new tenant or range, a live refresh) reads the
 * same scope and range by agent on {@code background}; the rows land on {@code fx}, changed in place so the scroll stays.
 */
public final class AgentBreakdownViewModel {
    private final StatsService stats;
    private final Executor background;
    private final Executor fx;
    private final AtomicLong generation = new AtomicLong();

    public final ObservableList<AgentFigures> rows = FXCollections.observableArrayList();
    public final ObjectProperty<AgentReport> report = new SimpleObjectProperty<>();
    public final StringProperty error = new SimpleStringProperty("");

    public AgentBreakdownViewModel(StatsService stats, Executor background, Executor fx) {
        this.stats = stats;
        this.background = background;
        this.fx = fx;
    }

    /** Reads the by-agent figures for every report {@code shown} holds from now on. */
    public void follow(ReadOnlyObjectProperty<StatsReport> shown) {
        shown.addListener((obs, old, r) -> {
            if (r != null) {
                load(r.tenantId(), r.range());
            }
        });
        if (shown.get() != null) {
            load(shown.get().tenantId(), shown.get().range());
        }
    }

    /** One tenant (null: all the tenants the session may see) and range; an answer to an older request is dropped. */
    public void load(UUID tenantId, StatsRange range) {
        long mine = generation.incrementAndGet();
        background.execute(() -> {
            try {
                AgentReport r = stats.byAgent(tenantId, range);
                fx.execute(() -> {
                    if (generation.get() == mine) {
                        report.set(r);
                        error.set("");
                        StatsViewModel.update(rows, r.agents());
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    if (generation.get() == mine) {
                        error.set("Could not read the figures by agent: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                    }
                });
            }
        });
    }

    /** What "Export by agent CSV" writes and {@code stats --by agent} prints; null before the first answer. */
    public StatsTable table() {
        return report.get() == null ? null : report.get().table();
    }
}
