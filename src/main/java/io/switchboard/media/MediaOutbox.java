package io.switchboard.media;

import io.switchboard.common.ValidationException;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import io.switchboard.delivery.QueuedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a file from this computer: its type is read from its content (and, for Office and text files, which
 * have no telling signature, from its extension), checked against WhatsApp's types and size limits, stored
 * in the tenant's media store within its cap, and queued; the sender uploads it and sends it by id.
 */
public final class MediaOutbox {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"), Map.entry("pdf", "application/pdf"), Map.entry("doc", "application/msword"),
            Map.entry("xls", "application/vnd.ms-excel"), Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"), Map.entry("webp", "image/webp"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"), Map.entry("amr", "audio/amr"),
            Map.entry("ogg", "audio/ogg"), Map.entry("opus", "audio/ogg"), Map.entry("mp4", "video/mp4"), Map.entry("3gp", "video/3gpp"));

    private final MediaLibrary library;
    private final OutboxService outbox;

    public MediaOutbox(MediaLibrary library, OutboxService outbox) {
        this.library = library;
        this.outbox = outbox;
    }

    /** What a file would be sent as, checked; refused with the rule it breaks. */
    public record Checked(Path file, String filename, String mimeType, MediaKind kind, long size) {
    }

    public Checked check(Path file) {
        return checkFile(file);
    }

    /** The check alone, with no database: the command line refuses a bad file before it starts one. */
    public static Checked checkFile(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new ValidationException("file", "must be an existing file, not " + file);
        }
        if (!Files.isReadable(file)) {
            throw new ValidationException("file", "cannot be read: " + file);
        }
        long size;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            head = in.readNBytes(ContentSniffer.HEAD);
        } catch (IOException e) {
            throw new ValidationException("file", "cannot be read: " + e.getMessage(), e);
        }
        String filename = file.getFileName().toString();
        String mime = mimeOf(filename, head);
        MediaKind kind = MediaKind.forOutgoing(mime);
        kind.requireSize(size, "file");
        if (!ContentSniffer.consistent(mime, head)) {
            throw new ValidationException("file", filename + " does not contain what its name says (" + mime + ")");
        }
        return new Checked(file, filename, mime, kind, size);
    }

    /** Checks, stores and queues {@code file} in the conversation; {@code caption} may be null. */
    public QueuedMessage send(UUID tenantId, UUID conversationId, Path file, String caption) {
        Checked c = check(file);
        StoredMedia stored = library.store(tenantId, file, c.mimeType());
        return outbox.queue(tenantId, conversationId, content(c, stored, caption));
    }

    /** The same, to a phone number (the command line). */
    public QueuedMessage sendTo(UUID tenantId, String phone, Path file, String caption) {
        Checked c = check(file);
        outbox.requireCanSend(tenantId);
        StoredMedia stored = library.store(tenantId, file, c.mimeType());
        return outbox.queueTo(tenantId, phone, content(c, stored, caption));
    }

    private static OutboundContent content(Checked c, StoredMedia stored, String caption) {
        return OutboundContent.file(c.kind().code(), stored.sha256(), c.mimeType(), c.size(),
                c.kind() == MediaKind.DOCUMENT ? c.filename() : null, caption == null || caption.isBlank() ? null : caption.strip());
    }

    /** The content decides where it has a signature; the extension only for text and Office files, which have none of their own. */
    static String mimeOf(String filename, byte[] head) {
        String seen = ContentSniffer.detect(head);
        String ext = filename.contains(".") ? filename.substring(filename.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String named = BY_EXTENSION.get(ext);
        if (seen == null) {
            return named != null ? named : "application/octet-stream";
        }
        if (seen.equals("application/zip") || seen.equals("application/x-ole-storage")) {
            return named != null ? named : seen;
        }
        if (seen.equals("video/mp4") && "audio/mp4".equals(named)) {
            return named;
        }
        return seen;
    }
}
