package io.switchboard.media;

import io.switchboard.db.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Bytes in media_files.content (bytea, stored uncompressed out of line). Written in one streamed
 * statement; read back in slices of {@value #SLICE} bytes, one short query each, so reading a 100 MB
 * document never holds a connection while the reader is slow, nor the whole file in memory.
 */
public final class DatabaseMediaStore implements MediaStore {
    static final int SLICE = 1 << 20;
    private final Database database;

    public DatabaseMediaStore(Database database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public void insert(Connection c, UUID tenantId, String sha256, String mimeType, Path file, long size) throws SQLException, IOException {
        try (InputStream in = Files.newInputStream(file);
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO media_files (tenant_id, sha256, mime_type, size_bytes, store, content) VALUES (?, ?, ?, ?, 'database', ?)
                     ON CONFLICT (tenant_id, sha256) DO NOTHING""")) {
            ps.setObject(1, tenantId);
            ps.setString(2, sha256);
            ps.setString(3, mimeType);
            ps.setLong(4, size);
            ps.setBinaryStream(5, in, size);
            ps.executeUpdate();
        }
    }

    @Override
    public InputStream open(UUID tenantId, String sha256) {
        return new InputStream() {
            private byte[] slice = new byte[0];
            private int pos;
            private long offset;
            private boolean end;

            @Override
            public int read() throws IOException {
                if (!fill()) {
                    return -1;
                }
                return slice[pos++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, slice.length - pos);
                System.arraycopy(slice, pos, b, off, n);
                pos += n;
                return n;
            }

            private boolean fill() throws IOException {
                if (pos < slice.length) {
                    return true;
                }
                if (end) {
                    return false;
                }
                slice = readSlice(tenantId, sha256, offset);
                pos = 0;
                offset += slice.length;
                end = slice.length < SLICE;
                return slice.length > 0;
            }
        };
    }

    private byte[] readSlice(UUID tenantId, String sha256, long offset) throws IOException {
        byte[] bytes = database.inJdbcTransaction(c -> {
            // substring() on uncompressed external storage reads only the TOAST chunks of this slice.
            try (PreparedStatement ps = c.prepareStatement("SELECT substring(content FROM ? FOR ?) FROM media_files WHERE tenant_id = ? AND sha256 = ?")) {
                ps.setInt(1, Math.toIntExact(offset + 1));
                ps.setInt(2, SLICE);
                ps.setObject(3, tenantId);
                ps.setString(4, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
        if (bytes == null) {
            throw new IOException("no stored media " + sha256 + " for this tenant");
        }
        return bytes;
    }
}
