package io.switchboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.delivery.OutboxService;
import io.switchboard.delivery.QueuedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the window asks about media: each message's file and its state, the bytes to show (only when the
 * content is what its type claims), saving and opening copies under safe names, sending files from disk,
 * and the tenant's storage total. Returns plain records; never holds a connection.
 */
public final class MediaService {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most an image may have to be decoded for display (WhatsApp's image limit, with room for stickers and documents' previews). */
    public static final long DISPLAY_MAX = 16L * 1024 * 1024;

    private final Database database;
    private final MediaLibrary library;
    private final MediaOutbox outbox;

    public MediaService(Database database, MediaLibrary library, OutboxService outbox) {
        this.database = database;
        this.library = library;
        this.outbox = new MediaOutbox(library, outbox);
    }

    /** The media of these messages of the tenant (messages without media are left out). */
    public Map<UUID, MessageMedia> forMessages(UUID tenantId, Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        return database.inJdbcTransaction(c -> {
            Map<UUID, MessageMedia> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT m.id, m.direction, m.content_type, m.status, m.metadata::text, d.status, d.sha256, d.last_error, f.sha256, f.mime_type, f.size_bytes
                    FROM messages m
                    LEFT JOIN media_downloads d ON d.message_id = m.id
                    LEFT JOIN media_files f ON f.tenant_id = m.tenant_id AND f.sha256 = COALESCE(d.sha256, m.metadata->'media'->>'stored_sha256')
                    WHERE m.tenant_id = ? AND m.id = ANY(?) AND jsonb_typeof(m.metadata->'media') = 'object'
                    ORDER BY m.created_at, m.id""")) {
                ps.setObject(1, tenantId);
                ps.setArray(2, c.createArrayOf("uuid", messageIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        MessageMedia mm = read(rs);
                        if (mm != null) {
                            out.put(mm.messageId(), mm);
                        }
                    }
                }
            }
            return out;
        });
    }

    /** The conversation's images and stickers that are here, oldest first: what the viewer pages through. */
    public List<MessageMedia> images(UUID tenantId, UUID conversationId) {
        List<UUID> ids = database.inJdbcTransaction(c -> {
            List<UUID> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id FROM messages WHERE tenant_id = ? AND conversation_id = ? AND content_type IN ('image', 'sticker')
                    ORDER BY created_at, id""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return found;
        });
        return forMessages(tenantId, ids).values().stream().filter(MessageMedia::ready).toList();
    }

    private static MessageMedia read(ResultSet rs) throws java.sql.SQLException {
        UUID id = rs.getObject(1, UUID.class);
        boolean inbound = "inbound".equals(rs.getString(2));
        MediaKind kind = MediaKind.ofWhatsAppType(rs.getString(3));
        JsonNode media;
        try {
            media = JSON.readTree(rs.getString(5)).path("media");
        } catch (IOException e) {
            return null;
        }
        if (kind == null) {
            kind = MediaKind.ofWhatsAppType(media.path("kind").asText(null));
        }
        if (kind == null) {
            return null;
        }
        String filename = media.path("filename").isTextual() ? media.get("filename").asText() : null;
        boolean voice = media.path("voice").asBoolean(false);
        String stored = rs.getString(9);
        String declared = media.path("mime_type").asText(null);
        if (stored != null) {
            MessageMedia.State state = !inbound && "queued".equals(rs.getString(4)) ? MessageMedia.State.UPLOADING : MessageMedia.State.READY;
            return new MessageMedia(id, kind, state, stored.strip(), rs.getString(10), rs.getLong(11), filename, null, voice);
        }
        String job = rs.getString(6);
        if ("failed".equals(job)) {
            return new MessageMedia(id, kind, MessageMedia.State.FAILED, null, declared, -1, filename, rs.getString(8), voice);
        }
        if (job != null) {
            return new MessageMedia(id, kind, MessageMedia.State.WAITING, null, declared, -1, filename, rs.getString(8), voice);
        }
        return new MessageMedia(id, kind, MessageMedia.State.REMOTE, null, declared, -1, filename, null, voice);
    }

    /**
     * The bytes of an image or sticker for the screen, after checking that they are what their type says
     * (a JPEG that is an HTML page is never handed to a decoder).
     */
    public byte[] imageBytes(UUID tenantId, MessageMedia media) {
        requireReady(media);
        if (media.size() > DISPLAY_MAX) {
            throw new ValidationException("media", "is too big to show (" + MediaSizes.human(media.size()) + ")");
        }
        try {
            byte[] bytes = library.readAll(tenantId, media.sha256(), DISPLAY_MAX);
            requireContentMatches(media, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the file to {@code target} (chosen by the agent in a save dialog). */
    public void saveTo(UUID tenantId, MessageMedia media, Path target) {
        requireReady(media);
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream in = library.open(tenantId, media.sha256())) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the save failed already; the leftover is named .part
            }
            throw new UncheckedIOException("could not save to " + target, e);
        }
    }

    /**
     * A private copy for the system's viewer or player: checked against its declared type first, written under
     * a sanitized name whose extension comes from the checked type (never from the customer's filename), in a
     * folder only this user can read.
     */
    public Path copyForOpening(UUID tenantId, MessageMedia media) {
        requireReady(media);
        try {
            byte[] head;
            try (InputStream in = library.open(tenantId, media.sha256())) {
                head = in.readNBytes(ContentSniffer.HEAD);
            }
            if (!ContentSniffer.consistent(media.mimeType(), head)) {
                throw new ValidationException("media", "the file does not contain what its type (" + media.mimeType() + ") says, so it is not opened");
            }
            Path folder = Files.createTempDirectory("switchboard-open-");
            Path target = folder.resolve(SafeFilenames.forSaving(media.filename(), media.mimeType(), media.kind().code()));
            saveTo(tenantId, media, target);
            target.toFile().deleteOnExit();
            folder.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public QueuedMessage sendFile(UUID tenantId, UUID conversationId, Path file, String caption) {
        return outbox.send(tenantId, conversationId, file, caption);
    }

    /** Checks a file without sending it: what the composer shows before the agent confirms. */
    public MediaOutbox.Checked check(Path file) {
        return outbox.check(file);
    }

    /** How far this process's upload of the message's file has come (0–1); empty when it is not uploading here. */
    public java.util.OptionalDouble uploadProgress(UUID messageId) {
        return UploadProgress.ofThisProcess().of(messageId);
    }

    public MediaUsage usage(UUID tenantId) {
        return library.usage(tenantId);
    }

    private static void requireReady(MessageMedia media) {
        if (media == null || !media.ready() || media.sha256() == null) {
            throw new ValidationException("media", "is not downloaded yet");
        }
    }

    private static void requireContentMatches(MessageMedia media, byte[] bytes) {
        byte[] head = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, ContentSniffer.HEAD));
        if (!ContentSniffer.consistent(media.mimeType(), head)) {
            throw new ValidationException("media", "the file does not contain what its type (" + media.mimeType() + ") says, so it is not shown");
        }
    }
}
