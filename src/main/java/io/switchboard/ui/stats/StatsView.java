package io.switchboard.ui.stats;

import io.switchboard.stats.Breakdown;
import io.switchboard.stats.DayVolume;
import io.switchboard.stats.DeliveryFunnel;
import io.switchboard.stats.FailedMessage;
import io.switchboard.stats.FailureReason;
import io.switchboard.stats.HourVolume;
import io.switchboard.stats.NumberHealth;
import io.switchboard.stats.ResponseTimes;
import io.switchboard.stats.StatsTable;
import io.switchboard.stats.StatsTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
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
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
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
    private final SaveTarget saveTarget;
    private final Executor io;
    private final Supplier<Window> window;

    @FXML private ComboBox<TenantChoice> tenantBox;
    @FXML private HBox presetBox;
    @FXML private DatePicker fromPicker;
    @FXML private DatePicker toPicker;
    @FXML private Label rangeLabel;
    @FXML private Label updatedLabel;
    @FXML private Button refreshButton;
    @FXML private ScrollPane scroll;
    @FXML private VBox content;
    @FXML private Label healthWarning;
    @FXML private FlowPane tiles;
    @FXML private Label statusLabel;

    private final ToggleGroup presets = new ToggleGroup();
    private Parent root;
    private boolean syncing;

    public StatsView(StatsViewModel vm, SaveTarget saveTarget, Executor io, Supplier<Window> window) {
        this.vm = vm;
        this.saveTarget = saveTarget;
        this.io = io;
        this.window = window;
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
        updatedLabel.textProperty().bind(vm.updatedText);
        statusLabel.textProperty().bind(vm.error);
        healthWarning.textProperty().bind(vm.healthWarning);
        healthWarning.visibleProperty().bind(vm.healthWarning.isNotEmpty());
        healthWarning.managedProperty().bind(healthWarning.visibleProperty());

        tiles.getChildren().addAll(
                tile("Sent", vm.sent, DeliveryFunnel.SENT_DEFINITION, null),
                tile("Delivered", vm.delivered, DeliveryFunnel.DELIVERED_DEFINITION, null),
                tile("Read", vm.read, DeliveryFunnel.READ_DEFINITION, null),
                tile("Failed", vm.failed, DeliveryFunnel.FAILED_DEFINITION, "bad"),
                tile("Delivery rate", vm.deliveryRate, DeliveryFunnel.DELIVERY_RATE_DEFINITION, "rate"),
                tile("Read rate", vm.readRate, DeliveryFunnel.READ_RATE_DEFINITION, "rate"),
                tile("Failure rate", vm.failureRate, DeliveryFunnel.FAILURE_RATE_DEFINITION, "bad"),
                tile("Inbound", vm.inbound, "Messages customers sent, counted on the day they sent them.", null),
                tile("New conversations", vm.newConversations, "Conversations opened for the first time (a reopen is not new).", null),
                tile("First response", vm.firstResponse, ResponseTimes.FIRST_RESPONSE_DEFINITION, null),
                tile("Resolution", vm.resolution, ResponseTimes.RESOLUTION_DEFINITION, null));

        content.getChildren().addAll(failuresSection(), volumeSection(), deliverySection(), responsivenessSection(), breakdownSection(), healthSection());
    }

    private void customChanged() {
        if (!syncing && fromPicker.getValue() != null && toPicker.getValue() != null && !toPicker.getValue().isBefore(fromPicker.getValue())) {
            vm.selectCustom(fromPicker.getValue(), toPicker.getValue());
        }
    }

    @FXML
    private void refresh() {
        vm.refresh();
    }

    private static Node tile(String label, ObservableValue<String> value, String definition, String style) {
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().add("stats-tile-value");
        Label l = new Label(label);
        l.getStyleClass().add("stats-tile-label");
        VBox box = new VBox(2, v, l);
        box.getStyleClass().add("stats-tile");
        if (style != null) {
            box.getStyleClass().add(style);
        }
        box.setId("tile-" + label.toLowerCase().replace(' ', '-'));
        Tooltip tip = new Tooltip(definition);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        Tooltip.install(box, tip);
        return box;
    }

    private Node failuresSection() {
        TableView<FailureReason> table = new TableView<>(vm.failures);
        table.setId("failureTable");
        table.getColumns().setAll(List.of(
                column("Code", FailureReason::code, 90),
                column("Meta's title", FailureReason::title, 200),
                column("What it means", FailureReason::reason, 420),
                column("Count", f -> String.format("%,d", f.count()), 80),
                column("Share", f -> f.share().percent(), 70)));
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
                column("Phone", FailedMessage::phone, 140),
                column("Contact", m -> m.contactName() == null ? "" : m.contactName(), 160),
                column("Failed at (UTC)", m -> String.valueOf(m.failedAt()).replace('T', ' '), 160),
                column("Message", m -> m.content() == null ? "" : m.content(), 300),
                column("Detail", m -> m.errorDetail() == null ? "" : m.errorDetail(), 300)));
        drill.setPlaceholder(new Label("Select a reason to see who did not receive which message"));
        drill.setPrefHeight(170);
        Label drillTitle = new Label();
        drillTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> vm.drillReason.get() == null ? ""
                : "Messages that failed with " + vm.drillReason.get().code() + " (" + vm.drillMessages.size() + ")", vm.drillReason, vm.drillMessages));
        return section("Failures by reason", List.of(table, drillTitle, drill),
                exportItem("Export failures CSV…", "failures", () -> vm.table(StatsTables.By.ERROR)),
                exportItem("Export drill-down CSV…", "failed-messages", vm::drillTable));
    }

    private Node volumeSection() {
        LineChart<String, Number> perDay = lineChart("Messages per day");
        perDay.setId("volumeChart");
        XYChart.Series<String, Number> in = series("Inbound");
        XYChart.Series<String, Number> out = series("Outbound");
        XYChart.Series<String, Number> conv = series("New conversations");
        perDay.getData().setAll(List.of(in, out, conv));
        vm.days.addListener((ListChangeListener<DayVolume>) c -> fill(vm.days, List.of(in, out, conv), d -> d.day().toString(),
                List.of(DayVolume::inbound, DayVolume::outbound, DayVolume::conversations)));
        BarChart<String, Number> byHour = new BarChart<>(new CategoryAxis(), new NumberAxis());
        byHour.setId("hourChart");
        byHour.setTitle("By hour of day");
        byHour.setAnimated(false);
        byHour.setCategoryGap(2);
        byHour.setBarGap(0);
        XYChart.Series<String, Number> hin = series("Inbound");
        XYChart.Series<String, Number> hout = series("Outbound");
        byHour.getData().setAll(List.of(hin, hout));
        vm.hours.addListener((ListChangeListener<HourVolume>) c -> fill(vm.hours, List.of(hin, hout), h -> String.format("%02d", h.hour()),
                List.of(HourVolume::inbound, HourVolume::outbound)));
        HBox charts = new HBox(12, perDay, byHour);
        HBox.setHgrow(perDay, Priority.ALWAYS);
        perDay.setPrefWidth(640);
        byHour.setPrefWidth(460);
        return section("Volume", List.of(charts),
                exportItem("Export per day CSV…", "volume-by-day", () -> vm.table(StatsTables.By.DAY)),
                exportItem("Export by hour CSV…", "volume-by-hour", () -> vm.table(StatsTables.By.HOUR)),
                pngItem("Export per day PNG…", "volume-by-day", perDay),
                pngItem("Export by hour PNG…", "volume-by-hour", byHour));
    }

    private Node deliverySection() {
        LineChart<String, Number> chart = lineChart("Delivery per day");
        chart.setId("deliveryChart");
        XYChart.Series<String, Number> sent = series("Sent");
        XYChart.Series<String, Number> delivered = series("Delivered");
        XYChart.Series<String, Number> read = series("Read");
        XYChart.Series<String, Number> failed = series("Failed");
        chart.getData().setAll(List.of(sent, delivered, read, failed));
        vm.days.addListener((ListChangeListener<DayVolume>) c -> fill(vm.days, List.of(sent, delivered, read, failed), d -> d.day().toString(),
                List.of(DayVolume::sent, DayVolume::delivered, DayVolume::read, DayVolume::failed)));
        chart.setPrefHeight(280);
        return section("Delivery", List.of(chart),
                exportItem("Export CSV…", "delivery-by-day", () -> vm.table(StatsTables.By.DAY)),
                pngItem("Export PNG…", "delivery-by-day", chart));
    }

    private Node responsivenessSection() {
        TableView<StatsViewModel.ResponseRow> table = new TableView<>(vm.responses);
        table.getColumns().add(column("Measure", StatsViewModel.ResponseRow::measure, 130));
        table.getColumns().add(column("Count", r -> String.format("%,d", r.times().count()), 80));
        table.getColumns().add(column("Median", r -> ResponseTimes.format(r.times().medianMinutes()), 100));
        table.getColumns().add(column("p90", r -> ResponseTimes.format(r.times().p90Minutes()), 100));
        for (int i = 0; i < ResponseTimes.BUCKETS.size(); i++) {
            int bucket = i;
            table.getColumns().add(column(ResponseTimes.BUCKETS.get(i), r -> String.format("%,d", r.times().buckets().get(bucket)), 70));
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
        XYChart.Series<String, Number> first = series("First response");
        XYChart.Series<String, Number> resolved = series("Resolution");
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
        return section("Responsiveness", List.of(table, buckets),
                exportItem("Export CSV…", "response-times", () -> vm.table(StatsTables.By.RESPONSE)),
                pngItem("Export PNG…", "response-times", buckets));
    }

    private Node breakdownSection() {
        TabPane tabs = new TabPane(
                breakdownTab("By number", vm.byNumber, "No messages in this range"),
                breakdownTab("By template", vm.byTemplate, "No template messages in this range"),
                breakdownTab("By campaign", vm.byCampaign, "No campaign messages in this range"),
                breakdownTab("By agent", vm.byAgent, "Agents are not tracked yet"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefHeight(220);
        return section("Breakdowns", List.of(tabs),
                exportItem("Export by number CSV…", "by-number", () -> vm.table(StatsTables.By.NUMBER)),
                exportItem("Export by template CSV…", "by-template", () -> vm.table(StatsTables.By.TEMPLATE)),
                exportItem("Export by campaign CSV…", "by-campaign", () -> vm.table(StatsTables.By.CAMPAIGN)),
                exportItem("Export by agent CSV…", "by-agent", () -> vm.table(StatsTables.By.AGENT)));
    }

    private static Tab breakdownTab(String title, ObservableList<Breakdown> items, String empty) {
        TableView<Breakdown> table = new TableView<>(items);
        table.getColumns().setAll(List.of(
                column("Name", Breakdown::label, 260),
                column("Inbound", b -> String.format("%,d", b.inbound()), 80),
                column("Outbound", b -> String.format("%,d", b.outbound()), 80),
                column("Sent", b -> String.format("%,d", b.sent()), 80),
                column("Delivered", b -> String.format("%,d", b.delivered()), 80),
                column("Read", b -> String.format("%,d", b.read()), 80),
                column("Failed", b -> String.format("%,d", b.failed()), 80),
                column("Delivery rate", b -> b.deliveryRate().percent(), 100),
                column("Read rate", b -> b.readRate().percent(), 90)));
        table.setPlaceholder(new Label(empty));
        return new Tab(title, table);
    }

    private Node healthSection() {
        TableView<NumberHealth> table = new TableView<>(vm.health);
        table.getColumns().setAll(List.of(
                column("Number", h -> h.displayPhone() == null ? h.phoneNumberId() : h.displayPhone() + " (" + h.phoneNumberId() + ")", 260),
                column("Quality", h -> h.qualityRating() == null ? "not reported yet" : h.qualityRating(), 130),
                column("Messaging limit", h -> h.messagingLimitTier() == null ? "–" : h.messagingLimitTier(), 130),
                column("Status", h -> h.status() == null ? "–" : h.status(), 110),
                column("Reported", h -> h.updatedAt() == null ? "–" : h.updatedAt().toString().replace('T', ' '), 160),
                column("Warning", h -> h.warning() == null ? "" : h.warning(), 380)));
        table.setPlaceholder(new Label("No WhatsApp number connected"));
        table.setPrefHeight(120);
        return section("Number health", List.of(table));
    }

    private Node section(String title, List<Node> body, MenuItem... exports) {
        Label heading = new Label(title);
        heading.getStyleClass().add("stats-section-title");
        HBox head = new HBox(8, heading, new Pane());
        HBox.setHgrow(head.getChildren().get(1), Priority.ALWAYS);
        if (exports.length > 0) {
            MenuButton menu = new MenuButton("Export", null, exports);
            menu.setId("export-" + title.toLowerCase().replace(' ', '-'));
            menu.getStyleClass().add("flat");
            head.getChildren().add(menu);
        }
        VBox box = new VBox(6);
        box.getChildren().add(head);
        box.getChildren().addAll(body);
        return box;
    }

    private MenuItem exportItem(String text, String name, Supplier<StatsTable> table) {
        MenuItem item = new MenuItem(text);
        item.setId("csv-" + name);
        item.setOnAction(e -> {
            StatsTable t = table.get();
            if (t == null) {
                return;
            }
            Optional<Path> file = saveTarget.choose(window.get(), text.replace("…", ""), name + ".csv", "csv");
            file.ifPresent(path -> io.execute(() -> {
                try {
                    Files.writeString(path, t.csv(), StandardCharsets.UTF_8);
                } catch (IOException ex) {
                    javafx.application.Platform.runLater(() -> vm.error.set("Could not write " + path + ": " + ex.getMessage()));
                }
            }));
        });
        return item;
    }

    private MenuItem pngItem(String text, String name, Node chart) {
        MenuItem item = new MenuItem(text);
        item.setId("png-" + name);
        item.setOnAction(e -> saveTarget.choose(window.get(), text.replace("…", ""), name + ".png", "png").ifPresent(path -> {
            ChartPng png = ChartPng.snapshot(chart);
            io.execute(() -> {
                try {
                    png.write(path);
                } catch (IOException ex) {
                    javafx.application.Platform.runLater(() -> vm.error.set("Could not write " + path + ": " + ex.getMessage()));
                }
            });
        }));
        return item;
    }

    private static LineChart<String, Number> lineChart(String title) {
        LineChart<String, Number> chart = new LineChart<>(new CategoryAxis(), new NumberAxis());
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        return chart;
    }

    private static XYChart.Series<String, Number> series(String name) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    private static <T> void fill(List<T> rows, List<XYChart.Series<String, Number>> series, Function<T, String> category,
                                 List<Function<T, Long>> values) {
        for (int s = 0; s < series.size(); s++) {
            Function<T, Long> value = values.get(s);
            ObservableList<XYChart.Data<String, Number>> data = series.get(s).getData();
            if (data.size() == rows.size()) {
                for (int i = 0; i < rows.size(); i++) {
                    XYChart.Data<String, Number> point = data.get(i);
                    if (point.getXValue().equals(category.apply(rows.get(i)))) {
                        point.setYValue(value.apply(rows.get(i)));
                    } else {
                        data.set(i, new XYChart.Data<>(category.apply(rows.get(i)), value.apply(rows.get(i))));
                    }
                }
            } else {
                data.setAll(rows.stream().map(r -> new XYChart.Data<String, Number>(category.apply(r), value.apply(r))).toList());
            }
        }
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null ? "" : value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
