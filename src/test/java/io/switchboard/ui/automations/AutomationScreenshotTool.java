package io.switchboard.ui.automations;

import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationView;
import io.switchboard.automation.Recipes;
import io.switchboard.delivery.OutboundFixture;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes the README's Automations screenshots (list, editor after a Test, run log) on a throwaway database.
 * Run headless: java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1280x900-32
 * -cp target/classes:target/test-classes:CLASSPATH io.switchboard.ui.automations.AutomationScreenshotTool docs/screenshots
 */
public final class AutomationScreenshotTool {
    private AutomationScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out.toPath());
        OutboundFixture f = new OutboundFixture();
        AutomationService service = new AutomationService(f.db, f.secrets);
        f.execute("UPDATE tenants SET name = 'Acme Support' WHERE id = ?", f.tenantId);
        AutomationView away = service.create(f.tenantId, Recipes.away("Thanks {{contact.name}}! We are closed now and answer from 9:00."));
        service.create(f.tenantId, Recipes.stopOptOut("You are unsubscribed. Reply START to come back."));
        service.create(f.tenantId, Recipes.failedAlert("https://crm.example.com/hooks/whatsapp-failed"));
        AutomationView tag = service.create(f.tenantId, io.switchboard.automation.AutomationDraft.fromJson("""
                {"name": "Order number → CRM tag", "trigger_type": "webhook", "trigger_config": {"conditions": {"regex": "order\\\\s+(\\\\d+)"}},
                 "action_type": "update_contact", "action_config": {"metadata": {"last_order_text": "{{message.text}}"}}}"""));
        // today is a holiday: everything that arrives now is outside business hours
        new io.switchboard.automation.BusinessHoursService(f.db).set(f.tenantId, new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"time_zone": "UTC", "days": {"mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]], "wed": [["09:00", "18:00"]],
                 "thu": [["09:00", "18:00"]], "fri": [["09:00", "18:00"]]}}"""));
        f.execute("UPDATE business_hours SET holidays = ARRAY[CURRENT_DATE]");
        f.contactWhoWrote("+5511987654321", 3);
        f.contactWhoWrote("+4915112345678", 60 * 30);
        for (String phone : List.of("+5511987654321", "+4915112345678")) {
            service.execute(service.runFor(f.tenantId, away.id(), List.of(phone), Map.of()).get(0));
            service.execute(service.runFor(f.tenantId, tag.id(), List.of(phone), Map.of("source", "screenshot")).get(0));
        }
        ExecutorService io = Executors.newFixedThreadPool(2);
        Platform.startup(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        AutomationsViewModel listModel = new AutomationsViewModel(service, f.tenantId, io, Platform::runLater);
        Stage list = onFx(() -> AutomationsView.open(null, listModel, io));
        onFx(() -> {
            list.setTitle("Automations — Acme Support");
            return null;
        });
        Thread.sleep(2500);
        write(list.getScene(), new File(out, "automations-list.png"));

        AutomationEditorViewModel editor = new AutomationEditorViewModel(service, f.tenantId, io, Platform::runLater);
        Stage editing = onFx(() -> AutomationEditorView.open(list, editor, service.get(f.tenantId, away.id()).orElseThrow(), v -> { }));
        onFx(() -> {
            editor.sampleText().set("Hello, is anyone there?");
            editor.samplePhone().set("+5511987654321");
            editor.test();
            return null;
        });
        Thread.sleep(2500);
        write(editing.getScene(), new File(out, "automation-editor-test.png"));

        RunLogViewModel log = new RunLogViewModel(service, f.tenantId, null, io, Platform::runLater);
        Stage logStage = onFx(() -> RunLogView.open(list, log, List.copyOf(listModel.rows())));
        Thread.sleep(2000);
        onFx(() -> {
            log.selected().set(log.rows().get(0));
            return null;
        });
        Thread.sleep(500);
        write(logStage.getScene(), new File(out, "automation-runs.png"));
        io.shutdownNow();
        f.close();
        Platform.exit();
        System.exit(0);
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
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
