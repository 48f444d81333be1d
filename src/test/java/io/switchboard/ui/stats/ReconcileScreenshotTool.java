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
        f.sender().processBatch();
        new CloudApiClient().sendMessage(f.sandbox.baseUrl(), OutboundFixture.PHONE_NUMBER_ID, f.accessToken,
                "{\"messaging_product\":\"whatsapp\",\"to\":\"+4915112345699\",\"type\":\"text\",\"text\":{\"body\":\"from elsewhere\"}}"
                        .getBytes(StandardCharsets.UTF_8)).get();
        Thread.sleep(3000);
        MetaReconciliation reconciliation = new MetaReconciliation(ReadRouting.primaryOnly(f.db), new WhatsAppAccountService(f.db, f.secrets),
                new MetaAnalytics(new CloudApiClient()), Clock.systemUTC());
        Platform.startup(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        CompletableFuture<Stage> opened = new CompletableFuture<>();
        Platform.runLater(() -> opened.complete(ReconcileWindow.open(null, reconciliation, f.tenantId, "Acme Support", today.minusDays(6), today,
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
        poller.stop(Duration.ofSeconds(1));
        receiver.stop(Duration.ofSeconds(1));
        Platform.exit();
        System.exit(0);
    }
}
