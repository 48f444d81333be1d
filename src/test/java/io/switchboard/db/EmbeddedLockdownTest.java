package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testing.Rows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server belongs to the account that runs Switchboard alone: no login without the
 * password, no socket, an app role that cannot reach the server's files, owner-only files.
 */
class EmbeddedLockdownTest {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    static Path dataFolder;
    private static EmbeddedServer server;
    private static ConnectionTarget app;

    @BeforeAll
    static void start() throws Exception {
        io.switchboard.config.SecretBox.fromKeyFile(dataFolder.resolve("secret.key"));
        server = EmbeddedServer.startOrAttach(dataFolder, t -> {
            throw new AssertionError("expected to own the folder");
        }).orElseThrow();
        app = server.target();
        try (Connection c = connect(app.user(), app.password()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (text TEXT)");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void nobodyLogsInWithoutThePasswordOverTcp() {
        for (String user : List.of("postgres", app.user(), "nobody")) {
            assertThatThrownBy(() -> connect(user, "").close()).as(user + " without a password").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(user, "wrong-password").close()).as(user + " with a wrong password")
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
        assertThat(ClusterLockdown.PG_HBA.lines().filter(l -> !l.startsWith("#"))).noneMatch(l -> l.contains("trust"))
                .allMatch(l -> l.isBlank() || l.matches("host\\s+all\\s+all\\s+127\\.0\\.0\\.1/32\\s+scram-sha-256"));
    }

    @Test
    void thereIsNoSocketToConnectThroughAndTcpListensOnLoopbackOnly() throws Exception {
        List<String> pid = EmbeddedServer.postmasterPidLines(dataFolder.resolve("pgdata"));
        // postmaster.pid: pid, data dir, start time, port, socket directory, listen address, …
        assertThat(pid.get(4)).as("socket directory").isEmpty();
        assertThat(pid.get(5)).as("listen address").isEqualTo("127.0.0.1");
        String socket = ".s.PGSQL." + app.port();
        for (Path folder : List.of(Path.of("/tmp"), Path.of("/var/run/postgresql"), dataFolder, dataFolder.resolve("pgdata"))) {
            assertThat(folder.resolve(socket)).as("a socket in " + folder).doesNotExist();
        }
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            assertThat(Rows.query(new SingleConnection(c), "SELECT current_setting('unix_socket_directories') AS u, current_setting('listen_addresses') AS l"))
                    .containsExactly(java.util.Map.of("u", "", "l", "127.0.0.1"));
        }
    }

    @Test
    void theAppRoleOwnsItsDatabaseButCannotReachTheServersFilesOrSettings() throws Exception {
        try (Connection c = connect(app.user(), app.password()); Statement s = c.createStatement()) {
            var row = Rows.query(new SingleConnection(c), """
                    SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
                           pg_get_userbyid(d.datdba) AS owner
                    FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()""").get(0);
            assertThat(row).containsEntry("rolsuper", false).containsEntry("rolcreaterole", false).containsEntry("rolcreatedb", false)
                    .containsEntry("rolreplication", false).containsEntry("rolbypassrls", false).containsEntry("owner", "switchboard");
            s.execute("INSERT INTO notes VALUES ('mine')");

            List<String> refused = List.of(
                    "SELECT pg_read_file('" + dataFolder.resolve("secret.key") + "')",
                    "SELECT pg_read_file('/etc/passwd')",
                    "SELECT pg_read_binary_file('/etc/hostname')",
                    "SELECT pg_ls_dir('.')",
                    "COPY notes TO '/tmp/switchboard-lockdown-test-x'",
                    "COPY notes FROM '/etc/hostname'",
                    "COPY notes FROM PROGRAM 'id'",
                    "COPY (SELECT 1) TO PROGRAM 'touch /tmp/switchboard-lockdown-test-y'",
                    "SELECT lo_import('/etc/hostname')",
                    "ALTER SYSTEM SET fsync = off",
                    "SET fsync = off",
                    "CREATE EXTENSION adminpack",
                    "CREATE ROLE intruder SUPERUSER");
            for (String sql : refused) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class);
                s.execute("SELECT 1");
            }
        }
        assertThat(Path.of("/tmp/switchboard-lockdown-test-x")).doesNotExist();
        assertThat(Path.of("/tmp/switchboard-lockdown-test-y")).doesNotExist();
    }

    @Test
    void commitsAreDurable() throws Exception {
        try (Connection c = superuser()) {
            assertThat(Rows.query(new SingleConnection(c), """
                    SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit,
                           current_setting('full_page_writes') AS full_page_writes""").get(0))
                    .containsEntry("fsync", "on").containsEntry("synchronous_commit", "on").containsEntry("full_page_writes", "on");
        }
    }

    @Test
    void everythingInTheDataFolderIsTheOwnersAlone() throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dataFolder)) {
            all.filter(p -> !Files.isSymbolicLink(p)).forEach(p -> {
                try {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                    if (mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                        open.add(dataFolder.relativize(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(mode));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(open).as("files or folders others may open").isEmpty();
        assertThat(Files.getPosixFilePermissions(dataFolder.resolve(ClusterLockdown.SUPERUSER_PASSWORD_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(dataFolder)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        try (Stream<Path> logs = Files.list(dataFolder.resolve("pgdata").resolve("log"))) {
            assertThat(logs.toList()).as("the server's own log, rotated in the data folder").isNotEmpty();
        }
    }

    @Test
    void theSuperuserPasswordOnFileIsTheOnlyWayInAsSuperuser() throws Exception {
        try (Connection c = superuser()) {
            assertThat(Rows.value(new SingleConnection(c), "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).isEqualTo(true);
        }
        assertThat(Files.readString(dataFolder.resolve(ClusterLockdown.SUPERUSER_PASSWORD_FILE)).strip()).hasSize(32)
                .isNotEqualTo(app.password());
    }

    private static Connection superuser() throws Exception {
        return connect("postgres", Files.readString(dataFolder.resolve(ClusterLockdown.SUPERUSER_PASSWORD_FILE)).strip());
    }

    private static Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(app.jdbcUrl(), p);
    }

    /** One open connection as a DataSource for {@link Rows}; closing what Rows opens must not close it. */
    private record SingleConnection(Connection connection) implements javax.sql.DataSource {
        @Override
        public Connection getConnection() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> method.getName().equals("close") ? null : method.invoke(connection, args));
        }

        @Override
        public Connection getConnection(String u, String p) {
            return getConnection();
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

}
