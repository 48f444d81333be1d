package io.switchboard.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup of a tenant filled like a real one, restored into a new empty database: every table, row by row, the same. */
class BackupRoundTripTest {
    @TempDir
    Path folder;

    @Test
    void aRestoredDatabaseEqualsTheOriginalRowByRowInEveryTable() throws Exception {
        try (Database source = TestDatabase.open()) {
            FilledTenant.fill(source);
            Map<String, String> before = fingerprint(source);
            assertThat(before.keySet()).as("every table of the schema").containsExactlyInAnyOrderElementsOf(schemaTables(source));
            assertThat(before).as("the fill puts rows in every table, so the round trip covers each one;"
                    + " a new table needs rows in FilledTenant.fill").allSatisfy((table, print) -> assertThat(print).doesNotStartWith("0 rows"));

            List<Long> progress = new CopyOnWriteArrayList<>();
            BackupSummary backup = new BackupService(source).backUp(folder.resolve("inbox.sbk"), (step, done, total) -> progress.add(done));
            assertThat(backup.tables()).isEqualTo(before.size());
            assertThat(progress).isSorted().last().isEqualTo(backup.rows());

            try (BackupFile file = BackupFile.open(backup.file())) {
                assertThat(file.manifest().tables()).extracting(Manifest.Table::name)
                        .as("a test fails when a table is not in the file").containsExactlyInAnyOrderElementsOf(schemaTables(source));
                assertThat(file.manifest().tables().get(0).name()).isEqualTo("tenants");
            }

            ConnectionTarget empty = TestDatabase.emptyDatabase();
            try (Database restored = Database.connect(empty, 4, "test")) {
                RestoreSummary summary = new BackupService(restored).restore(backup.file(), BackupProgress.NONE);
                assertThat(summary.rows()).isEqualTo(backup.rows());
                assertThat(fingerprint(restored)).isEqualTo(before);
            }
        }
    }

    @Test
    void identityColumnsSelfReferencesAndGeneratedColumnsComeBackAndTheNextIdFollowsTheRestoredOnes() throws Exception {
        String probe = """
                CREATE TABLE backup_probe (
                  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  parent_id BIGINT REFERENCES backup_probe(id),
                  note TEXT,
                  note_length INT GENERATED ALWAYS AS (length(note)) STORED)""";
        try (Database source = TestDatabase.open()) {
            execute(source, probe);
            // Children before parents in id order; a gap in the ids.
            execute(source, "INSERT INTO backup_probe (note) SELECT 'row ' || g FROM generate_series(1, 5) g");
            execute(source, "DELETE FROM backup_probe WHERE id = 3");
            execute(source, "UPDATE backup_probe SET parent_id = 5 WHERE id IN (1, 2)");
            execute(source, "UPDATE backup_probe SET note = NULL WHERE id = 4");
            Path file = new BackupService(source).backUp(folder.resolve("probe.sbk"), BackupProgress.NONE).file();

            try (Database restored = Database.connect(TestDatabase.migratedDatabase(), 2, "test")) {
                execute(restored, probe);
                new BackupService(restored).restore(file, BackupProgress.NONE);
                assertThat(fingerprint(restored).get("backup_probe")).isEqualTo(fingerprint(source).get("backup_probe"));
                execute(restored, "INSERT INTO backup_probe (note) VALUES ('new')");
                assertThat(FilledTenant.one(restored, "SELECT max(id) FROM backup_probe")).isEqualTo("6");
            }
        }
    }

    /** Per table: its row count and the md5 of all its rows as text, sorted. */
    static Map<String, String> fingerprint(Database db) throws SQLException {
        Map<String, String> prints = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            for (String table : SchemaCatalog.tables(c).keySet()) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM " + table + " t")) {
                    rs.next();
                    prints.put(table, rs.getLong(1) + " rows " + rs.getString(2));
                }
            }
        }
        return prints;
    }

    static List<String> schemaTables(Database db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    static void execute(Database db, String sql) {
        db.inJdbcTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }
}
