package io.switchboard.ui;

import io.switchboard.app.Services;
import io.switchboard.config.Settings;
import io.switchboard.ui.common.Dialogs;
import io.switchboard.ui.common.Themes;
import io.switchboard.ui.inbox.InboxView;
import io.switchboard.ui.inbox.InboxViewModel;
import io.switchboard.ui.inbox.WindowMemory;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The window. The database starts in the background while the window already shows. */
public class DesktopApp extends Application {
    private static volatile Supplier<Services> launchBackend;
    private static volatile Settings launchSettings;
    private Supplier<Services> backend;
    private final Preferences preferences;
    private InboxView controller;
    private Services started;

    public DesktopApp() {
        this(Objects.requireNonNull(launchBackend, "use DesktopApp.launch(settings)"), Preferences.userRoot().node("io/switchboard/ui"));
    }

    /** For tests and tools: a backend of their own and a preferences node that is not the user's. */
    public DesktopApp(Supplier<Services> backend, Preferences preferences) {
        this.backend = backend;
        this.preferences = preferences;
    }

    public static void launch(Settings settings) {
        launchBackend = () -> Services.start(settings);
        launchSettings = settings;
        Application.launch(DesktopApp.class);
    }

    /**
     * Quits as closing the window does, from any thread: the window saves its layout, the services
     * close, then the toolkit ends; before the toolkit runs there is nothing to close.
     */
    public static void quit() {
        try {
            Platform.runLater(Platform::exit);
        } catch (IllegalStateException toolkitNotRunning) {
            System.exit(0);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Settings settings = launchSettings;
        if (settings == null) {
            openInbox(stage);
            return;
        }
        // Team mode signs in first, then starts on the agent's own credentials (io.switchboard.ui.signin).
        io.switchboard.ui.signin.SignInGate.pass(settings, signedIn -> {
            if (signedIn != settings) {
                backend = () -> Services.start(signedIn);
            }
            try {
                openInbox(stage);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void openInbox(Stage stage) throws java.io.IOException {
        Themes.apply(false);
        FXMLLoader loader = new FXMLLoader(DesktopApp.class.getResource("/fxml/inbox/inbox.fxml"));
        Parent root = loader.load();
        controller = loader.getController();
        WindowMemory memory = new WindowMemory(preferences);
        Scene scene = new Scene(root, 1280, 800);
        Dialogs.style(scene);
        stage.setTitle("Switchboard");
        stage.setMinWidth(980);
        stage.setMinHeight(560);
        stage.setScene(scene);
        memory.restore(stage);
        stage.show();
        controller.start(stage, () -> started = backend.get(), memory, Instant::now);
    }

    /** The window's state once the database is up, null before: tools and tests drive the window through it. */
    public InboxViewModel model() {
        return controller == null ? null : controller.model();
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.shutdown();
        }
        if (started != null) {
            started.close();
        }
    }
}
