package io.switchboard.ui.audit;

import io.switchboard.audit.AuditEntry;
import io.switchboard.audit.AuditLog;
import io.switchboard.ui.common.FxExecutor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The audit log window (admins): binds {@code fxml/audit/audit-log.fxml} to an {@link AuditLogViewModel}. */
public final class AuditLogView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @FXML private TableView<AuditEntry> table;
    @FXML private TableColumn<AuditEntry, String> atColumn;
    @FXML private TableColumn<AuditEntry, String> whoColumn;
    @FXML private TableColumn<AuditEntry, String> actionColumn;
    @FXML private TableColumn<AuditEntry, String> objectColumn;
    @FXML private TableColumn<AuditEntry, String> changeColumn;
    @FXML private Button olderButton;
    @FXML private Button exportButton;
    @FXML private Label status;
    @FXML private Label error;
    private AuditLogViewModel model;

    /** Opens the window over {@code owner} for one tenant; its reads run on an executor that closes with the window. */
    public static Stage open(Window owner, AuditLog log, UUID tenant, String tenantName) {
        FxExecutor executor = new FxExecutor();
        AuditLogViewModel model = new AuditLogViewModel(log, tenant, executor);
        FXMLLoader loader = new FXMLLoader(AuditLogView.class.getResource("/fxml/audit/audit-log.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            executor.close();
            throw new UncheckedIOException(e);
        }
        AuditLogView view = loader.getController();
        view.bind(model);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Audit log — " + tenantName);
        Scene scene = new Scene(root, 1120, 600);
        for (String sheet : List.of("/styles/app.css", "/styles/inbox.css")) {
            scene.getStylesheets().add(Objects.requireNonNull(AuditLogView.class.getResource(sheet)).toExternalForm());
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> executor.close());
        stage.show();
        model.refresh();
        return stage;
    }

    private void bind(AuditLogViewModel model) {
        this.model = model;
        table.setItems(model.entries());
        column(atColumn, e -> WHEN.format(e.at()));
        column(whoColumn, e -> e.actorName() == null ? e.actorLogin() : e.actorName() + " (" + e.actorLogin() + ")");
        column(actionColumn, AuditEntry::action);
        column(objectColumn, e -> e.objectType() + (e.objectId() == null ? "" : " " + e.objectId()));
        column(changeColumn, AuditEntry::change);
        olderButton.disableProperty().bind(model.moreProperty().not().or(model.busyProperty()));
        exportButton.disableProperty().bind(model.busyProperty());
        status.textProperty().bind(model.statusProperty());
        error.textProperty().bind(model.errorProperty());
    }

    private static void column(TableColumn<AuditEntry, String> column, Function<AuditEntry, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(c.getValue())));
    }

    @FXML
    private void loadOlder() {
        model.loadOlder();
    }

    @FXML
    private void refresh() {
        model.refresh();
    }

    @FXML
    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the audit log as CSV");
        chooser.setInitialFileName("audit-log.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV (*.csv)", "*.csv"));
        File file = chooser.showSaveDialog(table.getScene().getWindow());
        if (file != null) {
            model.exportCsv(file.toPath());
        }
    }
}
