package io.switchboard.ui.palette;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.app.Services;
import io.switchboard.automation.ActionType;
import io.switchboard.automation.AutomationDraft;
import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.TriggerType;
import io.switchboard.config.SecretBox;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.demo.DemoData;
import io.switchboard.team.TeamServices;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.DesktopApp;
import java.io.File;
import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The README's palette and thread-header screenshots at 1280×800, on a throwaway database: a conversation with a
 * long contact name, assigned and labelled, open; then the palette over it, filtered by "run".
 * Run under Xvfb (DISPLAY=:75) or Monocle: java -cp target/classes:target/test-classes:CLASSPATH
 * io.switchboard.ui.palette.PaletteScreenshotTool docs/screenshots PREFIX
 */
public final class PaletteScreenshotTool {
    private PaletteScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        String prefix = args.length > 1 ? args[1] : "";
        Files.createDirectories(out.toPath());
        Database db = TestDatabase.open();
        InboxFixtures fx = new InboxFixtures(db);
        UUID tenant = fx.tenant("Acme Support");
        new DemoData(db).fill(tenant, 30, 200, 7L);
        TeamServices team = new TeamServices(db, "Pat Owner");
        team.agents().me(tenant);
        UUID open = fx.customerWrites(tenant, "+5511955501234", "Maria Fernanda dos Santos Albuquerque-Vasconcelos",
                "Oi! My order #4821 still says 'processing' after five days. Can you check?");
        team.assignment().assignToMe(tenant, open);
        var vip = team.labels().create(tenant, "VIP", "#f59e0b");
        team.labels().setLabel(tenant, open, vip.id(), true);
        SecretBox secrets = new SecretBox(new byte[32]);
        AutomationService automations = new AutomationService(db, secrets);
        var json = new ObjectMapper();
        var action = json.createObjectNode();
        action.putObject("metadata").put("tier", "vip");
        automations.create(tenant, new AutomationDraft("Tag as VIP", null, TriggerType.MANUAL, json.createObjectNode(), ActionType.UPDATE_CONTACT, action,
                AutomationStatus.ACTIVE));
        automations.create(tenant, new AutomationDraft("Send the returns form", null, TriggerType.MANUAL, json.createObjectNode(),
                ActionType.UPDATE_CONTACT, action, AutomationStatus.ACTIVE));

        Preferences prefs = Preferences.userRoot().node("switchboard-palette-screenshots");
        prefs.clear();
        prefs.put("theme", "LIGHT");
        prefs.put("tenant", tenant.toString());
        Platform.startup(() -> { });
        DesktopApp app = new DesktopApp(() -> new Services(new DatabaseStartup.Running(db, Optional.empty())).withSecrets(secrets), prefs);
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                app.start(stage);
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(1280);
                stage.setHeight(800);
                shown.complete(stage);
            } catch (Exception e) {
                shown.completeExceptionally(e);
            }
        });
        Stage stage = shown.get(60, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 60_000;
        while (onFx(() -> app.model() == null || app.model().conversationList().rows().isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        onFx(() -> {
            app.model().conversationList().reveal(app.model().conversationList().rows().stream().filter(r -> r.id().equals(open)).findFirst().orElseThrow());
            return null;
        });
        Thread.sleep(5000);
        write(stage.getScene(), new File(out, prefix + "thread-header-1280.png"));
        onFx(() -> {
            stage.getScene().getRoot().fireEvent(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED, "", "",
                    javafx.scene.input.KeyCode.P, true, true, false, false));
            return null;
        });
        Thread.sleep(1500);
        onFx(() -> {
            ((TextField) stage.getScene().lookup("#palette-filter")).setText("run");
            return null;
        });
        Thread.sleep(800);
        write(stage.getScene(), new File(out, prefix + "command-palette.png"));
        onFx(() -> {
            ((TextField) stage.getScene().lookup("#palette-filter")).setText("assign");
            return null;
        });
        Thread.sleep(800);
        write(stage.getScene(), new File(out, prefix + "command-palette-assign.png"));
        Platform.exit();
        db.close();
        System.exit(0);
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void write(Scene scene, File file) throws Exception {
        WritableImage image = onFx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(img, "png", file);
        System.out.println("wrote " + file);
    }
}
