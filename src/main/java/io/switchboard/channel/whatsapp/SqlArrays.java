package io.switchboard.channel.whatsapp;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Column arrays for multi-row statements ({@code unnest(?::uuid[], ?::text[], …)}): one round trip
 * for a whole batch. Timestamps travel as ISO text in UTC and are cast by the statement, so the
 * JVM's time zone can never shift them.
 */
final class SqlArrays {
    private SqlArrays() {
    }

    static Array uuids(Connection c, List<UUID> values) throws SQLException {
        return c.createArrayOf("uuid", values.toArray(new UUID[0]));
    }

    static Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(new String[0]));
    }

    static Array ints(Connection c, List<Integer> values) throws SQLException {
        return c.createArrayOf("int4", values.toArray(new Integer[0]));
    }

    /** Pass as text[]; the SQL casts it with {@code ::timestamp[]}. */
    static Array timestamps(Connection c, List<Instant> values) throws SQLException {
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            Instant v = values.get(i);
            out[i] = v == null ? null : LocalDateTime.ofInstant(v, ZoneOffset.UTC).toString();
        }
        return c.createArrayOf("text", out);
    }
}
