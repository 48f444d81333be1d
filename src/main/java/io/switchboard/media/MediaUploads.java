package io.switchboard.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.db.Database;
import io.switchboard.delivery.MediaUploader;
import io.switchboard.delivery.SendingAccount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads an agent's stored file to Meta for the sender: POST /{phone_number_id}/media with the bytes
 * streamed from the media store, then remembers the id per (tenant, hash, number) in media_uploads, so a
 * retry or a second send of the same file within Meta's 30 days uploads nothing. Before a long upload the
 * message's lease is extended (fenced by its attempt), so no other sender takes it over meanwhile.
 */
public final class MediaUploads implements MediaUploader {
    private static final Logger log = LoggerFactory.getLogger(MediaUploads.class);
    /** Meta keeps an upload 30 days; a day's margin so an id never expires between check and send. */
    static final Duration REUSE_FOR = Duration.ofDays(29);

    private final Database database;
    private final MediaLibrary library;
    private final MediaApi api;
    private final Duration uploadDeadline;

    public MediaUploads(Database database, MediaLibrary library, MediaApi api, Duration uploadDeadline) {
        this.database = database;
        this.library = library;
        this.api = api;
        this.uploadDeadline = uploadDeadline;
    }

    @Override
    public void resolve(SendingAccount account, UUID tenantId, UUID messageId, int attempt, ObjectNode media) throws UploadFailed {
        String sha256 = media.path("stored_sha256").asText();
        Optional<String> earlier = earlierUpload(tenantId, sha256, account.phoneNumberId());
        if (earlier.isPresent()) {
            media.put("id", earlier.get());
            return;
        }
        StoredMedia stored = library.find(tenantId, sha256)
                .orElseThrow(() -> new UploadFailed("media_missing", "The file is no longer in this tenant's media store", false));
        MediaKind kind = MediaKind.ofWhatsAppType(media.path("kind").asText(null));
        if (kind == null || !kind.accepts(stored.mimeType()) || stored.size() > kind.maxBytes()) {
            throw new UploadFailed("media_not_allowed", "WhatsApp does not take this file as " + (kind == null ? "media" : kind.code())
                    + " (" + stored.mimeType() + ", " + MediaSizes.human(stored.size()) + ")", false);
        }
        extendLease(messageId, attempt);
        String id;
        try {
            long started = System.nanoTime();
            id = api.upload(account.apiBaseUrl(), account.phoneNumberId(), account.accessToken(), () -> {
                try {
                    return library.open(tenantId, sha256);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, stored.size(), MediaKind.baseMime(stored.mimeType()), media.path("filename").asText(null),
                    sent -> UploadProgress.ofThisProcess().sent(messageId, sent, stored.size()));
            log.info("uploaded {} ({}) for message {} in {} ms", kind.code(), MediaSizes.human(stored.size()), messageId, (System.nanoTime() - started) / 1_000_000);
        } catch (MediaApi.MediaApiException e) {
            throw new UploadFailed(e.retryable() ? "upload_failed" : "upload_refused", e.getMessage(), e.retryable());
        } catch (UncheckedIOException e) {
            throw new UploadFailed("media_unreadable", "The stored file could not be read: " + e.getCause().getMessage(), true);
        } finally {
            UploadProgress.ofThisProcess().finished(messageId);
        }
        remember(tenantId, sha256, account.phoneNumberId(), id);
        media.put("id", id);
    }

    private Optional<String> earlierUpload(UUID tenantId, String sha256, String phoneNumberId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT media_id FROM media_uploads WHERE tenant_id = ? AND sha256 = ? AND phone_number_id = ?
                      AND uploaded_at > NOW() - (? * INTERVAL '1 second')""")) {
                ps.setObject(1, tenantId);
                ps.setString(2, sha256);
                ps.setString(3, phoneNumberId);
                ps.setLong(4, REUSE_FOR.toSeconds());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private void remember(UUID tenantId, String sha256, String phoneNumberId, String mediaId) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO media_uploads (tenant_id, sha256, phone_number_id, media_id, uploaded_at) VALUES (?, ?, ?, ?, NOW())
                    ON CONFLICT (tenant_id, sha256, phone_number_id) DO UPDATE SET media_id = EXCLUDED.media_id, uploaded_at = EXCLUDED.uploaded_at""")) {
                ps.setObject(1, tenantId);
                ps.setString(2, sha256);
                ps.setString(3, phoneNumberId);
                ps.setString(4, mediaId);
                return ps.executeUpdate();
            }
        });
    }

    private void extendLease(UUID messageId, int attempt) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE messages SET next_attempt_at = NOW() + (? * INTERVAL '1 millisecond')
                    WHERE id = ? AND send_attempts = ? AND status = 'queued'""")) {
                ps.setLong(1, uploadDeadline.plusMinutes(2).toMillis());
                ps.setObject(2, messageId);
                ps.setInt(3, attempt);
                return ps.executeUpdate();
            }
        });
    }
}
