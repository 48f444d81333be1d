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
 */
final class BenchEnvironment implements AutoCloseable {
    final Path home;
    final DatabaseStartup.Running running;
    private final EmbeddedPostgres server;

    BenchEnvironment(int poolSize) {
        try {
            home = Files.createTempDirectory("switchboard-bench");
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(home.resolve("pgdata"))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
