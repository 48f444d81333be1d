package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.config.Settings;
import io.switchboard.testing.Rows;
import io.switchboard.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each failure of the guide's "Troubleshooting" section, caused for real against a real
 * PostgreSQL, ends in a message that names the variable or the command that fixes it.
 */
class TroubleshootingTest {
    private static final AtomicInteger roles = new AtomicInteger();

    /** A second PostgreSQL that, unlike the test one, checks passwords on TCP (as a real server does). */
    private static EmbeddedPostgres passwordChecking;

    @TempDir
    Path folder;

    @BeforeAll
    static void startPasswordCheckingServer() throws IOException, SQLException {
        passwordChecking = EmbeddedPostgres.builder()
                .setServerConfig("password_encryption", "scram-sha-256")
                .setDataDirectoryCustomizer(dataDirectory -> {
                    try {
                        // The superuser stays trusted (the embedded server checks it is up with it); everyone else needs a password.
                        Files.writeString(dataDirectory.toPath().resolve("pg_hba.conf"), """
                                local all all trust
                                host all postgres 127.0.0.1/32 trust
                                host all postgres ::1/128 trust
                                host all all 127.0.0.1/32 scram-sha-256
                                host all all ::1/128 scram-sha-256
                                """);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .start();
        try (Connection c = passwordChecking.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE USER whatsapp_user WITH PASSWORD 'secure_password'");
            s.execute("CREATE DATABASE whatsapp_autonation OWNER whatsapp_user");
        }
    }

    @AfterAll
    static void stopPasswordCheckingServer() throws IOException {
        passwordChecking.close();
    }

    @Test
    void connectionRefusedNamesDbHostAndDbPort() throws IOException {
        int closed = closedPort();

        DatabaseUnavailableException failure = startFails(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(closed)));

        assertThat(failure).hasMessageStartingWith("Connection refused by PostgreSQL at 127.0.0.1:" + closed)
                .hasMessageContaining("DB_HOST and DB_PORT")
                .hasMessageContaining("Unset DB_HOST to use the embedded database");
    }

    @Test
    void wrongPasswordNamesDbPasswordAndTheGuidesReset() {
        Map<String, String> env = Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(passwordChecking.getPort()),
                "DB_PASSWORD", "wrong_password");

        DatabaseUnavailableException failure = startFails(env);

        assertThat(failure).hasMessageStartingWith("Password authentication failed for user \"whatsapp_user\" at 127.0.0.1:" + passwordChecking.getPort())
                .hasMessageContaining("DB_USERNAME and DB_PASSWORD")
                .hasMessageContaining("ALTER USER whatsapp_user WITH PASSWORD");
    }

    @Test
    void theGuidesSettingsWithTheRightPasswordWork() {
        // The counterpart of the test above: only DB_HOST and DB_PASSWORD set, everything else the guide's defaults.
        Map<String, String> env = Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(passwordChecking.getPort()),
                "DB_PASSWORD", "secure_password");

        try (DatabaseStartup.Running running = DatabaseStartup.start(settings(env), DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            assertThat(running.database().target().describe()).isEqualTo("127.0.0.1:" + passwordChecking.getPort() + "/whatsapp_autonation");
            assertThat(new Migrations(running.database().dataSource()).pendingVersions()).isEmpty();
        }
    }

    @Test
    void databaseThatDoesNotExistNamesDbNameAndCreatedb() {
        DatabaseUnavailableException failure = startFails(superuserOfTestServer("no_such_database"));

        assertThat(failure).hasMessageStartingWith("Database \"no_such_database\" does not exist")
                .hasMessageContaining("createdb -O postgres no_such_database")
                .hasMessageContaining("DB_NAME");
    }

    @Test
    void permissionDeniedForSchemaPublicGivesTheGrantThatFixesIt() {
        // Since PostgreSQL 15 only the database owner may create in schema public.
        String role = "agent_" + roles.incrementAndGet();
        TestDatabase.executeAsSuperuser("CREATE ROLE " + role + " LOGIN");
        String database = TestDatabase.emptyDatabase().database();
        Map<String, String> env = new HashMap<>(superuserOfTestServer(database));
        env.put("DB_USERNAME", role);

        DatabaseUnavailableException failure = startFails(env);

        assertThat(failure).hasMessageStartingWith("PostgreSQL refused user \"" + role + "\" in database \"" + database
                        + "\": permission denied for schema public.")
                .hasMessageContaining("psql -U postgres -d " + database)
                .hasMessageContaining("GRANT ALL ON SCHEMA public TO " + role + ";")
                .hasMessageContaining("DB_USERNAME");

        // The message's own remedy, run as it says, fixes it.
        String grants = failure.getMessage().substring(failure.getMessage().indexOf("GRANT"), failure.getMessage().lastIndexOf(';') + 1);
        TestDatabase.executeOn(database, grants);
        try (DatabaseStartup.Running running = DatabaseStartup.start(settings(env), DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            assertThat(Rows.value(running.database().dataSource(), "SELECT count(*) FROM tenants")).isEqualTo(0L);
        }
    }

    @Test
    void pendingMigrationsWithSynchronizeOffAreNamedWithTheMigrateCommandAndNothingChanges() {
        String database = TestDatabase.emptyDatabase().database();
        Map<String, String> env = new HashMap<>(superuserOfTestServer(database));
        env.put("DB_SYNCHRONIZE", "false");

        DatabaseUnavailableException failure = startFails(env);

        assertThat(failure).hasMessageContaining("migrations 1, 2")
                .hasMessageContaining("DB_SYNCHRONIZE=false")
                .hasMessageContaining("java -jar switchboard.jar migrate");
        try (Database db = Database.connect(TestDatabase.superuserTarget(database), 1, "test")) {
            assertThat(Rows.value(db.dataSource(), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo(0L);
        }
    }

    @Test
    void synchronizeOffStartsOnADatabaseAtTheCurrentSchema() {
        Map<String, String> env = new HashMap<>(superuserOfTestServer(TestDatabase.migratedDatabase().database()));
        env.put("DB_SYNCHRONIZE", "false");

        try (DatabaseStartup.Running running = DatabaseStartup.start(settings(env), DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            assertThat(new io.switchboard.tenant.TenantService(running.database()).list()).isEmpty();
        }
    }

    @Test
    void anUnknownHostNamesDbHost() {
        DatabaseUnavailableException failure = startFails(Map.of("DB_HOST", "no-such-host.invalid"));

        assertThat(failure).hasMessage("Unknown database host \"no-such-host.invalid\". Check DB_HOST (read from "
                + settings(Map.of()).describeSources() + ").");
    }

    @Test
    void noStackTraceInAnyMessage() {
        DatabaseUnavailableException failure = startFails(superuserOfTestServer("no_such_database"));

        assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private DatabaseUnavailableException startFails(Map<String, String> env) {
        DatabaseUnavailableException failure = catchThrowableOfType(DatabaseUnavailableException.class,
                () -> DatabaseStartup.start(settings(env), DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2).close());
        assertThat(failure).as("start with " + env).isNotNull();
        return failure;
    }

    private Settings settings(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("SWITCHBOARD_HOME", folder.toString());
        return Settings.load(all, folder, "Linux", folder.toString());
    }

    private static Map<String, String> superuserOfTestServer(String database) {
        return Map.of("DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(TestDatabase.server().getPort()),
                "DB_USERNAME", "postgres", "DB_NAME", database);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
