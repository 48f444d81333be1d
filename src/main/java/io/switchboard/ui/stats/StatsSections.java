package io.switchboard.ui.stats;

import io.switchboard.stats.DayVolume;
import io.switchboard.stats.FailedMessage;
import io.switchboard.stats.FailureReason;
import io.switchboard.stats.HourVolume;
import io.switchboard.stats.ResponseTimes;
import io.switchboard.stats.StatsTables;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The Stats view's sections below the tiles: failures with their drill-down, volume per day and by hour,
 * delivery per day, responsiveness, breakdowns and number health, each bound to the {@link StatsViewModel}
 * and with its CSV/PNG exports. Built by {@link StatsView}; holds no rules.
 */
final class StatsSections {
    private final StatsViewModel vm;
    private final StatsExports exports;
    private final AgentBreakdownView byAgent; // null: the tab shows the report's message counts per agent only

    StatsSections(StatsViewModel vm, StatsExports exports, AgentBreakdownView byAgent) {
        this.vm = vm;
        this.exports = exports;
        this.byAgent = byAgent;
    }

    /** What a supervisor sees on opening (the window's default size): failures and volume. */
    List<Node> aboveTheFold() {
        return List.of(failuresSection(), volumeSection());
    }

    /** The rest; may be built after the report landed, so each part starts from the view model's current figures. */
    List<Node> belowTheFold() {
        return List.of(deliverySection(), responsivenessSection(), breakdownSection(), StatsWidgets.healthSection(vm.health));
    }

    private Node failuresSection() {
        TableView<FailureReason> table = new TableView<>(vm.failures);
        table.setId("failureTable");
        table.getColumns().setAll(List.of(
                StatsWidgets.column("Code", FailureReason::code, 90),
                StatsWidgets.column("Meta's title", FailureReason::title, 200),
                StatsWidgets.column("What it means", FailureReason::reason, 420),
                StatsWidgets.column("Count", f -> String.format("%,d", f.count()), 80),
                StatsWidgets.column("Share", f -> f.share().percent(), 90)));
        table.setPlaceholder(new Label("No failures in this range"));
        table.setPrefHeight(190);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, f) -> {
            if (f != null) {
                vm.drillDown(f);
            }
        });
        TableView<FailedMessage> drill = new TableView<>(vm.drillMessages);
        drill.setId("drillTable");
        drill.getColumns().setAll(List.of(
                StatsWidgets.column("Phone", FailedMessage::phone, 140),
                StatsWidgets.column("Contact", m -> m.contactName() == null ? "" : m.contactName(), 160),
                StatsWidgets.column("Failed at (UTC)", m -> String.valueOf(m.failedAt()).replace('T', ' '), 160),
                StatsWidgets.column("Message", m -> m.content() == null ? "" : m.content(), 300),
                StatsWidgets.column("Detail", m -> m.errorDetail() == null ? "" : m.errorDetail(), 300)));
        drill.setPlaceholder(new Label("Select a reason to see who did not receive which message"));
        drill.setPrefHeight(170);
        Label drillTitle = new Label();
        drillTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.drillReason.get() == null ? ""
                : "Messages that failed with " + vm.drillReason.get().code() + " (" + vm.drillMessages.size() + ")", vm.drillReason, vm.drillMessages));
        return StatsWidgets.section("Failures by reason", List.of(table, drillTitle, drill),
                exports.csv("Export failures CSV…", "failures", () -> vm.table(StatsTables.By.ERROR)),
                exports.csv("Export drill-down CSV…", "failed-messages", vm::drillTable));
    }

    private Node volumeSection() {
        LineChart<String, Number> perDay = StatsWidgets.lineChart("Messages per day");
        perDay.setId("volumeChart");
        XYChart.Series<String, Number> in = StatsWidgets.series("Inbound");
        XYChart.Series<String, Number> out = StatsWidgets.series("Outbound");
        XYChart.Series<String, Number> conv = StatsWidgets.series("New conversations");
        perDay.getData().setAll(List.of(in, out, conv));
        vm.days.addListener((ListChangeListener<DayVolume>) c -> StatsWidgets.fill(vm.days, List.of(in, out, conv), d -> d.day().toString(),
                List.of(DayVolume::inbound, DayVolume::outbound, DayVolume::conversations)));
        BarChart<String, Number> byHour = new BarChart<>(new CategoryAxis(), new NumberAxis());
        byHour.setId("hourChart");
        byHour.setTitle("By hour of day");
        byHour.setAnimated(false);
        byHour.setCategoryGap(2);
        byHour.setBarGap(0);
        XYChart.Series<String, Number> hin = StatsWidgets.series("Inbound");
        XYChart.Series<String, Number> hout = StatsWidgets.series("Outbound");
        byHour.getData().setAll(List.of(hin, hout));
        vm.hours.addListener((ListChangeListener<HourVolume>) c -> StatsWidgets.fill(vm.hours, List.of(hin, hout), h -> String.format("%02d", h.hour()),
                List.of(HourVolume::inbound, HourVolume::outbound)));
        HBox charts = new HBox(12, perDay, byHour);
        HBox.setHgrow(perDay, Priority.ALWAYS);
        perDay.setPrefWidth(640);
        byHour.setPrefWidth(460);
        return StatsWidgets.section("Volume", List.of(charts),
                exports.csv("Export per day CSV…", "volume-by-day", () -> vm.table(StatsTables.By.DAY)),
                exports.csv("Export by hour CSV…", "volume-by-hour", () -> vm.table(StatsTables.By.HOUR)),
                exports.png("Export per day PNG…", "volume-by-day", perDay),
                exports.png("Export by hour PNG…", "volume-by-hour", byHour));
    }

    private Node deliverySection() {
        LineChart<String, Number> chart = StatsWidgets.lineChart("Delivery per day");
        chart.setId("deliveryChart");
        XYChart.Series<String, Number> sent = StatsWidgets.series("Sent");
        XYChart.Series<String, Number> delivered = StatsWidgets.series("Delivered");
        XYChart.Series<String, Number> read = StatsWidgets.series("Read");
        XYChart.Series<String, Number> failed = StatsWidgets.series("Failed");
        chart.getData().setAll(List.of(sent, delivered, read, failed));
        Runnable fill = () -> StatsWidgets.fill(vm.days, List.of(sent, delivered, read, failed), d -> d.day().toString(),
                List.of(DayVolume::sent, DayVolume::delivered, DayVolume::read, DayVolume::failed));
        vm.days.addListener((ListChangeListener<DayVolume>) c -> fill.run());
        fill.run();
        chart.setPrefHeight(280);
        return StatsWidgets.section("Delivery", List.of(chart),
                exports.csv("Export CSV…", "delivery-by-day", () -> vm.table(StatsTables.By.DAY)),
                exports.png("Export PNG…", "delivery-by-day", chart));
    }

    private Node responsivenessSection() {
        TableView<StatsViewModel.ResponseRow> table = new TableView<>(vm.responses);
        table.getColumns().add(StatsWidgets.column("Measure", StatsViewModel.ResponseRow::measure, 130));
        table.getColumns().add(StatsWidgets.column("Count", r -> String.format("%,d", r.times().count()), 80));
        table.getColumns().add(StatsWidgets.column("Median", r -> ResponseTimes.format(r.times().medianMinutes()), 100));
        table.getColumns().add(StatsWidgets.column("p90", r -> ResponseTimes.format(r.times().p90Minutes()), 100));
        for (int i = 0; i < ResponseTimes.BUCKETS.size(); i++) {
            int bucket = i;
            table.getColumns().add(StatsWidgets.column(ResponseTimes.BUCKETS.get(i), r -> String.format("%,d", r.times().buckets().get(bucket)), 70));
        }
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<StatsViewModel.ResponseRow> row = new javafx.scene.control.TableRow<>();
            row.itemProperty().addListener((obs, old, item) -> row.setTooltip(item == null ? null : new Tooltip(item.definition())));
            return row;
        });
        table.setPrefHeight(90);
        BarChart<String, Number> buckets = new BarChart<>(new CategoryAxis(), new NumberAxis());
        buckets.setTitle("Distribution");
        buckets.setAnimated(false);
        XYChart.Series<String, Number> first = StatsWidgets.series("First response");
        XYChart.Series<String, Number> resolved = StatsWidgets.series("Resolution");
        buckets.getData().setAll(List.of(first, resolved));
        Runnable fill = () -> {
            for (int s = 0; s < vm.responses.size() && s < 2; s++) {
                XYChart.Series<String, Number> target = s == 0 ? first : resolved;
                List<Long> counts = vm.responses.get(s).times().buckets();
                List<XYChart.Data<String, Number>> points = new java.util.ArrayList<>();
                for (int i = 0; i < counts.size(); i++) {
                    points.add(new XYChart.Data<>(ResponseTimes.BUCKETS.get(i), counts.get(i)));
                }
                target.getData().setAll(points);
            }
        };
        vm.responses.addListener((ListChangeListener<StatsViewModel.ResponseRow>) c -> fill.run());
        fill.run();
        buckets.setPrefHeight(240);
        return StatsWidgets.section("Responsiveness", List.of(table, buckets),
                exports.csv("Export CSV…", "response-times", () -> vm.table(StatsTables.By.RESPONSE)),
                exports.png("Export PNG…", "response-times", buckets));
    }

    private Node breakdownSection() {
        TabPane tabs = new TabPane(
                StatsWidgets.contentWhenSelected(StatsWidgets.breakdownTab("By number", vm.byNumber, "No messages in this range")),
                StatsWidgets.contentWhenSelected(StatsWidgets.breakdownTab("By template", vm.byTemplate, "No template messages in this range")),
                StatsWidgets.contentWhenSelected(StatsWidgets.breakdownTab("By campaign", vm.byCampaign, "No campaign messages in this range")),
                StatsWidgets.contentWhenSelected(byAgent != null ? byAgent.tab() : StatsWidgets.breakdownTab("By agent", vm.byAgent, "Agents are not tracked yet")));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefHeight(220);
        return StatsWidgets.section("Breakdowns", List.of(tabs),
                exports.csv("Export by number CSV…", "by-number", () -> vm.table(StatsTables.By.NUMBER)),
                exports.csv("Export by template CSV…", "by-template", () -> vm.table(StatsTables.By.TEMPLATE)),
                exports.csv("Export by campaign CSV…", "by-campaign", () -> vm.table(StatsTables.By.CAMPAIGN)),
                exports.csv("Export by agent CSV…", "by-agent", () -> byAgent != null ? byAgent.table() : vm.table(StatsTables.By.AGENT)));
    }
}
