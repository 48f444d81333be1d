package io.switchboard.ui.stats;

import io.switchboard.stats.DayVolume;
import io.switchboard.stats.DeliveryFunnel;
import io.switchboard.stats.FailedMessage;
import io.switchboard.stats.FailureReason;
import io.switchboard.stats.HourVolume;
import io.switchboard.stats.ResponseTimes;
import io.switchboard.stats.StatsTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Binds stats.fxml to a {@link StatsViewModel}: delivery tiles with their definitions on hover,
 * failures with a drill-down to messages and contacts, volume per day and by hour, responsiveness,
 * breakdowns and number health. Every table and chart exports CSV (the same tables the `stats`
 * command prints); every chart exports PNG. Holds no rules: it shows what the view model says.
 */
public final class StatsView {
    private final StatsViewModel vm;

    @FXML private ComboBox<TenantChoice> tenantBox;
    @FXML private HBox presetBox;
    @FXML private DatePicker fromPicker;
    @FXML private DatePicker toPicker;
    @FXML private Label rangeLabel;
    @FXML private Label updatedLabel;
    @FXML private Button refreshButton;
    @FXML private Button reconcileButton;
    private Runnable onReconcile = () -> { };
    private AgentBreakdownView byAgent; // set by StatsWindow before load(); without it the tab shows message counts only
    @FXML private ScrollPane scroll;
    @FXML private VBox content;
    @FXML private Label healthWarning;
    @FXML private FlowPane tiles;
    @FXML private Label statusLabel;

    private final ToggleGroup presets = new ToggleGroup();
    private final StatsExports exports;
    private Parent root;
    private boolean syncing;

    public StatsView(StatsViewModel vm, SaveTarget saveTarget, Executor io, Supplier<Window> window) {
        this.vm = vm;
        this.exports = new StatsExports(saveTarget, io, window, message -> vm.error.set(message));
    }

    /** Loads the FXML with this object as its controller. */
    public Parent load() {
        FXMLLoader loader = new FXMLLoader(StatsView.class.getResource("/fxml/stats/stats.fxml"));
        loader.setController(this);
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        root.getStylesheets().add(StatsView.class.getResource("/styles/stats.css").toExternalForm());
        return root;
    }

    @FXML
    private void initialize() {
        tenantBox.setItems(vm.tenants);
        tenantBox.valueProperty().addListener((obs, old, choice) -> {
            if (!syncing && choice != null && !choice.equals(vm.tenant.get())) {
                vm.selectTenant(choice);
            }
        });
        vm.tenant.addListener((obs, old, choice) -> {
            syncing = true;
            tenantBox.setValue(choice);
            syncing = false;
        });
        for (RangePreset p : RangePreset.values()) {
            ToggleButton b = new ToggleButton(p.toString());
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setId("preset-" + p.name());
            b.setUserData(p);
            b.setToggleGroup(presets);
            b.setSelected(p == vm.preset.get());
            presetBox.getChildren().add(b);
        }
        presets.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                presets.selectToggle(old); // one preset is always chosen
            } else if (!syncing) {
                vm.selectPreset((RangePreset) t.getUserData());
            }
        });
        vm.preset.addListener((obs, old, p) -> {
            syncing = true;
            presets.getToggles().stream().filter(t -> t.getUserData() == p).findFirst().ifPresent(presets::selectToggle);
            syncing = false;
        });
        fromPicker.disableProperty().bind(vm.preset.isNotEqualTo(RangePreset.CUSTOM));
        toPicker.disableProperty().bind(vm.preset.isNotEqualTo(RangePreset.CUSTOM));
        fromPicker.valueProperty().addListener((obs, old, v) -> customChanged());
        toPicker.valueProperty().addListener((obs, old, v) -> customChanged());
        rangeLabel.textProperty().bind(vm.rangeText);
        // Meta's analytics belong to one tenant's numbers
        reconcileButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.tenant.get() == null || vm.tenant.get().id() == null || vm.report.get() == null, vm.tenant, vm.report));
        updatedLabel.textProperty().bind(vm.updatedText);
        statusLabel.textProperty().bind(vm.error);
        healthWarning.textProperty().bind(vm.healthWarning);
        healthWarning.visibleProperty().bind(vm.healthWarning.isNotEmpty());
        healthWarning.managedProperty().bind(healthWarning.visibleProperty());

        tiles.getChildren().addAll(
                StatsWidgets.tile("Sent", vm.sent, DeliveryFunnel.SENT_DEFINITION, null),
                StatsWidgets.tile("Delivered", vm.delivered, DeliveryFunnel.DELIVERED_DEFINITION, null),
                StatsWidgets.tile("Read", vm.read, DeliveryFunnel.READ_DEFINITION, null),
                StatsWidgets.tile("Failed", vm.failed, DeliveryFunnel.FAILED_DEFINITION, "bad"),
                StatsWidgets.tile("Delivery rate", vm.deliveryRate, DeliveryFunnel.DELIVERY_RATE_DEFINITION, "rate"),
                StatsWidgets.tile("Read rate", vm.readRate, DeliveryFunnel.READ_RATE_DEFINITION, "rate"),
                StatsWidgets.tile("Failure rate", vm.failureRate, DeliveryFunnel.FAILURE_RATE_DEFINITION, "bad"),
                StatsWidgets.tile("Inbound", vm.inbound, "Messages customers sent, counted on the day they sent them.", null),
                StatsWidgets.tile("New conversations", vm.newConversations, "Conversations opened for the first time (a reopen is not new).", null),
                StatsWidgets.tile("First response", vm.firstResponse, ResponseTimes.FIRST_RESPONSE_DEFINITION, null),
                StatsWidgets.tile("Resolution", vm.resolution, ResponseTimes.RESOLUTION_DEFINITION, null));

        content.getChildren().addAll(failuresSection(), volumeSection(), deliverySection(), responsivenessSection(), breakdownSection(), StatsWidgets.healthSection(vm.health));
    }

    private void customChanged() {
        if (!syncing && fromPicker.getValue() != null && toPicker.getValue() != null && !toPicker.getValue().isBefore(fromPicker.getValue())) {
            vm.selectCustom(fromPicker.getValue(), toPicker.getValue());
        }
    }

    /** What "Reconcile with Meta" does (the window opens the reconciliation for the shown tenant and range). */
    /** The "By agent" tab's content (response times per agent); call before {@link #load()}. */
    public void byAgent(AgentBreakdownView view) {
        this.byAgent = view;
    }

    public void onReconcile(Runnable action) {
        this.onReconcile = action;
    }

    @FXML
    private void reconcileWithMeta() {
        onReconcile.run();
    }

    @FXML
    private void refresh() {
        vm.refresh();
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
        vm.days.addListener((ListChangeListener<DayVolume>) c -> StatsWidgets.fill(vm.days, List.of(sent, delivered, read, failed), d -> d.day().toString(),
                List.of(DayVolume::sent, DayVolume::delivered, DayVolume::read, DayVolume::failed)));
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
        vm.responses.addListener((ListChangeListener<StatsViewModel.ResponseRow>) c -> {
            for (int s = 0; s < vm.responses.size() && s < 2; s++) {
                XYChart.Series<String, Number> target = s == 0 ? first : resolved;
                List<Long> counts = vm.responses.get(s).times().buckets();
                List<XYChart.Data<String, Number>> points = new java.util.ArrayList<>();
                for (int i = 0; i < counts.size(); i++) {
                    points.add(new XYChart.Data<>(ResponseTimes.BUCKETS.get(i), counts.get(i)));
                }
                target.getData().setAll(points);
            }
        });
        buckets.setPrefHeight(240);
        return StatsWidgets.section("Responsiveness", List.of(table, buckets),
                exports.csv("Export CSV…", "response-times", () -> vm.table(StatsTables.By.RESPONSE)),
                exports.png("Export PNG…", "response-times", buckets));
    }

    private Node breakdownSection() {
        TabPane tabs = new TabPane(
                StatsWidgets.breakdownTab("By number", vm.byNumber, "No messages in this range"),
                StatsWidgets.breakdownTab("By template", vm.byTemplate, "No template messages in this range"),
                StatsWidgets.breakdownTab("By campaign", vm.byCampaign, "No campaign messages in this range"),
                byAgent != null ? byAgent.tab() : StatsWidgets.breakdownTab("By agent", vm.byAgent, "Agents are not tracked yet"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefHeight(220);
        return StatsWidgets.section("Breakdowns", List.of(tabs),
                exports.csv("Export by number CSV…", "by-number", () -> vm.table(StatsTables.By.NUMBER)),
                exports.csv("Export by template CSV…", "by-template", () -> vm.table(StatsTables.By.TEMPLATE)),
                exports.csv("Export by campaign CSV…", "by-campaign", () -> vm.table(StatsTables.By.CAMPAIGN)),
                exports.csv("Export by agent CSV…", "by-agent", () -> byAgent != null ? byAgent.table() : vm.table(StatsTables.By.AGENT)));
    }

}
