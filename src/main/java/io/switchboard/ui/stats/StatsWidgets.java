package io.switchboard.ui.stats;

import io.switchboard.stats.Breakdown;
import io.switchboard.stats.NumberHealth;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Stats view's small building blocks: rate tiles, charts and their series, table columns, breakdown tabs. */
final class StatsWidgets {
    private StatsWidgets() {
    }

    static Node tile(String label, ObservableValue<String> value, String definition, String style) {
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

    static Tab breakdownTab(String title, ObservableList<Breakdown> items, String empty) {
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

    /**
     * Keeps a tab's content out of the scene until the tab is first selected. A TabPane keeps every tab's content in the
     * scene (hidden), and each node in a scene costs CSS matching at every show of a kept window (stats-11); the content
     * stays bound to the view model meanwhile, so it is current when it appears. Call before adding the tab to its pane.
     */
    static Tab contentWhenSelected(Tab tab) {
        Node content = tab.getContent();
        tab.setContent(null);
        tab.selectedProperty().addListener((obs, was, selected) -> {
            if (selected && tab.getContent() == null) {
                tab.setContent(content);
            }
        });
        return tab;
    }

    static LineChart<String, Number> lineChart(String title) {
        LineChart<String, Number> chart = new LineChart<>(new CategoryAxis(), new NumberAxis());
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        return chart;
    }

    static XYChart.Series<String, Number> series(String name) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    static <T> void fill(List<T> rows, List<XYChart.Series<String, Number>> series, Function<T, String> category,
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

    static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue() == null ? "" : value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    static Node section(String title, List<Node> body, MenuItem... exports) {
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

    /** Quality rating, messaging limit and status of each WhatsApp number, with a warning when quality drops. */
    static Node healthSection(ObservableList<NumberHealth> rows) {
        TableView<NumberHealth> table = new TableView<>(rows);
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
}
