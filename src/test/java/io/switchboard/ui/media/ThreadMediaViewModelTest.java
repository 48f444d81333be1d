package io.switchboard.ui.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.sandbox.SampleMedia;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.delivery.OutboxService;
import io.switchboard.media.MediaFixture;
import io.switchboard.media.MediaService;
import io.switchboard.media.MessageMedia;
import io.switchboard.tenant.TenantService;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thread's media rules without a display: states, files from disk, the storage total, the viewer's paging. */
class ThreadMediaViewModelTest {
    private final MediaFixture f = new MediaFixture();
    private final MediaService service = new MediaService(f.out.db, f.library, new OutboxService(f.out.db));
    private final InboxSession session = new InboxSession(new ImmediateExecutor(), Instant::now);
    private final List<Path> opened = new ArrayList<>();
    private ConversationSummary conversation;
    private final ThreadMediaViewModel vm = new ThreadMediaViewModel(service, session, () -> conversation, bytes -> null, opened::add);
    @TempDir
    Path dir;

    ThreadMediaViewModelTest() {
        session.tenantProperty().set(new TenantService(f.out.db).get(f.out.tenantId));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private MessageMedia stateOf(UUID message) {
        MessageMedia[] seen = new MessageMedia[1];
        vm.mediaOf(message, m -> seen[0] = m);
        return seen[0];
    }

    @Test
    void aPhotoIsWaitingUntilDownloadedThenReadyAndItsConversationCanBeWrittenTo() throws Exception {
        UUID photo = f.arrives(SampleMedia.photo("Dent", true), null);
        assertThat(stateOf(photo).state()).isEqualTo(MessageMedia.State.WAITING);
        f.worker(3).drain();
        MessageMedia ready = stateOf(photo);
        assertThat(ready.state()).isEqualTo(MessageMedia.State.READY);
        assertThat(ready.mimeType()).isEqualTo("image/jpeg");
        assertThat(ThreadMediaViewModel.suggestedName(ready)).isEqualTo("image.jpg");

        UUID voice = f.arrives(SampleMedia.voiceNote(1), null);
        f.worker(3).drain();
        MessageMedia note = stateOf(voice);
        assertThat(note.voice()).isTrue();
        assertThat(AudioPlayback.canPlay(note.mimeType())).as("JavaFX Media does not decode Ogg/Opus").isFalse();
        assertThat(MediaChips.describe(note)).startsWith("OGG/Opus · ");
        vm.openWithSystem(note);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).getFileName().toString()).isEqualTo("audio.ogg");
        assertThat(Files.readAllBytes(opened.get(0))).isEqualTo(SampleMedia.voiceNote(1).bytes());
    }

    @Test
    void filesFromDiskAreCheckedAndQueuedAndARefusedOneSaysWhy() throws Exception {
        UUID first = f.arrives(SampleMedia.photo("Hello", false), null);
        UUID conversationId = (UUID) f.out.row(first).get("conversation_id");
        conversation = new ConversationService(f.out.db).get(f.out.tenantId, conversationId).orElseThrow();
        Path pdf = dir.resolve("Refund.pdf");
        Files.write(pdf, SampleMedia.invoice("r.pdf", List.of("Refund")).bytes());
        Path gif = dir.resolve("funny.gif");
        Files.write(gif, new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0});

        vm.sendFiles(List.of(pdf), null);
        assertThat(vm.statusProperty().get()).isEqualTo("Refund.pdf is in the outbox");
        assertThat(f.out.count("SELECT count(*) FROM messages WHERE direction = 'outbound' AND content_type = 'document' AND status = 'queued'")).isEqualTo(1);
        assertThat(vm.usageProperty().get()).startsWith("Media stored: ").endsWith(" of 2 GB (0%)");

        vm.sendFiles(List.of(gif), null);
        assertThat(vm.errorProperty().get()).isEqualTo("funny.gif: file: WhatsApp cannot send image/gif; it takes images (JPEG, PNG), stickers (WebP), audio (AAC, AMR, MP3, M4A, OGG), video (MP4, 3GP) and documents (PDF, TXT, Office)");
        assertThat(f.out.count("SELECT count(*) FROM messages WHERE direction = 'outbound'")).isEqualTo(1);
    }

    @Test
    void theViewerPagesThroughTheConversationsPictures() throws Exception {
        byte[] one = SampleMedia.photo("One", true).bytes();
        UUID first = f.arrives(new SampleMedia.Sample("image", "image/jpeg", null, null, one), null);
        UUID second = f.arrives(SampleMedia.photo("Two", false), null);
        f.worker(3).drain();
        // Webhook timestamps have whole seconds: the first photo is made a minute older so the order is certain.
        f.out.execute("UPDATE messages SET created_at = created_at - INTERVAL '1 minute' WHERE id = ?", first);
        conversation = new ConversationService(f.out.db).get(f.out.tenantId, (UUID) f.out.row(first).get("conversation_id")).orElseThrow();
        MediaViewerViewModel[] viewer = new MediaViewerViewModel[1];
        vm.viewer(stateOf(second), v -> viewer[0] = v);
        MediaViewerViewModel v = viewer[0];
        assertThat(v.titleProperty().get()).isEqualTo("Picture 2 of 2");
        assertThat(v.hasNextProperty().get()).isFalse();
        v.previous();
        assertThat(v.titleProperty().get()).isEqualTo("Picture 1 of 2");
        assertThat(v.current().messageId()).isEqualTo(first);
        assertThat(v.hasPreviousProperty().get()).isFalse();
        v.setZoom(50);
        assertThat(v.zoomProperty().get()).isEqualTo(MediaViewerViewModel.MAX_ZOOM);
        assertThat(v.fitProperty().get()).isFalse();
        v.fitToWindow();
        assertThat(v.fitProperty().get()).isTrue();
        Path saved = dir.resolve("picture.jpg");
        v.saveAs(saved);
        assertThat(Files.readAllBytes(saved)).isEqualTo(one);
    }
}
