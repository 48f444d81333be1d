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
                List<String> order = file.manifest().tables().stream().map(Manifest.Table::name).toList();
                assertThat(order.indexOf("tenants")).as("parents load first").isLessThan(order.indexOf("contacts"))
                        .isLessThan(order.indexOf("agent_tenants"));
                assertThat(order.indexOf("agents")).isLessThan(order.indexOf("conversations"));
            }

            ConnectionTarget empty = TestDatabase.emptyDatabase();
            try (Database restored = Database.connect(empty, 4, "test")) {
                List<Double> restoring = new CopyOnWriteArrayList<>();
                RestoreSummary summary = new BackupService(restored).restore(backup.file(), (step, done, total) -> restoring.add((double) done / total));
                assertThat(restoring).as("one bar over checking and loading").isSorted().hasSizeGreaterThan(2 * before.size()).last().isEqualTo(1.0);
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

    @Test
    void aRoleThatOwnsItsDatabaseButIsNoSuperuserBacksUpAndRestoresAndTriggersDoNotFireTwice() throws Exception {
        String role = "backup_owner_" + ProcessHandle.current().pid();
        TestDatabase.executeAsSuperuser("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$");
        ConnectionTarget sourceTarget = ownedDatabase(role);
        ConnectionTarget targetTarget = ownedDatabase(role);
        try (Database source = Database.connect(sourceTarget, 2, "test"); Database restored = Database.connect(targetTarget, 2, "test")) {
            assertThat(FilledTenant.one(source, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo("f");
            new io.switchboard.db.Migrations(source.dataSource()).migrate();
            source.startHibernate(false);
            new io.switchboard.demo.DemoData(source).fill(new io.switchboard.testing.InboxFixtures(source).tenant("Owned"), 5, 30, 11);
            Path file = new BackupService(source).backUp(folder.resolve("owned.sbk"), BackupProgress.NONE).file();

            // A trigger that would change every restored tenant if it fired during the load.
            new io.switchboard.db.Migrations(restored.dataSource()).migrate();
            execute(restored, "CREATE FUNCTION touch_name() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN NEW.name := NEW.name || ' (touched)'; RETURN NEW; END $f$");
            execute(restored, "CREATE TRIGGER touch_name BEFORE INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION touch_name()");
            new BackupService(restored).restore(file, BackupProgress.NONE);

            assertThat(fingerprint(restored)).isEqualTo(fingerprint(source));
            execute(restored, "INSERT INTO tenants (name) VALUES ('Later')");
            assertThat(FilledTenant.one(restored, "SELECT name FROM tenants WHERE name LIKE 'Later%'")).as("the trigger is on again").isEqualTo("Later (touched)");
        }
    }

    private static ConnectionTarget ownedDatabase(String role) {
        ConnectionTarget any = TestDatabase.emptyDatabase();
        TestDatabase.executeAsSuperuser("ALTER DATABASE " + any.database() + " OWNER TO " + role);
        TestDatabase.executeOn(any.database(), "ALTER SCHEMA public OWNER TO " + role);
        return new ConnectionTarget(any.host(), any.port(), any.database(), role, "", false);
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
