package io.switchboard.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens an FXML view in its own window that shares the theme, and closes on Esc. */
public final class Dialogs {
    public static final List<String> SHEETS = List.of("/styles/app.css", "/styles/inbox.css");

    private Dialogs() {
    }

    public record Opened<C>(Stage stage, C controller) {
    }

    public static <C> Opened<C> open(Window owner, String fxml, String title, boolean modal) {
        FXMLLoader loader = new FXMLLoader(Dialogs.class.getResource("/fxml/" + fxml));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        if (modal) {
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(title);
        Scene scene = new Scene(root);
        style(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                stage.close();
            }
        });
        stage.setScene(scene);
        return new Opened<>(stage, loader.getController());
    }

    public static void style(Scene scene) {
        for (String sheet : SHEETS) {
            scene.getStylesheets().add(Objects.requireNonNull(Dialogs.class.getResource(sheet)).toExternalForm());
        }
    }
}
