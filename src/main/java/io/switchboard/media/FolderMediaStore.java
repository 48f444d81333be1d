package io.switchboard.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Bytes as files: {root}/{tenant id}/{first two hex digits}/{sha256}. The name is the content's hash,
 * so a file is written whole (to a temporary name, then moved) and never changes; a transaction that
 * rolls back leaves at most a file that the next store of the same bytes reuses.
 */
public final class FolderMediaStore implements MediaStore {
    private final Path root;

    public FolderMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "folder";
    }

    @Override
    public void insert(Connection c, UUID tenantId, String sha256, String mimeType, Path file, long size) throws SQLException, IOException {
        Path target = pathOf(tenantId, sha256);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".incoming-", ".part");
            try {
                Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO media_files (tenant_id, sha256, mime_type, size_bytes, store) VALUES (?, ?, ?, ?, 'folder')
                ON CONFLICT (tenant_id, sha256) DO NOTHING""")) {
            ps.setObject(1, tenantId);
            ps.setString(2, sha256);
            ps.setString(3, mimeType);
            ps.setLong(4, size);
            ps.executeUpdate();
        }
    }

    @Override
    public InputStream open(UUID tenantId, String sha256) throws IOException {
        return Files.newInputStream(pathOf(tenantId, sha256));
    }

    Path pathOf(UUID tenantId, String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve(tenantId.toString()).resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
