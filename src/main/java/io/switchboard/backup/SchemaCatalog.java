package io.switchboard.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a backup covers, read from pg_catalog at run time so a table added by a later migration
 * is backed up without anyone remembering to list it: every ordinary or partitioned table of the
 * current schema except Flyway's history (the restore rebuilds that by migrating), its stored
 * (non-generated) columns, the foreign keys between tables, and the schema's sequences.
 */
final class SchemaCatalog {
    static final String FLYWAY_HISTORY = "flyway_schema_history";

    private SchemaCatalog() {
    }

    /** Table name to its stored columns in column order, for every table of the current schema. */
    static Map<String, List<String>> tables(Connection c) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.relname, a.attname
                FROM pg_class t
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                WHERE t.relnamespace = current_schema()::regnamespace AND t.relkind IN ('r', 'p') AND NOT t.relispartition
                  AND t.relname <> ?
                ORDER BY t.relname, a.attnum""")) {
            ps.setString(1, FLYWAY_HISTORY);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return tables;
    }

    /**
     * The tables in an order that loads parents before children (foreign keys from pg_constraint).
     * A table that references itself loads in one COPY, whose foreign-key checks run at the end of
     * the statement, so its own order does not matter. Tables caught in a cycle of foreign keys
     * between tables go last, by name; they load only if those constraints are deferrable.
     */
    static List<String> loadOrder(Connection c, Set<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new HashMap<>();
        tables.forEach(t -> parents.put(t, new TreeSet<>()));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT child.relname, parent.relname
                FROM pg_constraint k
                JOIN pg_class child ON child.oid = k.conrelid
                JOIN pg_class parent ON parent.oid = k.confrelid
                WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace""")) {
            while (rs.next()) {
                String child = rs.getString(1);
                String parent = rs.getString(2);
                if (!child.equals(parent) && parents.containsKey(child) && tables.contains(parent)) {
                    parents.get(child).add(parent);
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> left = new TreeSet<>(tables);
        boolean progressed = true;
        while (!left.isEmpty() && progressed) {
            progressed = false;
            for (String table : List.copyOf(left)) {
                if (order.containsAll(parents.get(table))) {
                    order.add(table);
                    left.remove(table);
                    progressed = true;
                }
            }
        }
        order.addAll(left);
        return order;
    }

    /** Each sequence of the current schema with its state (a sequence read outside the snapshot: it never goes back, so at least as high). */
    static List<Manifest.Sequence> sequences(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT relname FROM pg_class WHERE relkind = 'S' AND relnamespace = current_schema()::regnamespace ORDER BY relname""")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        List<Manifest.Sequence> sequences = new ArrayList<>();
        for (String name : names) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + quote(name))) {
                rs.next();
                sequences.add(new Manifest.Sequence(name, rs.getLong(1), rs.getBoolean(2)));
            }
        }
        return sequences;
    }

    /** Sequences owned by a column (serial or identity): sequence name to "table"."column". */
    static Map<String, String[]> ownedSequences(Connection c) throws SQLException {
        Map<String, String[]> owned = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT seq.relname, t.relname, a.attname
                FROM pg_depend d
                JOIN pg_class seq ON seq.oid = d.objid AND seq.relkind = 'S'
                JOIN pg_class t ON t.oid = d.refobjid
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                  AND t.relnamespace = current_schema()::regnamespace""")) {
            while (rs.next()) {
                owned.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return owned;
    }

    /** Tables that carry triggers of their own (not the internal ones behind foreign keys). */
    static Set<String> tablesWithUserTriggers(Connection c) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT DISTINCT t.relname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
                WHERE NOT g.tgisinternal AND t.relnamespace = current_schema()::regnamespace""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** The tables of the current schema (Flyway's history aside) that hold at least one row. */
    static List<String> tablesWithRows(Connection c) throws SQLException {
        List<String> withRows = new ArrayList<>();
        for (String table : tables(c).keySet()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + quote(table) + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    withRows.add(table);
                }
            }
        }
        return withRows;
    }

    /** The schema version Flyway recorded, or empty when the database has no Flyway history. */
    static java.util.Optional<String> schemaVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = ? AND relnamespace = current_schema()::regnamespace)""")) {
            ps.setString(1, FLYWAY_HISTORY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return java.util.Optional.empty();
                }
            }
        }
        List<String> versions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT version FROM " + FLYWAY_HISTORY + " WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions.stream().max(io.switchboard.db.Migrations::compareVersions);
    }

    /** The same text settings on both sides, so every value's text form reads back as the same value. */
    static void fixTextSettings(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL DateStyle = 'ISO, YMD'");
            s.execute("SET LOCAL IntervalStyle = 'postgres'");
            s.execute("SET LOCAL TimeZone = 'UTC'");
            s.execute("SET LOCAL extra_float_digits = 3");
            s.execute("SET LOCAL bytea_output = 'hex'");
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(SchemaCatalog::quote).toList());
    }
}
