package io.switchboard.ui.media;

import io.switchboard.app.Services;
import io.switchboard.channel.sandbox.SampleMedia;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.delivery.OutboxSender;
import io.switchboard.delivery.OutboxService;
import io.switchboard.media.MediaApi;
import io.switchboard.media.MediaDownloadWorker;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaOutbox;
import io.switchboard.media.MediaUploads;
import io.switchboard.ui.DesktopApp;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The README's media screenshots: a sandbox customer sends a photo, an invoice PDF and a voice note, the agent
 * sends a PDF back; the thread is written as media-thread.png and the picture viewer as media-viewer.png.
 * Run (Monocle headless, like the tests): java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw
 * -cp target/classes:target/test-classes:CLASSPATH io.switchboard.ui.media.MediaScreenshotTool OUT_DIR
 */
public final class MediaScreenshotTool {
    private MediaScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out.toPath());
        OutboundFixture f = new OutboundFixture(SandboxOptions.fast(), null, 1_000);
        WebhookReceiver receiver = new WebhookReceiver(f.db, new AccountCache(new WhatsAppAccountService(f.db, f.secrets)), 0).loopbackOnly();
        receiver.start();
        f.sandbox.register(new SandboxNumber(OutboundFixture.PHONE_NUMBER_ID, "+15550109999", "Test Shop", "waba-1", f.accessToken, f.appSecret,
                URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH)));
        f.execute("UPDATE tenants SET name = 'Acme Store'");
        EventPoller poller = new EventPoller(f.db, 1, 100).idleWait(Duration.ofMillis(50));
        receiver.onStored(poller::wake);
        poller.start();
        MediaLibrary library = new MediaLibrary(f.db);
        MediaApi api = new MediaApi();
        OutboxSender sender = new OutboxSender(f.db, f.accounts(), new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5)), OutboundFixture.quickOptions(),
                new MediaUploads(f.db, library, api, Duration.ofSeconds(30)));
        sender.start();
        MediaDownloadWorker downloads = new MediaDownloadWorker(f.db, f.accounts(), api, library, MediaDownloadWorker.Options.defaults())
                .start(Duration.ofMillis(200));
        String ana = "5511955501234";
        f.sandbox.customerWrites(OutboundFixture.PHONE_NUMBER_ID, ana, "Ana Souza", "Hi! My order #4821 arrived today, but look at the box 😕", null, Duration.ZERO);
        f.sandbox.customerSendsMedia(OutboundFixture.PHONE_NUMBER_ID, ana, "Ana Souza", SampleMedia.photo("The box arrived like this", true), null,
                Duration.ofMillis(300));
        f.sandbox.customerSendsMedia(OutboundFixture.PHONE_NUMBER_ID, ana, "Ana Souza", SampleMedia.invoice("invoice-4821.pdf",
                List.of("Invoice 4821", "Blue jacket, size M    79.90", "Total                  79.90")), null, Duration.ofMillis(700));
        f.sandbox.customerSendsMedia(OutboundFixture.PHONE_NUMBER_ID, ana, "Ana Souza", SampleMedia.voiceNote(3), null, Duration.ofMillis(1100));
        Thread.sleep(3000);
        Path pdf = Files.createTempDirectory("shot").resolve("Return label 4821.pdf");
        Files.write(pdf, SampleMedia.invoice("r.pdf", List.of("Return label", "Order 4821")).bytes());
        new MediaOutbox(library, new OutboxService(f.db)).sendTo(f.tenantId, "+" + ana, pdf, "Sorry about that! Here is a free return label.");

        Preferences prefs = Preferences.userRoot().node("switchboard-media-screenshots");
        prefs.clear();
        prefs.put("theme", "LIGHT");
        Platform.startup(() -> { });
        DesktopApp app = new DesktopApp(() -> new Services(new DatabaseStartup.Running(f.db, Optional.empty())).withSecrets(f.secrets), prefs);
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
            app.model().conversationList().select(0);
            return null;
        });
        Thread.sleep(5000);
        onFx(() -> {
            javafx.scene.control.ListView<?> list = (javafx.scene.control.ListView<?>) stage.getScene().getRoot().lookup(".thread-list");
            list.scrollTo(list.getItems().size() - 1);
            return null;
        });
        Thread.sleep(1000);
        write(stage.getScene(), new File(out, "media-thread.png"));
        onFx(() -> {
            Node thumb = stage.getScene().getRoot().lookup(".media-thumbnail");
            thumb.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5,
                    javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, false, false, false, null));
            return null;
        });
        Thread.sleep(2500);
        Stage viewer = onFx(() -> (Stage) javafx.stage.Window.getWindows().stream().filter(w -> w != stage).findFirst().orElseThrow());
        write(viewer.getScene(), new File(out, "media-viewer.png"));
        Platform.exit();
        downloads.close();
        sender.stop();
        poller.stop();
        f.sandbox.close();
        receiver.stop(Duration.ofMillis(200));
        f.db.close();
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
