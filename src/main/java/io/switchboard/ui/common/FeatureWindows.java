package io.switchboard.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The steps every feature window (templates, campaigns, automations and their editors) takes to appear: load its
 * FXML, put it in a window owned by the inbox with the feature's style sheets, and give it threads for its I/O.
 */
public final class FeatureWindows {
    private FeatureWindows() {
    }

    /** A loaded FXML view: its root node and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }

    /** Loads {@code fxml} (a resource path such as "/fxml/templates/templates.fxml"). */
    public static <C> Loaded<C> load(String fxml) {
        FXMLLoader loader = new FXMLLoader(Objects.requireNonNull(FeatureWindows.class.getResource(fxml), fxml));
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A window showing {@code root} with {@code sheets}, owned by {@code owner} when there is one (a test may have none). */
    public static Stage stage(Window owner, String title, Parent root, List<String> sheets) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(title);
        stage.setScene(scene(root, sheets));
        return stage;
    }

    public static Scene scene(Parent root, List<String> sheets) {
        Scene scene = new Scene(root);
        sheets.forEach(s -> scene.getStylesheets().add(Objects.requireNonNull(FeatureWindows.class.getResource(s), s).toExternalForm()));
        return scene;
    }

    /** Two daemon threads named {@code name} for a window's reads and writes, so its FX thread never waits on them. */
    public static ExecutorService io(String name) {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
