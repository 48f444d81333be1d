package io.switchboard.ui.media;

import io.switchboard.conversation.ConversationSummary;
import io.switchboard.media.MediaKind;
import io.switchboard.media.MediaService;
import io.switchboard.media.MessageMedia;
import io.switchboard.ui.common.InboxSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.image.Image;

/**
 * Media in the open thread: each bubble's file and state, thumbnails decoded off the FX thread into a
 * memory-bounded cache, Save as / Open, the viewer's pictures, and files from disk (button, drop, paste)
 * checked and queued in the background. Results land on the FX thread through the session's executor.
 */
public final class ThreadMediaViewModel {
    /** A thumbnail's box in the bubble. */
    public static final double THUMB_WIDTH = 260;
    public static final double THUMB_HEIGHT = 200;
    /** Decoded thumbnails kept: 16 MB of pixels (about 80 full-size thumbnails), within the window's small heap (-Xmx160m). */
    static final long CACHE_BYTES = 16L * 1024 * 1024;

    private final MediaService media;
    private final InboxSession session;
    private final Supplier<ConversationSummary> conversation;
    private final Function<byte[], Image> thumbnailDecoder;
    private final SystemOpener opener;
    private final ThumbnailCache<String, Image> thumbnails = new ThumbnailCache<>(CACHE_BYTES, ThreadMediaViewModel::weigh);
    /** Files whose state cannot change any more (downloaded, failed for good), by message. */
    private final Map<UUID, MessageMedia> settled = new ConcurrentHashMap<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper usage = new ReadOnlyStringWrapper(this, "usage", "");

    public ThreadMediaViewModel(MediaService media, InboxSession session, Supplier<ConversationSummary> conversation, Function<byte[], Image> thumbnailDecoder,
                                SystemOpener opener) {
        this.media = media;
        this.session = session;
        this.conversation = conversation;
        this.thumbnailDecoder = thumbnailDecoder;
        this.opener = opener;
    }

    /** The window's decoder (JavaFX's own; ImageIO for WebP stickers), scaled down while decoding so a 12-megapixel photo never sits in memory whole. */
    public static Image decodeThumbnail(byte[] bytes) {
        return PictureDecoder.decode(bytes, THUMB_WIDTH, THUMB_HEIGHT);
    }

    /** The viewer's decoder: at most 2560 pixels on the long side (26 MB of pixels), enough to zoom into a phone photo. */
    public static Image decodeForViewer(byte[] bytes) {
        return PictureDecoder.decode(bytes, 2560, 2560);
    }

    private static long weigh(Image image) {
        return image == null ? 0 : (long) Math.ceil(image.getWidth()) * (long) Math.ceil(image.getHeight()) * 4;
    }

    public static boolean handles(String kind) {
        return MediaKind.ofWhatsAppType(kind) != null;
    }

    /** The message's file and state (null: the message names no file); {@code done} runs on the FX thread (at once when known and settled). */
    public void mediaOf(UUID messageId, Consumer<MessageMedia> done) {
        MessageMedia known = settled.get(messageId);
        if (known != null) {
            done.accept(known);
            return;
        }
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        session.executor().run(() -> media.forMessages(tenant, List.of(messageId)).get(messageId), m -> {
            if (m == null) {
                // A media message whose webhook carried no file object: nothing will ever arrive.
                done.accept(null);
                return;
            }
            if (m.state() == MessageMedia.State.READY || m.state() == MessageMedia.State.FAILED) {
                settled.put(messageId, m);
            }
            done.accept(m);
        }, failure -> error.set("Could not read the file's state: " + InboxSession.explain(failure)));
    }

    /** The picture's thumbnail, decoded off the FX thread once and kept in the bounded cache. */
    public void thumbnail(MessageMedia m, Consumer<Image> done, Consumer<String> failed) {
        Image cached = thumbnails.get(m.sha256());
        if (cached != null) {
            done.accept(cached);
            return;
        }
        UUID tenant = session.tenantId();
        session.executor().run(() -> thumbnailDecoder.apply(media.imageBytes(tenant, m)), image -> {
            thumbnails.put(m.sha256(), image);
            done.accept(image);
        }, failure -> failed.accept(InboxSession.explain(failure)));
    }

    ThumbnailCache<String, Image> cache() {
        return thumbnails;
    }

    /** Writes the file where the agent chose, in the background. */
    public void saveAs(MessageMedia m, Path target) {
        UUID tenant = session.tenantId();
        status.set("Saving " + target.getFileName() + "…");
        session.executor().run(() -> {
            media.saveTo(tenant, m, target);
            return target;
        }, saved -> {
            status.set("Saved " + saved.getFileName());
            session.report("Saved " + saved);
        }, failure -> error.set("Could not save: " + InboxSession.explain(failure)));
    }

    /** A private copy, checked, handed to the system's viewer or player. */
    public void openWithSystem(MessageMedia m) {
        UUID tenant = session.tenantId();
        session.executor().run(() -> {
            Path copy = media.copyForOpening(tenant, m);
            try {
                opener.open(copy);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("no application opened " + copy.getFileName(), e);
            }
            return copy;
        }, copy -> status.set("Opened " + copy.getFileName() + " with the system's application"),
                failure -> error.set("Could not open the file: " + InboxSession.explain(failure)));
    }

    /** The upload's progress (0–1) when this process is uploading the message's file, else -1 (indeterminate). */
    public double uploadProgress(UUID messageId) {
        return media.uploadProgress(messageId).orElse(-1);
    }

    /** A checked private copy of the file (for the in-bubble player); {@code done} runs on the FX thread. */
    public void privateCopy(MessageMedia m, Consumer<Path> done) {
        UUID tenant = session.tenantId();
        session.executor().run(() -> media.copyForOpening(tenant, m), done, failure -> error.set("Could not play the file: " + InboxSession.explain(failure)));
    }

    /** A suggested name for Save as: the customer's name sanitized, the extension from the checked type. */
    public static String suggestedName(MessageMedia m) {
        return io.switchboard.media.SafeFilenames.forSaving(m.filename(), m.mimeType(), m.kind().code());
    }

    /** The viewer over the conversation's pictures, starting at {@code m}; {@code open} runs on the FX thread. */
    public void viewer(MessageMedia m, Consumer<MediaViewerViewModel> open) {
        ConversationSummary c = conversation.get();
        UUID tenant = session.tenantId();
        if (c == null || tenant == null) {
            return;
        }
        session.executor().now(() -> media.images(tenant, c.id()), pictures -> {
            int index = 0;
            for (int i = 0; i < pictures.size(); i++) {
                if (pictures.get(i).messageId().equals(m.messageId())) {
                    index = i;
                }
            }
            List<MessageMedia> list = pictures.isEmpty() ? List.of(m) : pictures;
            open.accept(new MediaViewerViewModel(media, session, list, index, ThreadMediaViewModel::decodeForViewer));
        }, failure -> error.set("Could not open the viewer: " + InboxSession.explain(failure)));
    }

    /**
     * Sends files from disk (the attach button, a drop, a pasted picture) into the open conversation: each is
     * checked (type, size, content) and stored off the FX thread; a refused one says why and sends nothing.
     */
    public void sendFiles(List<Path> files, String caption) {
        ConversationSummary c = conversation.get();
        UUID tenant = session.tenantId();
        if (c == null || tenant == null || files.isEmpty()) {
            return;
        }
        error.set("");
        for (Path file : files) {
            status.set("Preparing " + file.getFileName() + "…");
            session.executor().now(() -> media.sendFile(tenant, c.id(), file, caption), queued -> {
                status.set(file.getFileName() + " is in the outbox");
                session.report(file.getFileName() + " is in the outbox; it is uploaded and sent in the background");
                refreshUsage();
            }, failure -> {
                status.set("");
                report(file.getFileName() + ": " + InboxSession.explain(failure));
            });
        }
    }

    /** A pasted picture (its pixels read on the FX thread): written as a PNG off the FX thread, then sent like a file. */
    public void sendPicture(int width, int height, int[] argb) {
        ConversationSummary c = conversation.get();
        UUID tenant = session.tenantId();
        if (c == null || tenant == null) {
            return;
        }
        status.set("Preparing the pasted picture…");
        session.executor().now(() -> {
            java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_ARGB);
            image.setRGB(0, 0, width, height, argb, 0, width);
            try {
                Path folder = java.nio.file.Files.createTempDirectory("switchboard-paste-");
                Path png = folder.resolve("pasted-" + java.time.LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".png");
                javax.imageio.ImageIO.write(image, "png", png.toFile());
                png.toFile().deleteOnExit();
                folder.toFile().deleteOnExit();
                return png;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, png -> sendFiles(List.of(png), null), failure -> report("The pasted picture: " + InboxSession.explain(failure)));
    }

    private void report(String problem) {
        error.set(problem);
        session.report(problem);
    }

    public void refreshUsage() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        session.executor().run(() -> media.usage(tenant), u -> usage.set("Media stored: " + u.describe()), failure -> usage.set(""));
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty usageProperty() {
        return usage.getReadOnlyProperty();
    }
}
