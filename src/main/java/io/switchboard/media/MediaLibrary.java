package io.switchboard.media;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's media files: stored once per content hash, within the tenant's storage cap, in the
 * configured {@link MediaStore}; read back from whichever store holds them.
 */
public final class MediaLibrary {
    private final Database database;
    private final MediaStore writer;
    private final DatabaseMediaStore inDatabase;
    private final FolderMediaStore inFolder;

    /** {@code folder}: where the folder store keeps files, or null when media goes into the database. */
    public MediaLibrary(Database database, Path folder) {
        this.database = database;
        this.inDatabase = new DatabaseMediaStore(database);
        this.inFolder = folder == null ? null : new FolderMediaStore(folder);
        this.writer = inFolder != null ? inFolder : inDatabase;
    }

    public MediaLibrary(Database database) {
        this(database, null);
    }

    /** The database store, or the folder store when SWITCHBOARD_MEDIA_FOLDER names one. */
    public static MediaLibrary fromSettings(Database database, io.switchboard.config.Settings settings) {
        String folder = settings.get(io.switchboard.config.Variable.SWITCHBOARD_MEDIA_FOLDER);
        return new MediaLibrary(database, folder == null || folder.isBlank() ? null : Path.of(folder));
    }

    public String storeName() {
        return writer.name();
    }

    /** Stores a file (hashing it) unless the tenant has the same bytes already; refuses it when the cap would be exceeded. */
    public StoredMedia store(UUID tenantId, Path file, String mimeType) {
        Hashed h = hash(file);
        return database.inJdbcTransaction(c -> store(c, tenantId, file, mimeType, h.sha256(), h.size()));
    }

    /** The same, in the caller's transaction, for a file whose hash and size are known. */
    StoredMedia store(Connection c, UUID tenantId, Path file, String mimeType, String sha256, long size) throws SQLException {
        // One writer per tenant at a time: the cap check and the insert must see the same total.
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended('media:' || ?, 0))")) {
            ps.setString(1, tenantId.toString());
            ps.execute();
        }
        Optional<StoredMedia> existing = find(c, tenantId, sha256);
        if (existing.isPresent()) {
            return existing.get();
        }
        MediaUsage usage = usage(c, tenantId);
        if (usage.usedBytes() + size > usage.quotaBytes()) {
            throw new ValidationException("media", "this tenant's storage cap of " + MediaSizes.human(usage.quotaBytes()) + " would be exceeded ("
                    + MediaSizes.human(usage.usedBytes()) + " used, this file is " + MediaSizes.human(size) + "); raise the cap or delete old media");
        }
        try {
            writer.insert(c, tenantId, sha256, mimeType, file, size);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store media " + sha256, e);
        }
        return new StoredMedia(sha256, mimeType, size);
    }

    public Optional<StoredMedia> find(UUID tenantId, String sha256) {
        return database.inJdbcTransaction(c -> find(c, tenantId, sha256));
    }

    private static Optional<StoredMedia> find(Connection c, UUID tenantId, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT mime_type, size_bytes FROM media_files WHERE tenant_id = ? AND sha256 = ?")) {
            ps.setObject(1, tenantId);
            ps.setString(2, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredMedia(sha256, rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    public MediaUsage usage(UUID tenantId) {
        return database.inJdbcTransaction(c -> usage(c, tenantId));
    }

    private static MediaUsage usage(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.media_quota_bytes, COALESCE(SUM(f.size_bytes), 0), COUNT(f.sha256)
                FROM tenants t LEFT JOIN media_files f ON f.tenant_id = t.id WHERE t.id = ? GROUP BY t.media_quota_bytes""")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", "no tenant has id " + tenantId);
                }
                return new MediaUsage(rs.getLong(2), rs.getLong(1), rs.getLong(3));
            }
        }
    }

    /** Sets the tenant's cap; a cap below what is stored already is allowed (nothing is deleted, new files are refused). */
    public void setQuota(UUID tenantId, long bytes) {
        if (bytes <= 0) {
            throw new ValidationException("quota", "must be more than 0 bytes");
        }
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE tenants SET media_quota_bytes = ? WHERE id = ?")) {
                ps.setLong(1, bytes);
                ps.setObject(2, tenantId);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("tenant", "no tenant has id " + tenantId);
                }
                return null;
            }
        });
    }

    /** The bytes, from the store that holds them. */
    public InputStream open(UUID tenantId, String sha256) throws IOException {
        String store = database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT store FROM media_files WHERE tenant_id = ? AND sha256 = ?")) {
                ps.setObject(1, tenantId);
                ps.setString(2, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (store == null) {
            throw new IOException("this tenant has no stored media " + sha256);
        }
        if (store.equals("folder")) {
            if (inFolder == null) {
                throw new IOException("media " + sha256 + " is kept in a media folder, and SWITCHBOARD_MEDIA_FOLDER is not set in this process");
            }
            return inFolder.open(tenantId, sha256);
        }
        return inDatabase.open(tenantId, sha256);
    }

    /** The whole file, when it is at most {@code max} bytes (thumbnails, the viewer). */
    public byte[] readAll(UUID tenantId, String sha256, long max) throws IOException {
        try (InputStream in = open(tenantId, sha256)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new IOException("media " + sha256 + " is bigger than " + MediaSizes.human(max));
            }
            return bytes;
        }
    }

    record Hashed(String sha256, long size) {
    }

    static Hashed hash(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
            return new Hashed(HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException e) {
            throw new ValidationException("file", "cannot be read: " + e.getMessage(), e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
