package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testing.Rows;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data folder made by Switchboard 0.1.0 (trust logins, the app as superuser) is locked down at its next start, every row kept. */
class LegacyFolderUpgradeTest {
    @TempDir
    Path dataFolder;

    @Test
    void aTrustFolderFrom010IsUpgradedInPlaceWithItsData() throws Exception {
        Path pgData = dataFolder.resolve("pgdata");
        int port = EmbeddedServer.freeLoopbackPort();
        // Started exactly as 0.1.0 started it: the library's initdb (-A trust, superuser "postgres", no password).
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("max_connections", "100")
                .setServerConfig("synchronous_commit", "off").start()) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + EmbeddedServer.DATABASE);
            }
            ConnectionTarget asSuperuser = new ConnectionTarget("127.0.0.1", port, EmbeddedServer.DATABASE, "postgres", "", true);
            try (Database db = Database.connect(asSuperuser, 2, "test")) {
                new Migrations(db.dataSource()).migrate();
                db.inJdbcTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("INSERT INTO tenants (name) VALUES ('Kept Bakery')");
                        s.execute("INSERT INTO contacts (tenant_id, name, phone) SELECT id, 'Ada', '+447700900001' FROM tenants");
                    }
                    return null;
                });
            }
        }
        assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).contains("trust");
        assertThat(dataFolder.resolve(ClusterLockdown.SUPERUSER_PASSWORD_FILE)).doesNotExist();

        try (EmbeddedServer upgraded = EmbeddedServer.startOrAttach(dataFolder, t -> {
            throw new AssertionError("expected to own the folder");
        }).orElseThrow()) {
            ConnectionTarget app = upgraded.target();
            assertThat(app.user()).isEqualTo(ClusterLockdown.APP_ROLE);
            assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).isEqualTo(ClusterLockdown.PG_HBA).doesNotContain("trust");
            assertThatThrownBy(() -> DriverManager.getConnection(app.jdbcUrl(), "postgres", "").close()).isInstanceOf(SQLException.class);

            try (Database db = Database.connect(app, 2, "test")) {
                assertThat(new Migrations(db.dataSource()).pendingVersions()).isEmpty();
                assertThat(Rows.value(db.dataSource(), "SELECT t.name || '/' || c.name FROM tenants t JOIN contacts c ON c.tenant_id = t.id"))
                        .isEqualTo("Kept Bakery/Ada");
                assertThat(Rows.value(db.dataSource(), """
                        SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> 'switchboard'
                          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')""")).as("objects not owned by the app").isEqualTo(0L);
                assertThat(Rows.value(db.dataSource(), "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo(false);
                // The owner may change its schema, as the next migration will.
                db.inJdbcTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("ALTER TABLE tenants ADD COLUMN upgrade_probe INT");
                        s.execute("ALTER TABLE tenants DROP COLUMN upgrade_probe");
                        s.execute("INSERT INTO tenants (name) VALUES ('New after upgrade')");
                    }
                    return null;
                });
                assertThatThrownBy(() -> Rows.value(db.dataSource(), "SELECT pg_read_file('/etc/hostname')")).hasMessageContaining("permission denied");
            }
        }
        assertThat(Files.readString(dataFolder.resolve(ClusterLockdown.SUPERUSER_PASSWORD_FILE)).strip()).hasSize(32);
    }
}
