package io.switchboard.ui.backup;

import io.switchboard.app.Services;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "Back up or restore" dialog: binds {@code fxml/backup/backup.fxml} to a {@link BackupViewModel}. */
public final class BackupView {
    private static final FileChooser.ExtensionFilter BACKUPS = new FileChooser.ExtensionFilter("Switchboard backups (*.sbk)", "*.sbk");

    @FXML private Label lastBackup;
    @FXML private Button backupButton;
    @FXML private Button restoreButton;
    @FXML private ProgressBar progress;
    @FXML private Label step;
    @FXML private Label result;
    @FXML private Label error;
    private BackupViewModel model;

    /** Opens the dialog over {@code owner}; its jobs run on a thread of their own, which ends when the dialog closes and its job is done. */
    public static Stage open(Window owner, Services services) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "switchboard-backup");
            t.setDaemon(true);
            return t;
        });
        BackupViewModel model = new BackupViewModel(services.backups(), services.dailyBackups(), worker, Platform::runLater, ZoneId.systemDefault());
        FXMLLoader loader = new FXMLLoader(BackupView.class.getResource("/fxml/backup/backup.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            worker.shutdown();
            throw new UncheckedIOException(e);
        }
        BackupView view = loader.getController();
        view.bind(model);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Back up or restore");
        Scene scene = new Scene(root);
        for (String sheet : java.util.List.of("/styles/app.css", "/styles/inbox.css")) {
            scene.getStylesheets().add(Objects.requireNonNull(BackupView.class.getResource(sheet)).toExternalForm());
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> worker.shutdown());
        stage.show();
        model.refreshLastBackup();
        return stage;
    }

    private void bind(BackupViewModel model) {
        this.model = model;
        lastBackup.textProperty().bind(model.lastBackupProperty());
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.busyProperty().or(model.resultProperty().isNotEmpty()));
        step.textProperty().bind(model.stepProperty());
        result.textProperty().bind(model.resultProperty());
        error.textProperty().bind(model.errorProperty());
        backupButton.disableProperty().bind(model.busyProperty());
        restoreButton.disableProperty().bind(model.busyProperty());
    }

    @FXML
    private void backUp() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Back up to");
        chooser.getExtensionFilters().add(BACKUPS);
        chooser.setInitialFileName(model.suggestedFileName());
        File file = chooser.showSaveDialog(backupButton.getScene().getWindow());
        if (file != null) {
            model.backUp(file.toPath());
        }
    }

    @FXML
    private void restore() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Restore from");
        chooser.getExtensionFilters().add(BACKUPS);
        File file = chooser.showOpenDialog(restoreButton.getScene().getWindow());
        if (file != null) {
            model.restore(file.toPath());
        }
    }
}
