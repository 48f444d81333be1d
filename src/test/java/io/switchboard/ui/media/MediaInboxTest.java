package io.switchboard.ui.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.channel.sandbox.SampleMedia;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.delivery.OutboxSender;
import io.switchboard.media.MediaApi;
import io.switchboard.media.MediaDownloadWorker;
import io.switchboard.media.MediaLibrary;
import io.switchboard.media.MediaUploads;
import io.switchboard.ui.DesktopApp;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The agent's side of media with the real pipeline underneath: a sandbox customer sends a photo (webhook →
 * receiver → poller → download job → download worker → media store), the thread shows its thumbnail, a click
 * opens the viewer; a PDF dropped on the thread is stored, uploaded by the sender, sent by id, and its tick
 * walks to read as the sandbox's statuses come back.
 */
class MediaInboxTest {
    private static final String CUSTOMER = "5511955501234";
    private final FxRobot robot = new FxRobot();
    private OutboundFixture f;
    private WebhookReceiver receiver;
    private EventPoller poller;
    private OutboxSender sender;
    private MediaDownloadWorker downloads;
    private DesktopApp app;
    private Preferences prefs;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (downloads != null) {
            downloads.close();
        }
        if (sender != null) {
            sender.stop();
        }
        if (poller != null) {
            poller.stop();
        }
        if (f != null) {
            f.sandbox.close();
        }
        if (receiver != null) {
            receiver.stop(Duration.ofMillis(300));
        }
        if (f != null) {
            f.db.close();
        }
        if (prefs != null) {
            prefs.removeNode();
        }
    }

    @Test
    void aCustomersPhotoShowsAsAThumbnailOpensInTheViewerAndADroppedPdfGoesOutToRead() throws Exception {
        f = new OutboundFixture(SandboxOptions.fast(), null, 1_000);
        receiver = new WebhookReceiver(f.db, new AccountCache(new WhatsAppAccountService(f.db, f.secrets)), 0).loopbackOnly();
        receiver.start();
        f.sandbox.register(new SandboxNumber(OutboundFixture.PHONE_NUMBER_ID, "+15550109999", "Test Shop", "waba-1", f.accessToken, f.appSecret,
                URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH)));
        poller = new EventPoller(f.db, 1, 100).idleWait(Duration.ofMillis(50));
        receiver.onStored(poller::wake);
        poller.start();
        MediaLibrary library = new MediaLibrary(f.db);
        MediaApi api = new MediaApi(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
        sender = new OutboxSender(f.db, f.accounts(), new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5)), OutboundFixture.quickOptions(),
                new MediaUploads(f.db, library, api, Duration.ofSeconds(10)));
        sender.start();
        downloads = new MediaDownloadWorker(f.db, f.accounts(), api, library, MediaDownloadWorker.Options.defaults()).start(Duration.ofMillis(200));

        f.sandbox.customerWrites(OutboundFixture.PHONE_NUMBER_ID, CUSTOMER, "Ana Souza", "Hi, my parcel arrived broken", null, Duration.ZERO);
        f.sandbox.customerSendsMedia(OutboundFixture.PHONE_NUMBER_ID, CUSTOMER, "Ana Souza", SampleMedia.photo("The box arrived like this", true), null,
                Duration.ofMillis(300));

        prefs = Preferences.userRoot().node("switchboard-test-" + UUID.randomUUID());
        prefs.put("theme", "LIGHT");
        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(
                () -> new Services(new DatabaseStartup.Running(f.db, Optional.empty())).withSecrets(f.secrets), prefs));

        ConversationSummary first = await(() -> rows().isEmpty() ? null : rows().get(0), 20);
        Node cell = await(() -> robot.lookup(".conversation-list .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() instanceof ConversationSummary s && s.id().equals(first.id()))
                .findFirst().orElse(null), 10);
        robot.clickOn(cell);

        // The photo: downloaded by the worker, decoded off the FX thread, shown as a thumbnail with its caption.
        ImageView thumb = await(() -> robot.lookup((java.util.function.Predicate<Node>) n -> n instanceof ImageView v && v.getId() != null
                && v.getId().startsWith("thumb-") && v.getImage() != null).tryQuery().map(n -> (ImageView) n).orElse(null), 20);
        assertThat(thumb.getImage().getWidth()).isLessThanOrEqualTo(ThreadMediaViewModel.THUMB_WIDTH);
        assertThat(robot.lookup(".media-caption").queryAll()).anyMatch(n -> "The box arrived like this".equals(((Label) n).getText()));

        // The bubble grew with its picture and the thread kept the newest message in view: click where the thumbnail is now.
        // On a loaded machine the thread may still be settling as the click lands; like a person, click again then.
        ImageView opened = null;
        for (int attempt = 0; attempt < 3 && opened == null; attempt++) {
            WaitForAsyncUtils.waitForFxEvents(3);
            ImageView settled = await(() -> robot.lookup((java.util.function.Predicate<Node>) n -> n instanceof ImageView v && v.getId() != null
                    && v.getId().startsWith("thumb-") && v.getImage() != null && v.getScene() != null).tryQuery().map(n -> (ImageView) n).orElse(null), 10);
            robot.clickOn(settled);
            opened = awaitOrNull(() -> robot.lookup(".media-viewer").tryQuery()
                    .flatMap(v -> robot.from(v).lookup(".image-view").tryQuery()).map(n -> (ImageView) n)
                    .filter(v -> v.getImage() != null).orElse(null), 8);
        }
        assertThat(opened).as("the viewer opened from the thumbnail").isNotNull();
        ImageView big = opened;
        assertThat(big.getImage().getWidth()).as("the viewer shows the picture at its own size").isEqualTo(640);
        Node viewer = robot.lookup(".media-viewer").query();
        Label title = robot.from(viewer).lookup(".panel-name").query();
        assertThat(title.getText()).isEqualTo("Picture 1 of 1");
        fx(() -> {
            big.getScene().getWindow().hide();
            return null;
        });

        // The agent drops a PDF of their own on the thread.
        Path pdf = Files.createTempDirectory("drop").resolve("Refund form.pdf");
        Files.write(pdf, SampleMedia.invoice("x.pdf", List.of("Refund form")).bytes());
        Node list = robot.lookup(".thread-list").query();
        drop(list, List.of(pdf.toFile()));
        List<String> seen = new java.util.ArrayList<>();
        await(() -> {
            String tick = tickOfMedia("Refund form.pdf");
            if (tick != null && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(tick))) {
                seen.add(tick);
            }
            return "read".equals(tick) ? true : null;
        }, 30);
        assertThat(seen).as("statuses only move forward").isSubsetOf("queued", "sent", "delivered", "read").last().isEqualTo("read");
        String sentId = f.sandbox.requests().stream().filter(r -> r.path().endsWith("/messages")).map(r -> r.body().path("document").path("id").asText())
                .filter(id -> !id.isEmpty()).findFirst().orElseThrow();
        assertThat(f.sandbox.media().file(sentId)).hasValueSatisfying(file -> assertThat(file.filename()).isEqualTo("Refund form.pdf"));
    }

    /**
     * A drop as the toolkit delivers it: a real mouse drag on the list starts a drag-and-drop gesture carrying the
     * files (what a file manager's drag carries), and releasing it over the thread drops them there.
     */
    private void drop(Node target, List<File> files) throws Exception {
        fx(() -> {
            target.setOnDragDetected(e -> {
                Dragboard board = target.startDragAndDrop(TransferMode.COPY);
                javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
                content.putFiles(files);
                board.setContent(content);
                e.consume();
            });
            return null;
        });
        robot.drag(target, MouseButton.PRIMARY).moveBy(40, 20).moveBy(20, 10).drop();
        fx(() -> {
            target.setOnDragDetected(null);
            return null;
        });
    }

    private String tickOfMedia(String filename) {
        for (Node bubble : robot.lookup(".thread-list .bubble").queryAll()) {
            boolean match = robot.from(bubble).lookup(".chip-title").queryAll().stream().anyMatch(n -> filename.equals(((Label) n).getText()));
            if (match) {
                return robot.from(bubble).lookup((java.util.function.Predicate<Node>) n -> n.getId() != null && n.getId().startsWith("tick-"))
                        .tryQuery().map(n -> n.getId().substring(5)).orElse(null);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private List<ConversationSummary> rows() throws Exception {
        return fx(() -> List.copyOf(((ListView<ConversationSummary>) robot.lookup(".conversation-list").query()).getItems()));
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static <T> T awaitOrNull(Callable<T> condition, int seconds) throws Exception {
        try {
            return await(condition, seconds);
        } catch (java.util.concurrent.TimeoutException notYet) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(Callable<T> condition, int seconds) throws Exception {
        Object[] last = new Object[1];
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            Object v = fx(() -> {
                try {
                    return condition.call();
                } catch (RuntimeException e) {
                    return null;
                }
            });
            last[0] = v;
            return v != null;
        });
        return (T) last[0];
    }

}
