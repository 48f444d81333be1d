package io.switchboard.ui.stats;

import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.db.ReadRouting;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.stats.MetaAnalytics;
import io.switchboard.stats.MetaReconciliation;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The README's "Reconcile with Meta" screenshot: messages sent through the sandbox and their statuses received, then a
 * send from "another app" on the same number, so one day differs with its reason. Run headless like StatsScreenshotTool.
 */
public final class ReconcileScreenshotTool {
    private ReconcileScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        OutboundFixture f = new OutboundFixture(SandboxOptions.fast(), null, 1_000);
        WebhookReceiver receiver = new WebhookReceiver(f.db, new AccountCache(new WhatsAppAccountService(f.db, f.secrets)), 0);
        EventPoller poller = new EventPoller(f.db, 1, 50).idleWait(Duration.ofMillis(20));
        receiver.onStored(poller::wake);
        receiver.start();
        poller.start();
        f.sandbox.register(new SandboxNumber(OutboundFixture.PHONE_NUMBER_ID, "+15550109999", "Test Shop", "waba-1", f.accessToken, f.appSecret,
                URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH)));
        for (int i = 1; i <= 12; i++) {
            f.queueText("+4915112345" + (600 + i), "hello " + i);
        }
        // Two templates Meta knows by id (synced), sent through Switchboard; one more send of the first by another app below.
        String body = "[{\"type\":\"BODY\",\"text\":\"Your order has shipped\"}]";
        for (String name : java.util.List.of("order_update", "spring_sale")) {
            String id = f.sandbox.addTemplate("waba-1", name, "en_US", "UTILITY", "APPROVED", body);
            f.execute("INSERT INTO templates (tenant_id, name, language, body, status, meta_template_id) VALUES (?, ?, 'en_US', 'x', 'approved', ?)",
                    f.tenantId, name, id);
        }
        for (int i = 1; i <= 8; i++) {
            f.contactWhoWrote("+4915112346" + (600 + i), 5);
            f.queue("+4915112346" + (600 + i), io.switchboard.delivery.OutboundContent.template(i % 3 == 0 ? "spring_sale" : "order_update", "en_US",
                    java.util.List.of(), java.util.List.of(), "Your order has shipped"));
        }
        f.sender().processBatch();
        new CloudApiClient().sendMessage(f.sandbox.baseUrl(), OutboundFixture.PHONE_NUMBER_ID, f.accessToken,
                "{\"messaging_product\":\"whatsapp\",\"to\":\"+4915112345699\",\"type\":\"text\",\"text\":{\"body\":\"from elsewhere\"}}"
                        .getBytes(StandardCharsets.UTF_8)).get();
        new CloudApiClient().sendMessage(f.sandbox.baseUrl(), OutboundFixture.PHONE_NUMBER_ID, f.accessToken, ("{\"messaging_product\":\"whatsapp\","
                + "\"to\":\"+4915112346699\",\"type\":\"template\",\"template\":{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"}}}")
                .getBytes(StandardCharsets.UTF_8)).get();
        Thread.sleep(3000);
        io.switchboard.stats.TemplateReconciliation templates = new io.switchboard.stats.TemplateReconciliation(ReadRouting.primaryOnly(f.db),
                new WhatsAppAccountService(f.db, f.secrets), new io.switchboard.stats.MetaTemplateAnalytics(new CloudApiClient()), Clock.systemUTC());
        MetaReconciliation reconciliation = new MetaReconciliation(ReadRouting.primaryOnly(f.db), new WhatsAppAccountService(f.db, f.secrets),
                new MetaAnalytics(new CloudApiClient()), Clock.systemUTC());
        Platform.startup(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CompletableFuture<Stage> opened = new CompletableFuture<>();
        Platform.runLater(() -> opened.complete(ReconcileWindow.open(null, reconciliation, templates, f.tenantId, "Acme Support", today.minusDays(6), today,
                (owner, title, name, ext) -> Optional.empty())));
        Stage stage = opened.get(60, TimeUnit.SECONDS);
        Thread.sleep(4000);
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        Platform.runLater(() -> shot.complete(stage.getScene().snapshot(null)));
        WritableImage image = shot.get(60, TimeUnit.SECONDS);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        File file = new File(out, "reconcile-light.png");
        ImageIO.write(img, "png", file);
        System.out.println("wrote " + file);
        Platform.runLater(() -> ((javafx.scene.control.TabPane) stage.getScene().getRoot()).getSelectionModel().select(1));
        Thread.sleep(1500);
        CompletableFuture<WritableImage> second = new CompletableFuture<>();
        Platform.runLater(() -> second.complete(stage.getScene().snapshot(null)));
        AgentBreakdownScreenshotTool.write(second.get(60, TimeUnit.SECONDS), new File(out, "reconcile-templates-light.png"));
        poller.stop(Duration.ofSeconds(1));
        receiver.stop(Duration.ofSeconds(1));
        Platform.exit();
        System.exit(0);
    }
}
