package io.switchboard.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's primary and unique keys, and the foreign keys of other tables that point at them, set aside
 * for a bulk fill and added again afterwards. The status history's keys are random UUIDs (its primary key)
 * and (message_id, status): at ten million messages both B-trees are many times the server's cache, and
 * growing them row by row is random I/O and a full-page WAL image per page per checkpoint. Adding a key
 * afterwards is one sorted build that also proves the rows unique, and re-adding a foreign key checks every
 * row again, so nothing is trusted that was not checked (docs/decisions/stats-12-…). Everything happens in
 * the fill's transaction: if it fails, the drop rolls back with the rows.
 */
final class KeyConstraints {
    private final List<String> additions;

    private KeyConstraints(List<String> additions) {
        this.additions = additions;
    }

    static KeyConstraints none() {
        return new KeyConstraints(List.of());
    }

    /**
     * Drops the keys of {@code table} and the foreign keys referencing them. A role that may not alter one of
     * those tables (not their owner) keeps every key: the fill then grows them as it goes, slower but the same.
     */
    static KeyConstraints drop(Connection c, String table) throws SQLException {
        List<String> drops = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> references = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT k.conrelid::regclass::text, format('%I', k.conname), pg_get_constraintdef(k.oid), k.contype
                FROM pg_constraint k
                WHERE (k.conrelid = ?::regclass AND k.contype IN ('p', 'u'))
                   OR (k.confrelid = ?::regclass AND k.contype = 'f' AND k.conrelid <> k.confrelid)
                ORDER BY k.contype, 1, 2""")) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String owner = rs.getString(1);
                    String name = rs.getString(2);
                    String add = "ALTER TABLE " + owner + " ADD CONSTRAINT " + name + " " + rs.getString(3);
                    String drop = "ALTER TABLE " + owner + " DROP CONSTRAINT " + name;
                    if ("f".equals(rs.getString(4))) {
                        references.add(add);
                        drops.add(0, drop); // referencing keys go first, before the keys they need
                    } else {
                        keys.add(add);
                        drops.add(drop);
                    }
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT keys_aside");
            try {
                for (String drop : drops) {
                    s.execute(drop);
                }
                s.execute("RELEASE SAVEPOINT keys_aside");
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState())) { // insufficient privilege: keep the keys; anything else is a real failure
                    throw e;
                }
                s.execute("ROLLBACK TO SAVEPOINT keys_aside");
                return none();
            }
        }
        List<String> additions = new ArrayList<>(keys);
        additions.addAll(references); // the keys first: a foreign key needs the key it references
        return new KeyConstraints(additions);
    }

    void restore(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String addition : additions) {
                s.execute(addition);
            }
        }
    }
}
