package io.switchboard.bench;

import io.switchboard.config.Settings;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;

/**
 * The database a benchmark runs on: PostgreSQL 17 from the same binaries the app embeds, with the app's
 * server settings (shared_buffers 128MB, synchronous_commit off by default) but <b>fsync on</b> — the
 * embedding library's default start switches fsync off, and a benchmark of durable intake must not
 * measure that — in a throw-away data folder, reached like a team's server (DB_HOST), migrated by the
 * app's own start-up, with Hibernate up. Receiver commits ask for synchronous commit themselves.
 * <p>
 * {@code BENCH_HOME} (environment) names a folder to use instead and keep: a database that took long to
 * fill (10 million messages) is then built once and measured again later, by later code; the app's
 * start-up migrates it to that code's schema on every open (docs/decisions/stats-12-…).
 * {@code BENCH_SHARED_BUFFERS} (default 128MB, the app's own) gives the server a bigger cache.
 */
final class BenchEnvironment implements AutoCloseable {
    final Path home;
    /** True when the folder is the caller's ({@code BENCH_HOME}) and is kept on close. */
    final boolean kept;
    final DatabaseStartup.Running running;
    private final EmbeddedPostgres server;

    BenchEnvironment(int poolSize) {
        this(poolSize, Map.of());
    }

    /** With extra server settings (postgresql.conf names) on top of the app's, for this start only. */
    BenchEnvironment(int poolSize, Map<String, String> serverSettings) {
        String keptHome = System.getenv("BENCH_HOME");
        kept = keptHome != null && !keptHome.isBlank();
        try {
            home = kept ? Files.createDirectories(Path.of(keptHome).toAbsolutePath()) : Files.createTempDirectory("switchboard-bench");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(home.resolve("pgdata"))
                    // A kept folder is opened as it is (no initdb over it) and survives close().
                    .setCleanDataDirectory(!kept)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", System.getenv().getOrDefault("BENCH_SHARED_BUFFERS", "128MB"))
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("fsync", "on");
            serverSettings.forEach(builder::setServerConfig);
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kept) {
            System.out.println("BENCH_HOME: using and keeping " + home);
        }
        Settings settings = Settings.load(Map.of("SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_SANDBOX", "false",
                        "DB_HOST", "127.0.0.1", "DB_PORT", Integer.toString(server.getPort()), "DB_USERNAME", "postgres", "DB_PASSWORD", "postgres",
                        "DB_NAME", "postgres"),
                home, System.getProperty("os.name"), home.toString());
        running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, poolSize);
    }

    Database db() {
        return running.database();
    }

    long count(String sql) {
        return db().inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", Java " + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + "), heap max "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, JVM args " + ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    @Override
    public void close() {
        running.close();
        try {
            server.close();
            if (!kept) {
                deleteTree(home);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
