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
        table.getColumns().setAll(List.of(
                StatsWidgets.column("Agent", AgentFigures::name, 200),
                StatsWidgets.column("Outbound", a -> n(a.outbound()), 80),
                StatsWidgets.column("Sent", a -> n(a.sent()), 70),
                StatsWidgets.column("Delivered", a -> n(a.delivered()), 80),
                StatsWidgets.column("Read", a -> n(a.read()), 70),
                StatsWidgets.column("Failed", a -> n(a.failed()), 70),
                hover(StatsWidgets.column("First responses", a -> n(a.firstResponse().count()), 115), ResponseTimes.FIRST_RESPONSE_DEFINITION),
                hover(StatsWidgets.column("First resp. median", a -> ResponseTimes.format(a.firstResponse().medianMinutes()), 130),
                        ResponseTimes.FIRST_RESPONSE_DEFINITION),
                hover(StatsWidgets.column("First resp. p90", a -> ResponseTimes.format(a.firstResponse().p90Minutes()), 115),
                        ResponseTimes.FIRST_RESPONSE_DEFINITION),
                hover(StatsWidgets.column("Resolved", a -> n(a.conversationsResolved()), 80), ResponseTimes.RESOLUTION_DEFINITION
                        + " A resolution belongs to the agent assigned when the conversation was closed."),
                hover(StatsWidgets.column("Resolution median", a -> ResponseTimes.format(a.resolution().medianMinutes()), 130),
                        ResponseTimes.RESOLUTION_DEFINITION),
                hover(StatsWidgets.column("Resolution p90", a -> ResponseTimes.format(a.resolution().p90Minutes()), 115),
                        ResponseTimes.RESOLUTION_DEFINITION)));
        table.setPlaceholder(new Label("No messages or answers by anyone in this range"));
        statusLabel.textProperty().bind(vm.error);
        statusLabel.visibleProperty().bind(vm.error.isNotEmpty());
        statusLabel.managedProperty().bind(statusLabel.visibleProperty());
    }

    private static TableColumn<AgentFigures, String> hover(TableColumn<AgentFigures, String> column, String definition) {
        Label header = new Label(column.getText());
        Tooltip tip = new Tooltip(definition);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        header.setTooltip(tip);
        column.setGraphic(header);
        column.setText(null);
        return column;
    }

    private static String n(long v) {
        return String.format("%,d", v);
    }
}
