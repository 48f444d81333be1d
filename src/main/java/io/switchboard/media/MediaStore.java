package io.switchboard.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Where media bytes live. The catalog row (media_files: tenant, hash, type, size) is always in
 * PostgreSQL, so the storage cap, the dedupe and row-level security work the same for every store; a
 * store decides only where the bytes go: into that row ({@link DatabaseMediaStore}, the default, which
 * every desktop of a team can read) or into files named by their hash ({@link FolderMediaStore}, for
 * deployments whose database should stay small; the folder must be shared the same way).
 */
public interface MediaStore {
    /** The media_files.store value of rows this store writes. */
    String name();

    /** Inserts the catalog row for {@code file} (its bytes hash to {@code sha256}), in the caller's transaction. */
    void insert(Connection c, UUID tenantId, String sha256, String mimeType, Path file, long size) throws SQLException, IOException;

    /** The stored bytes, read lazily; the caller closes the stream. */
    InputStream open(UUID tenantId, String sha256) throws IOException;
}
