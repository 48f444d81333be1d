package io.switchboard.ui.stats;

import io.switchboard.stats.MetaComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

/**
 * Binds a reconcile fxml to its {@link MetaComparisonViewModel}: ours, Meta's and the difference per thing and UTC day;
 * rows that differ are tinted (more than 1 %: red, less: amber) and carry their reason in a column and on hover.
 * Subclasses give the columns of what they compare.
 */
public abstract class MetaComparisonView<W extends MetaComparison.Day> {
    private final MetaComparisonViewModel<?, W> vm;
    private final String fxml;
    private final String exportTitle;
    private final String exportFile;
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
    @FXML private TableView<W> table;
    @FXML private Label statusLabel;

    /** {@code fxml}: the file under /fxml/stats/; {@code exportTitle}, {@code exportFile}: the CSV save dialog's title and name. */
    protected MetaComparisonView(MetaComparisonViewModel<?, W> vm, String fxml, String exportTitle, String exportFile, SaveTarget saveTarget,
                                 Executor io, Supplier<Window> window) {
        this.vm = vm;
        this.fxml = fxml;
        this.exportTitle = exportTitle;
        this.exportFile = exportFile;
        this.saveTarget = saveTarget;
        this.io = io;
        this.window = window;
    }

    /** The table's columns, left to right. */
    protected abstract List<TableColumn<W, String>> columns();

    public Parent load() {
        FXMLLoader loader = new FXMLLoader(MetaComparisonView.class.getResource("/fxml/stats/" + fxml));
        loader.setController(this);
        try {
            Parent root = loader.load();
            root.getStylesheets().add(MetaComparisonView.class.getResource("/styles/stats.css").toExternalForm());
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
        table.getColumns().setAll(columns());
        table.setPlaceholder(new Label("Choose UTC days and ask Meta"));
        table.setRowFactory(t -> tintedRow());
    }

    private TableRow<W> tintedRow() {
        TableRow<W> row = new TableRow<>();
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
    }

    /** A difference with its sign ("+3", "-1"), or "0". */
    static String signed(long n) {
        return n == 0 ? "0" : String.format("%+,d", n);
    }

    static String count(long n) {
        return String.format("%,d", n);
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
        saveTarget.choose(window.get(), exportTitle, exportFile, "csv").ifPresent(path -> io.execute(() -> {
            try {
                Files.writeString(path, t.csv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                Platform.runLater(() -> vm.error.set("Could not write " + path + ": " + e.getMessage()));
            }
        }));
    }
}
