package io.switchboard.ui;

import atlantafx.base.theme.PrimerLight;
import io.switchboard.app.Services;
import io.switchboard.config.Settings;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The window. The database starts in the background while the window already shows. */
public class DesktopApp extends Application {
    private static volatile Supplier<Services> launchBackend;
    private final Supplier<Services> backend;
    private MainController controller;

    public DesktopApp() {
        this(Objects.requireNonNull(launchBackend, "use DesktopApp.launch(settings)"));
    }

    public DesktopApp(Supplier<Services> backend) {
        this.backend = backend;
    }

    public static void launch(Settings settings) {
        launchBackend = () -> Services.start(settings);
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FXMLLoader loader = new FXMLLoader(DesktopApp.class.getResource("/fxml/main.fxml"));
        Parent root = loader.load();
        controller = loader.getController();
        Scene scene = new Scene(root, 1180, 760);
        scene.getStylesheets().add(Objects.requireNonNull(DesktopApp.class.getResource("/styles/app.css")).toExternalForm());
        stage.setTitle("Switchboard");
        stage.setMinWidth(860);
        stage.setMinHeight(520);
        stage.setScene(scene);
        stage.show();
        controller.connect(backend);
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.shutdown();
        }
    }
}
