package io.switchboard.backup;

import io.switchboard.db.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a backup file into an empty database. Everything that can refuse the file or the target
 * is checked first (complete file, a schema this build knows, checksums, an empty target whose
 * schema is not ahead of the file); then the schema is migrated to the file's version, and every
 * row goes in within one transaction, parents before children, so a failure leaves the tables
 * empty. Only owner rights are needed: COPY FROM STDIN through the driver, and (only for
 * tables with triggers of their own) ALTER TABLE … DISABLE TRIGGER USER.
 */
final class RestoreLoader {
    private final DataSource dataSource;

    RestoreLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    RestoreSummary restore(Path file, BackupProgress progress) {
        try (BackupFile backup = BackupFile.open(file)) {
            Manifest manifest = backup.manifest();
            Migrations migrations = new Migrations(dataSource);
            String known = migrations.latestKnownVersion();
            if (Migrations.compareVersions(manifest.schemaVersion(), known) > 0) {
                throw new BackupRefusedException("The file " + file.getFileName() + " was taken at schema version " + manifest.schemaVersion()
                        + ", newer than this Switchboard knows (" + known + "); restore it with a newer Switchboard. Nothing was restored.");
            }
            // The target first: it is one quick look, where checking the file reads all of it.
            checkTarget(manifest);
            // One bar for both passes: reading the file to check it takes about a fifth of what loading it takes.
            long rows = manifest.totalRows();
            long checkShare = Math.max(1, rows / 5);
            backup.verify((step, done, total) -> progress.report(step, total == 0 ? checkShare : done * checkShare / total, checkShare + rows));
            BackupProgress loading = (step, done, total) -> progress.report(step, checkShare + done, checkShare + rows);
            loading.report("Preparing the schema", 0, rows);
            migrations.migrateTo(manifest.schemaVersion());
            return load(backup, file, loading);
        }
    }

    private void checkTarget(Manifest manifest) {
        try (Connection c = dataSource.getConnection()) {
            refuseIfNotEmpty(SchemaCatalog.tablesWithRows(c));
            Optional<String> current = SchemaCatalog.schemaVersion(c);
            if (current.isPresent() && Migrations.compareVersions(current.get(), manifest.schemaVersion()) > 0) {
                throw new BackupRefusedException("The database is already at schema version " + current.get() + ", newer than the file's ("
                        + manifest.schemaVersion() + "); restore into a fresh data folder or an empty database instead. Nothing was restored.");
            }
        } catch (SQLException e) {
            throw new BackupFailedException("Could not inspect the database before restoring: " + e.getMessage(), e);
        }
    }

    private static void refuseIfNotEmpty(List<String> tablesWithRows) {
        if (!tablesWithRows.isEmpty()) {
            throw new BackupRefusedException("The database is not empty (" + String.join(", ", tablesWithRows)
                    + " hold rows); restore only into an empty database or a fresh data folder. Nothing was restored.");
        }
    }

    private RestoreSummary load(BackupFile backup, Path file, BackupProgress progress) {
        Manifest manifest = backup.manifest();
        long total = manifest.totalRows();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                SchemaCatalog.fixTextSettings(c);
                Map<String, List<String>> schema = SchemaCatalog.tables(c);
                for (Manifest.Table table : manifest.tables()) {
                    if (!schema.containsKey(table.name())) {
                        throw new BackupRefusedException("The file's table " + table.name() + " does not exist at schema version "
                                + manifest.schemaVersion() + "; the file does not match its schema. Nothing was restored.");
                    }
                }
                try (Statement s = c.createStatement()) {
                    // Nobody may write between the emptiness check and the commit.
                    s.execute("LOCK TABLE " + schema.keySet().stream().map(SchemaCatalog::quote).collect(Collectors.joining(", "))
                            + " IN SHARE ROW EXCLUSIVE MODE");
                    s.execute("SET CONSTRAINTS ALL DEFERRED");
                }
                refuseIfNotEmpty(SchemaCatalog.tablesWithRows(c));
                Set<String> triggered = SchemaCatalog.tablesWithUserTriggers(c);
                // Rows come back as they were: a trigger that stamps or counts must not fire again.
                alterTriggers(c, triggered, "DISABLE");
                Map<String, Manifest.Table> byName = manifest.tables().stream().collect(Collectors.toMap(Manifest.Table::name, t -> t));
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                long done = 0;
                for (String name : SchemaCatalog.loadOrder(c, byName.keySet())) {
                    Manifest.Table table = byName.get(name);
                    String step = "Restoring " + name;
                    long before = done;
                    progress.report(step, done, total);
                    long loaded;
                    try (InputStream in = new RowStreams.In(backup.data(table), n -> progress.report(step, before + n, total))) {
                        loaded = copy.copyIn("COPY " + SchemaCatalog.quote(name) + " (" + SchemaCatalog.columnList(table.columns()) + ") FROM STDIN", in);
                    }
                    if (loaded != table.rows()) {
                        throw new BackupFailedException("Table " + name + " loaded " + loaded + " rows where the file holds " + table.rows()
                                + "; nothing was restored.", null);
                    }
                    done += loaded;
                }
                alterTriggers(c, triggered, "ENABLE");
                restoreSequences(c, manifest);
                c.commit();
                progress.report("Restored", total, total);
                return new RestoreSummary(file, manifest.schemaVersion(), manifest.tables().size(), total);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new BackupFailedException("Restoring " + file.getFileName() + " failed: " + e.getMessage() + "; nothing was restored.", e);
        }
    }

    private static void alterTriggers(Connection c, Set<String> tables, String action) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("ALTER TABLE " + SchemaCatalog.quote(table) + " " + action + " TRIGGER USER");
            }
        }
    }

    /**
     * Each sequence as it was in the file, and never below the largest value its column holds
     * (serial and identity columns), so the next generated id cannot collide with a restored one.
     * Done last: setval is not undone by a rollback.
     */
    private static void restoreSequences(Connection c, Manifest manifest) throws SQLException {
        List<Manifest.Sequence> recorded = manifest.sequences() == null ? List.of() : manifest.sequences();
        Map<String, String[]> owned = SchemaCatalog.ownedSequences(c);
        List<String> existing = new ArrayList<>();
        for (Manifest.Sequence s : SchemaCatalog.sequences(c)) {
            existing.add(s.name());
        }
        try (PreparedStatement set = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
            for (Manifest.Sequence s : recorded) {
                if (existing.contains(s.name())) {
                    set.setString(1, SchemaCatalog.quote(s.name()));
                    set.setLong(2, s.lastValue());
                    set.setBoolean(3, s.isCalled());
                    set.executeQuery().close();
                }
            }
            for (Map.Entry<String, String[]> e : owned.entrySet()) {
                String[] column = e.getValue();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(" + SchemaCatalog.quote(column[1]) + ")::bigint, (SELECT last_value FROM "
                        + SchemaCatalog.quote(e.getKey()) + "), (SELECT is_called FROM " + SchemaCatalog.quote(e.getKey()) + ") FROM " + SchemaCatalog.quote(column[0]))) {
                    rs.next();
                    long max = rs.getLong(1);
                    boolean any = !rs.wasNull();
                    if (any && (!rs.getBoolean(3) || max > rs.getLong(2))) {
                        set.setString(1, SchemaCatalog.quote(e.getKey()));
                        set.setLong(2, Math.max(max, rs.getBoolean(3) ? rs.getLong(2) : max));
                        set.setBoolean(3, true);
                        set.executeQuery().close();
                    }
                }
            }
        }
    }
}
