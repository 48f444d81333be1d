package io.switchboard.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's secondary indexes set aside for a bulk fill and built again afterwards. Growing a dozen
 * indexes row by row (random UUIDs, two trigram/full-text GIN indexes) is most of a large fill's time;
 * building each once from the finished table is one sorted pass. Indexes that back a constraint (primary
 * and unique keys, referenced by foreign keys) stay. Everything happens inside the fill's transaction:
 * if it fails, the drop rolls back with the rows.
 */
final class SecondaryIndexes {
    private final List<String> definitions;

    private SecondaryIndexes(List<String> definitions) {
        this.definitions = definitions;
    }

    static SecondaryIndexes none() {
        return new SecondaryIndexes(List.of());
    }

    static SecondaryIndexes drop(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid = ?::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY 1""")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    definitions.add(rs.getString(2));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT indexes_aside");
            try {
                for (String name : names) {
                    s.execute("DROP INDEX " + name);
                }
                s.execute("RELEASE SAVEPOINT indexes_aside");
            } catch (SQLException e) {
                // A role that does not own the table (an agent in team mode) keeps the indexes: slower, same result.
                if (!"42501".equals(e.getSQLState())) {
                    throw e;
                }
                s.execute("ROLLBACK TO SAVEPOINT indexes_aside");
                return none();
            }
        }
        return new SecondaryIndexes(definitions);
    }

    void restore(Connection c) throws SQLException {
        if (definitions.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            // At least 256 MB; a bulk fill has set more for its whole transaction (DemoData.buildSettings).
            s.execute("SELECT set_config('maintenance_work_mem', GREATEST(pg_size_bytes(current_setting('maintenance_work_mem')), 256 * 1024 * 1024) / 1024 || 'kB', true)");
            for (String definition : definitions) {
                s.execute(definition);
            }
        }
    }
}
