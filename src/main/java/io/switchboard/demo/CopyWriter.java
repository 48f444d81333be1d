package io.switchboard.demo;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.UUID;
import org.postgresql.copy.CopyIn;

/** Rows in PostgreSQL's COPY text format, streamed to the server in large chunks. */
final class CopyWriter implements AutoCloseable {
    private static final int FLUSH_AT = 1 << 20;
    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
    private boolean firstInRow = true;
    private long rows;

    CopyWriter(CopyIn copy) {
        this.copy = copy;
    }

    CopyWriter add(String value) {
        separator();
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(ch);
            }
        }
        return this;
    }

    CopyWriter add(UUID value) {
        return add(value == null ? null : value.toString());
    }

    CopyWriter add(LocalDateTime value) {
        return add(value == null ? null : value.toString());
    }

    void endRow() throws SQLException {
        buffer.append('\n');
        firstInRow = true;
        rows++;
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void separator() {
        if (!firstInRow) {
            buffer.append('\t');
        }
        firstInRow = false;
    }

    private void flush() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        flush();
        copy.endCopy();
    }
}
