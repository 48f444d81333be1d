package io.switchboard.ui;

import io.switchboard.app.Services;
import io.switchboard.config.Settings;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes the README's screenshots from the running app: opens the window on the configured
 * database (SWITCHBOARD_HOME…), opens conversation N, and writes light and dark PNGs.
 * Run: java -cp target/classes:target/test-classes:target/lib/* io.switchboard.ui.ScreenshotTool OUT_DIR [INDEX [extra|none [TENANT_ID]]]
 */
public final class ScreenshotTool {
    private ScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        int index = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Files.createDirectories(out.toPath());
        Settings settings = Settings.load();
        Preferences prefs = Preferences.userRoot().node("switchboard-screenshots");
        prefs.clear();
        prefs.put("theme", "LIGHT");
        if (args.length > 3) {
            prefs.put("tenant", args[3]);
        }
        Platform.startup(() -> { });
        DesktopApp app = new DesktopApp(() -> Services.start(settings), prefs);
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                app.start(stage);
                shown.complete(stage);
            } catch (Exception e) {
                shown.completeExceptionally(e);
            }
        });
        Stage stage = shown.get(30, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 60_000;
        while (onFx(() -> app.model() == null || app.model().conversationList().rows().isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        onFx(() -> {
            app.model().conversationList().select(index);
            return null;
        });
        Thread.sleep(2500);
        write(stage.getScene(), new File(out, "inbox-light.png"));
        // Light, then dark: the theme button as the agent clicks it (system → light → dark → system).
        fire(stage, "#themeButton");
        Thread.sleep(1500);
        write(stage.getScene(), new File(out, "inbox-dark.png"));
        if (args.length > 2 && args[2].equals("extra")) {
            fire(stage, "#helpButton");
            Thread.sleep(500);
            write(stage.getScene(), new File(out, "help-dark.png"));
            fire(stage, "#helpButton");
            fire(stage, "#themeButton");
            fire(stage, "#themeButton");
            fire(stage, "#contactsButton");
            Thread.sleep(2500);
            Stage contacts = onFx(() -> (Stage) javafx.stage.Window.getWindows().stream().filter(w -> w != stage).findFirst().orElseThrow());
            write(contacts.getScene(), new File(out, "contacts-light.png"));
            onFx(() -> {
                contacts.close();
                return null;
            });
            fire(stage, "#tenantsButton");
            Thread.sleep(1500);
            Stage tenants = onFx(() -> (Stage) javafx.stage.Window.getWindows().stream().filter(w -> w != stage).findFirst().orElseThrow());
            write(tenants.getScene(), new File(out, "tenants-light.png"));
            onFx(() -> {
                tenants.close();
                return null;
            });
            fire(stage, "#templateButton");
            Thread.sleep(1500);
            Stage picker = onFx(() -> (Stage) javafx.stage.Window.getWindows().stream().filter(w -> w != stage).findFirst().orElseThrow());
            write(picker.getScene(), new File(out, "template-light.png"));
        }
        Platform.runLater(() -> {
            stage.close();
            app.stop();
            prefs.parent();
            Platform.exit();
            System.exit(0);
        });
    }

    /** Presses a button of the window, as a click would. */
    private static void fire(Stage stage, String id) throws Exception {
        onFx(() -> {
            ((javafx.scene.control.ButtonBase) stage.getScene().lookup(id)).fire();
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    private static void write(Scene scene, File file) throws Exception {
        WritableImage image = onFx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        ImageIO.write(png, "png", file);
        System.out.println("wrote " + file);
    }
}
