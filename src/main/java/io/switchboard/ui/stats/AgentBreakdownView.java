package io.switchboard.ui.stats;

import io.switchboard.stats.AgentFigures;
import io.switchboard.stats.ResponseTimes;
import io.switchboard.stats.StatsTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * Binds agent-breakdown.fxml to an {@link AgentBreakdownViewModel}: one row per agent (and one for what nobody wrote),
 * with each response-time column's definition on hover. Holds no rules.
 */
public final class AgentBreakdownView {
    private final AgentBreakdownViewModel vm;

    @FXML private TableView<AgentFigures> table;
    @FXML private Label statusLabel;

    public AgentBreakdownView(AgentBreakdownViewModel vm) {
        this.vm = vm;
    }

    /** The tab the Stats view shows as "By agent". */
    public Tab tab() {
        Tab tab = new Tab("By agent", load());
        tab.setId("tab-by-agent");
        return tab;
    }

    /** The export of the shown figures (null before the first answer). */
    public StatsTable table() {
        return vm.table();
    }

    public Parent load() {
        FXMLLoader loader = new FXMLLoader(AgentBreakdownView.class.getResource("/fxml/stats/agent-breakdown.fxml"));
        loader.setController(this);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FXML
    private void initialize() {
        table.setItems(vm.rows);
        TableColumn<AgentFigures, String> first = group("First response", ResponseTimes.FIRST_RESPONSE_DEFINITION + " It belongs to the agent who wrote the answer.",
                StatsWidgets.column("answers", a -> n(a.firstResponse().count()), 95),
                StatsWidgets.column("median", a -> ResponseTimes.format(a.firstResponse().medianMinutes()), 105),
                StatsWidgets.column("p90", a -> ResponseTimes.format(a.firstResponse().p90Minutes()), 105));
        TableColumn<AgentFigures, String> resolution = group("Resolution", ResponseTimes.RESOLUTION_DEFINITION
                        + " It belongs to the agent assigned when the conversation was closed.",
                StatsWidgets.column("resolved", a -> n(a.conversationsResolved()), 95),
                StatsWidgets.column("median", a -> ResponseTimes.format(a.resolution().medianMinutes()), 105),
                StatsWidgets.column("p90", a -> ResponseTimes.format(a.resolution().p90Minutes()), 105));
        table.getColumns().setAll(List.of(
                StatsWidgets.column("Agent", AgentFigures::name, 220),
                StatsWidgets.column("Outbound", a -> n(a.outbound()), 105),
                StatsWidgets.column("Sent", a -> n(a.sent()), 75),
                StatsWidgets.column("Delivered", a -> n(a.delivered()), 105),
                StatsWidgets.column("Read", a -> n(a.read()), 75),
                StatsWidgets.column("Failed", a -> n(a.failed()), 75),
                first, resolution));
        table.setPlaceholder(new Label("No messages or answers by anyone in this range"));
        statusLabel.textProperty().bind(vm.error);
        statusLabel.visibleProperty().bind(vm.error.isNotEmpty());
        statusLabel.managedProperty().bind(statusLabel.visibleProperty());
    }

    /** A column over {@code parts}, its definition on hover. */
    @SafeVarargs
    private static TableColumn<AgentFigures, String> group(String title, String definition, TableColumn<AgentFigures, String>... parts) {
        TableColumn<AgentFigures, String> column = new TableColumn<>();
        Label header = new Label(title);
        Tooltip tip = new Tooltip(definition);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        header.setTooltip(tip);
        column.setGraphic(header);
        column.getColumns().setAll(List.of(parts));
        return column;
    }

    private static String n(long v) {
        return String.format("%,d", v);
    }
}
