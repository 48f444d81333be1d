package io.switchboard.ui.stats;

import io.switchboard.stats.TemplateReconcileRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

/**
 * Binds template-reconcile.fxml to a {@link TemplateReconcileViewModel}: ours, Meta's and the difference of sent, delivered
 * and read per template and UTC day; rows that differ are tinted like the per-number rows and carry their reason.
 */
public final class TemplateReconcileView {
    private final TemplateReconcileViewModel vm;
    private final SaveTarget saveTarget;
    private final Executor io;
    private final Supplier<Window> window;

    @FXML private Label tenantLabel;
    @FXML private DatePicker fromPicker;
    @FXML private DatePicker toPicker;
    @FXML private Button reconcileButton;
    @FXML private CheckBox onlyDifferences;
    @FXML private Button exportButton;
    @FXML private Label summaryLabel;
    @FXML private Label problemsLabel;
    @FXML private TableView<TemplateReconcileRow> table;
    @FXML private Label statusLabel;

    public TemplateReconcileView(TemplateReconcileViewModel vm, SaveTarget saveTarget, Executor io, Supplier<Window> window) {
        this.vm = vm;
        this.saveTarget = saveTarget;
        this.io = io;
        this.window = window;
    }

    public Parent load() {
        FXMLLoader loader = new FXMLLoader(TemplateReconcileView.class.getResource("/fxml/stats/template-reconcile.fxml"));
        loader.setController(this);
        try {
            Parent root = loader.load();
            root.getStylesheets().add(TemplateReconcileView.class.getResource("/styles/stats.css").toExternalForm());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FXML
    private void initialize() {
        tenantLabel.textProperty().bind(vm.tenantName);
        fromPicker.valueProperty().bindBidirectional(vm.from);
        toPicker.valueProperty().bindBidirectional(vm.to);
        onlyDifferences.selectedProperty().bindBidirectional(vm.onlyDifferences);
        reconcileButton.disableProperty().bind(vm.loading);
        exportButton.disableProperty().bind(vm.report.isNull());
        summaryLabel.textProperty().bind(vm.summary);
        problemsLabel.textProperty().bind(vm.problems);
        problemsLabel.visibleProperty().bind(vm.problems.isNotEmpty());
        problemsLabel.managedProperty().bind(problemsLabel.visibleProperty());
        statusLabel.textProperty().bind(vm.error);
        table.setItems(vm.rows);
        table.getColumns().setAll(List.of(
                StatsWidgets.column("Day (UTC)", r -> r.day().toString(), 100),
                StatsWidgets.column("Template", TemplateReconcileRow::label, 190),
                StatsWidgets.column("Sent, ours", r -> String.format("%,d", r.ourSent()), 90),
                StatsWidgets.column("Sent, Meta", r -> String.format("%,d", r.metaSent()), 90),
                StatsWidgets.column("Δ sent", r -> signed(r.sentDifference()), 70),
                StatsWidgets.column("Delivered, ours", r -> String.format("%,d", r.ourDelivered()), 115),
                StatsWidgets.column("Delivered, Meta", r -> String.format("%,d", r.metaDelivered()), 115),
                StatsWidgets.column("Δ delivered", r -> signed(r.deliveredDifference()), 90),
                StatsWidgets.column("Read, ours", r -> String.format("%,d", r.ourRead()), 90),
                StatsWidgets.column("Read, Meta", r -> String.format("%,d", r.metaRead()), 90),
                StatsWidgets.column("Δ read", r -> signed(r.readDifference()), 70),
                StatsWidgets.column("Why", r -> r.reason() == null ? "" : r.reason(), 520)));
        table.setPlaceholder(new Label("Choose UTC days and ask Meta"));
        table.setRowFactory(t -> {
            TableRow<TemplateReconcileRow> row = new TableRow<>();
            row.itemProperty().addListener((obs, old, item) -> {
                row.getStyleClass().removeAll("reconcile-flagged", "reconcile-differs");
                if (item != null && !item.agrees()) {
                    row.getStyleClass().add(item.flagged() ? "reconcile-flagged" : "reconcile-differs");
                }
                Tooltip tip = item == null || item.reason() == null ? null : new Tooltip(item.reason());
                if (tip != null) {
                    tip.setWrapText(true);
                    tip.setMaxWidth(420);
                }
                row.setTooltip(tip);
            });
            return row;
        });
    }

    private static String signed(long n) {
        return n == 0 ? "0" : String.format("%+,d", n);
    }

    @FXML
    private void reconcile() {
        vm.reconcile();
    }

    @FXML
    private void exportCsv() {
        var t = vm.table();
        if (t == null) {
            return;
        }
        saveTarget.choose(window.get(), "Export template reconciliation CSV", "reconcile-templates-with-meta.csv", "csv").ifPresent(path -> io.execute(() -> {
            try {
                java.nio.file.Files.writeString(path, t.csv(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                javafx.application.Platform.runLater(() -> vm.error.set("Could not write " + path + ": " + e.getMessage()));
            }
        }));
    }
}
