package io.switchboard.media;

import io.switchboard.common.PeriodicJob;
import io.switchboard.config.ConfigurationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.delivery.SendingAccount;
import io.switchboard.delivery.SendingAccounts;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches inbound media. Jobs come from media_downloads (queued by a trigger in the transaction that
 * stored the message). A claim is its own short transaction (FOR UPDATE SKIP LOCKED, attempt counted, a
 * lease set), so any number of workers in any number of processes share the queue and no lock is held
 * while talking to Meta. Every attempt asks Meta for a fresh URL (they expire after minutes), downloads
 * it with the tenant's token within the kind's size limit, checks the sha256 the webhook gave, and stores
 * the bytes once per (tenant, hash). The outcome is written only if the job still carries that attempt
 * (a fencing token). A retryable failure waits with exponential backoff; the last one, or a file that can
 * never be right (wrong hash, too big, unknown id), marks the job and the message with the reason.
 */
public final class MediaDownloadWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaDownloadWorker.class);

    /** How many tries, the backoff's first wait and ceiling, and how long a claim is left alone. */
    public record Options(int maxAttempts, Duration backoffBase, Duration backoffCap, Duration lease, int batch) {
        public static Options defaults() {
            return new Options(6, Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(6), 4);
        }
    }

    record Job(UUID messageId, UUID tenantId, String mediaId, MediaKind kind, String declaredMime, String expectedSha256, boolean animated, int attempt) {
    }

    private final Database database;
    private final SendingAccounts accounts;
    private final MediaApi api;
    private final MediaLibrary library;
    private final Options options;
    private PeriodicJob job;

    public MediaDownloadWorker(Database database, SendingAccounts accounts, MediaApi api, MediaLibrary library, Options options) {
        this.database = database;
        this.accounts = accounts;
        this.api = api;
        this.library = library;
        this.options = options;
    }

    /** Polls the queue every {@code every} on one daemon thread, draining it each time. */
    public MediaDownloadWorker start(Duration every) {
        job = PeriodicJob.start("media-download", Duration.ofSeconds(1), every, this::drain, log, "media download");
        return this;
    }

    /**
     * Works the jobs due when it started until none is left; returns how many were worked. A job retried
     * during the run waits for the next run, so a short backoff never turns into a tight loop.
     */
    public int drain() {
        java.time.LocalDateTime started = database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()::timestamp"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, java.time.LocalDateTime.class);
            }
        });
        int total = 0;
        for (List<Job> batch = claim(started); !batch.isEmpty(); batch = claim(started)) {
            for (Job j : batch) {
                work(j);
            }
            total += batch.size();
        }
        return total;
    }

    List<Job> claim(java.time.LocalDateTime dueBy) {
        return database.inJdbcTransaction(c -> {
            List<Job> jobs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH picked AS (
                      SELECT message_id FROM media_downloads
                      WHERE status = 'pending' AND next_attempt_at <= LEAST(NOW(), ?)
                      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    UPDATE media_downloads d
                       SET attempts = d.attempts + 1, next_attempt_at = NOW() + (? * INTERVAL '1 millisecond'), updated_at = NOW()
                      FROM picked WHERE d.message_id = picked.message_id
                    RETURNING d.message_id, d.tenant_id, d.media_id, d.kind, d.declared_mime, d.expected_sha256, d.animated, d.attempts""")) {
                ps.setObject(1, dueBy);
                ps.setInt(2, options.batch());
                ps.setLong(3, options.lease().toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(new Job(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                                MediaKind.ofWhatsAppType(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getInt(8)));
                    }
                }
            }
            return jobs;
        });
    }

    /** One attempt; every outcome is written, none thrown. */
    void work(Job j) {
        try {
            attempt(j);
        } catch (Failure f) {
            if (!f.retryable || j.attempt() >= options.maxAttempts()) {
                fail(j, f.retryable ? "Gave up after " + j.attempt() + " attempts. " + f.getMessage() : f.getMessage());
            } else {
                retry(j, f.getMessage() + " (attempt " + j.attempt() + " of " + options.maxAttempts() + ")");
            }
        } catch (RuntimeException e) {
            log.warn("media download for message {} failed unexpectedly: {}", j.messageId(), e.toString());
            if (j.attempt() >= options.maxAttempts()) {
                fail(j, "Switchboard could not store the file: " + e.getMessage());
            } else {
                retry(j, "Switchboard could not store the file: " + e.getMessage());
            }
        }
    }

    private static final class Failure extends Exception {
        final boolean retryable;

        Failure(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }
    }

    private void attempt(Job j) throws Failure {
        if (j.kind() == null) {
            throw new Failure("This message kind has no media to download", false);
        }
        Optional<SendingAccount> account;
        try {
            account = accounts.forTenant(j.tenantId());
        } catch (ConfigurationException e) {
            throw new Failure("The WhatsApp account cannot be read: " + e.getMessage(), true);
        }
        if (account.isEmpty()) {
            throw new Failure("The tenant has no active WhatsApp number whose token could fetch the file", true);
        }
        SendingAccount a = account.get();
        long limit = j.kind().maxBytes(j.animated());
        MediaApi.MediaUrl url;
        MediaApi.Downloaded file;
        try {
            url = api.retrieveUrl(a.apiBaseUrl(), j.mediaId(), a.phoneNumberId(), a.accessToken());
            if (url.fileSize() > limit) {
                throw new Failure("The file is " + MediaSizes.human(url.fileSize()) + "; WhatsApp's limit for " + j.kind().code() + " is "
                        + MediaSizes.human(limit) + ", so it was not downloaded", false);
            }
            file = api.download(url.url(), a.accessToken(), limit);
        } catch (MediaApi.MediaApiException e) {
            throw new Failure(e.getMessage(), e.retryable());
        }
        try {
            String expected = j.expectedSha256() != null ? j.expectedSha256() : url.sha256();
            if (expected != null && !sameHash(expected, file.sha256Hex())) {
                throw new Failure("The downloaded file's SHA-256 (" + file.sha256Hex() + ") differs from the one WhatsApp announced; it was refused", false);
            }
            String mime = firstNonBlank(url.mimeType(), j.declaredMime(), "application/octet-stream");
            store(j, file, MediaKind.baseMime(mime) + (mime.contains(";") ? mime.substring(mime.indexOf(';')) : ""));
        } finally {
            try {
                Files.deleteIfExists(file.file());
            } catch (IOException e) {
                log.debug("could not delete {}: {}", file.file(), e.toString());
            }
        }
    }

    private void store(Job j, MediaApi.Downloaded file, String mime) throws Failure {
        try {
            database.inJdbcTransaction(c -> {
                library.store(c, j.tenantId(), file.file(), mime, file.sha256Hex(), file.size());
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE media_downloads SET status = 'done', sha256 = ?, last_error = NULL, updated_at = NOW()
                        WHERE message_id = ? AND attempts = ? AND status = 'pending'""")) {
                    ps.setString(1, file.sha256Hex());
                    ps.setObject(2, j.messageId());
                    ps.setInt(3, j.attempt());
                    ps.executeUpdate();
                }
                Notifications.announce(c, j.tenantId(), Notifications.Kind.MESSAGES);
                return null;
            });
        } catch (io.switchboard.common.ValidationException e) {
            // The storage cap: more attempts will not make room by themselves.
            throw new Failure("Not stored: " + e.getMessage(), false);
        }
    }

    private void retry(UUID messageId, int attempt, String reason, Duration delay) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE media_downloads SET next_attempt_at = NOW() + (? * INTERVAL '1 millisecond'), last_error = ?, updated_at = NOW()
                    WHERE message_id = ? AND attempts = ? AND status = 'pending'""")) {
                ps.setLong(1, delay.toMillis());
                ps.setString(2, reason);
                ps.setObject(3, messageId);
                ps.setInt(4, attempt);
                return ps.executeUpdate();
            }
        });
    }

    private void retry(Job j, String reason) {
        log.info("media download for message {} will be retried: {}", j.messageId(), reason);
        retry(j.messageId(), j.attempt(), reason, delayAfter(j.attempt()));
    }

    private void fail(Job j, String reason) {
        log.warn("media download for message {} failed for good: {}", j.messageId(), reason);
        database.inJdbcTransaction(c -> {
            int changed;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE media_downloads SET status = 'failed', last_error = ?, updated_at = NOW()
                    WHERE message_id = ? AND attempts = ? AND status = 'pending'""")) {
                ps.setString(1, reason);
                ps.setObject(2, j.messageId());
                ps.setInt(3, j.attempt());
                changed = ps.executeUpdate();
            }
            if (changed == 1) {
                markMessage(c, j, reason);
                Notifications.announce(c, j.tenantId(), Notifications.Kind.MESSAGES);
            }
            return null;
        });
    }

    /** The bubble shows why the file is missing; the message itself (caption, status) is untouched. */
    private static void markMessage(Connection c, Job j, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE messages SET error_code = 'media_download_failed', error_title = 'The file could not be downloaded', error_detail = ?, updated_at = NOW()
                WHERE tenant_id = ? AND id = ?""")) {
            ps.setString(1, reason);
            ps.setObject(2, j.tenantId());
            ps.setObject(3, j.messageId());
            ps.executeUpdate();
        }
    }

    private Duration delayAfter(int attempt) {
        long base = options.backoffBase().toMillis();
        long exponential = base << Math.min(20, Math.max(0, attempt - 1));
        long ceiling = Math.min(options.backoffCap().toMillis(), exponential);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** Meta's webhooks give the hash in base64 and the media URL answer in hex; either is compared as bytes. */
    static boolean sameHash(String announced, String actualHex) {
        byte[] actual = HexFormat.of().parseHex(actualHex);
        String a = announced.strip();
        try {
            if (a.matches("(?i)[0-9a-f]{64}")) {
                return java.util.Arrays.equals(HexFormat.of().parseHex(a.toLowerCase(java.util.Locale.ROOT)), actual);
            }
            return java.util.Arrays.equals(Base64.getDecoder().decode(a), actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}
