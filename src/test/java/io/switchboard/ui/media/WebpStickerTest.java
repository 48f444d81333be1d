package io.switchboard.ui.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channel.sandbox.SampleMedia;
import io.switchboard.media.MediaFixture;
import io.switchboard.media.MediaKind;
import io.switchboard.media.MediaService;
import io.switchboard.media.MessageMedia;
import io.switchboard.delivery.OutboxService;
import io.switchboard.tenant.TenantService;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * WebP stickers decode to pictures (not the "cannot be shown" chip): real WebP files made with ImageMagick's
 * libwebp (src/test/resources/media), lossless and lossy, with transparency, animated, and larger than a box.
 * The toolkit runs headless (Monocle) because a WritableImage needs it; no window is shown.
 */
class WebpStickerTest {
    private static final int RED = 0xFFFF0000;
    private static final int BLUE = 0xFF0000FF;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WebpStickerTest.class.getResourceAsStream("/media/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static int alpha(int argb) {
        return argb >>> 24;
    }

    @Test
    void aLosslessStickerKeepsItsSizeColourAndTransparency() throws Exception {
        Image image = ThreadMediaViewModel.decodeThumbnail(resource("sticker-64x48.webp"));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        PixelReader px = image.getPixelReader();
        assertThat(px.getArgb(5, 5)).isEqualTo(RED);
        assertThat(px.getArgb(31, 47)).isEqualTo(RED);
        assertThat(alpha(px.getArgb(32, 0))).as("the right half is transparent").isZero();
        assertThat(alpha(px.getArgb(63, 47))).isZero();
    }

    @Test
    void aLossyStickerWithAnAlphaChannelDecodesToNearlyItsColours() throws Exception {
        Image image = ThreadMediaViewModel.decodeThumbnail(resource("lossy-alpha-64x48.webp"));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        int left = image.getPixelReader().getArgb(8, 24);
        assertThat(alpha(left)).isEqualTo(255);
        assertThat((left >> 16) & 0xff).as("red, within lossy error").isGreaterThan(230);
        assertThat((left >> 8) & 0xff).isLessThan(25);
        assertThat(left & 0xff).isLessThan(25);
        assertThat(alpha(image.getPixelReader().getArgb(56, 24))).isZero();
    }

    @Test
    void aLargeWebpIsScaledDownToTheThumbnailBoxWhileTheViewerKeepsItsOwnSize() throws Exception {
        byte[] bytes = resource("big-1024x768.webp");
        Image thumb = ThreadMediaViewModel.decodeThumbnail(bytes);
        assertThat(thumb.getWidth()).isEqualTo(ThreadMediaViewModel.THUMB_WIDTH);
        assertThat(thumb.getHeight()).as("the ratio is kept: 1024 × 768 into 260 × 200").isEqualTo(195);
        assertThat(thumb.getPixelReader().getArgb(10, 100)).isEqualTo(RED);
        assertThat(thumb.getPixelReader().getArgb(250, 100)).isEqualTo(BLUE);
        int seam = thumb.getPixelReader().getArgb(130, 100);
        assertThat(seam).as("the halves meet in the middle").isIn(RED, BLUE, 0xFF80007F, 0xFF7F0080);

        Image full = ThreadMediaViewModel.decodeForViewer(bytes);
        assertThat(full.getWidth()).as("the viewer's box is 2560: kept at its own size").isEqualTo(1024);
        assertThat(full.getHeight()).isEqualTo(768);
    }

    @Test
    void anAnimatedStickerShowsItsFirstFrame() throws Exception {
        Image image = ThreadMediaViewModel.decodeThumbnail(resource("animated-64x48.webp"));
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        assertThat(image.getPixelReader().getArgb(32, 24)).as("frame 1 is red, frame 2 blue").isEqualTo(RED);
    }

    @Test
    void aDamagedWebpIsRefusedWithAReason() throws Exception {
        byte[] bytes = resource("sticker-64x48.webp");
        byte[] cut = Arrays.copyOf(bytes, 24);
        assertThatThrownBy(() -> ThreadMediaViewModel.decodeThumbnail(cut))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WebP picture cannot be decoded");
    }

    @Test
    void aStickerMessageInTheThreadGetsAPictureNotTheCannotBeShownChip() throws Exception {
        MediaFixture f = new MediaFixture();
        try {
            MediaService service = new MediaService(f.out.db, f.library, new OutboxService(f.out.db));
            InboxSession session = new InboxSession(new ImmediateExecutor(), Instant::now);
            session.tenantProperty().set(new TenantService(f.out.db).get(f.out.tenantId));
            ThreadMediaViewModel vm = new ThreadMediaViewModel(service, session, () -> null, ThreadMediaViewModel::decodeThumbnail, p -> { });
            UUID message = f.arrives(new SampleMedia.Sample("sticker", "image/webp", null, null, resource("sticker-64x48.webp")), null);
            f.worker(3).drain();
            MessageMedia[] media = new MessageMedia[1];
            vm.mediaOf(message, m -> media[0] = m);
            assertThat(media[0].state()).isEqualTo(MessageMedia.State.READY);
            assertThat(media[0].kind()).isEqualTo(MediaKind.STICKER);
            assertThat(media[0].mimeType()).isEqualTo("image/webp");

            List<Image> shown = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            vm.thumbnail(media[0], shown::add, problems::add);
            assertThat(problems).isEmpty();
            assertThat(shown).hasSize(1);
            assertThat(shown.get(0).getWidth()).isEqualTo(64);
            assertThat(shown.get(0).getPixelReader().getArgb(5, 5)).isEqualTo(RED);
            assertThat(vm.cache().size()).isEqualTo(1);
            assertThat(vm.cache().weight()).as("weighed like any decoded thumbnail: width × height × 4").isEqualTo(64L * 48 * 4);
        } finally {
            f.close();
        }
    }
}
