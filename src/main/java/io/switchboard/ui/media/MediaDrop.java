package io.switchboard.ui.media;

import java.io.File;
import java.util.List;
import javafx.scene.control.Control;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The ways a file from this computer gets into the thread: dropped onto the messages, pasted into the
 * composer (a copied picture or copied files), or chosen with the attach menu. Each hands the files to
 * {@link ThreadMediaViewModel#sendFiles}, which checks and queues them off the FX thread.
 */
public final class MediaDrop {
    private MediaDrop() {
    }

    /** Drops onto {@code target} and pastes into {@code composer} send files. */
    public static void install(Control target, TextInputControl composer, ThreadMediaViewModel vm) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !target.isDisabled()) {
                e.acceptTransferModes(TransferMode.COPY);
                if (!target.getStyleClass().contains("drop-target")) {
                    target.getStyleClass().add("drop-target");
                }
            }
            e.consume();
        });
        target.setOnDragExited(e -> target.getStyleClass().remove("drop-target"));
        target.setOnDragDropped(e -> {
            boolean done = false;
            if (e.getDragboard().hasFiles()) {
                vm.sendFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList(), null);
                done = true;
            }
            target.getStyleClass().remove("drop-target");
            e.setDropCompleted(done);
            e.consume();
        });
        composer.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.V && !composer.isDisabled() && paste(Clipboard.getSystemClipboard(), vm)) {
                e.consume();
            }
        });
    }

    /** Sends what the clipboard holds when it is files or a picture (not text); true if it did. */
    static boolean paste(Clipboard clipboard, ThreadMediaViewModel vm) {
        if (clipboard.hasFiles()) {
            vm.sendFiles(clipboard.getFiles().stream().map(File::toPath).toList(), null);
            return true;
        }
        if (clipboard.hasImage() && !clipboard.hasString()) {
            Image image = clipboard.getImage();
            PixelReader reader = image.getPixelReader();
            if (reader == null) {
                return false;
            }
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            int[] argb = new int[w * h];
            reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
            vm.sendPicture(w, h, argb);
            return true;
        }
        return false;
    }

    /** The attach menu ends with the tenant's media storage total against its cap, read each time the menu opens. */
    public static void showUsageIn(javafx.scene.control.MenuButton menu, ThreadMediaViewModel vm) {
        javafx.scene.control.MenuItem usage = new javafx.scene.control.MenuItem();
        usage.setDisable(true);
        usage.textProperty().bind(vm.usageProperty());
        usage.visibleProperty().bind(vm.usageProperty().isNotEmpty());
        menu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), usage);
        menu.setOnShowing(e -> vm.refreshUsage());
        vm.refreshUsage();
    }

    /** The attach menu's "File from this computer…". */
    public static void choose(Window owner, ThreadMediaViewModel vm) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Send a file");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Files WhatsApp takes", "*.jpg", "*.jpeg", "*.png", "*.webp", "*.pdf", "*.txt", "*.doc", "*.docx",
                        "*.xls", "*.xlsx", "*.ppt", "*.pptx", "*.mp3", "*.m4a", "*.aac", "*.amr", "*.ogg", "*.opus", "*.mp4", "*.3gp"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> files = chooser.showOpenMultipleDialog(owner);
        if (files != null) {
            vm.sendFiles(files.stream().map(File::toPath).toList(), null);
        }
    }
}
