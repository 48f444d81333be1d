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
import java.util.Map;

/**
 * The database a benchmark runs on: the app's own embedded PostgreSQL (same server settings as a user
 * gets), in a throw-away data folder, migrated, with Hibernate up.
 */
final class BenchEnvironment implements AutoCloseable {
    final Path home;
    final DatabaseStartup.Running running;

    BenchEnvironment(int poolSize) {
        try {
            home = Files.createTempDirectory("switchboard-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Settings settings = Settings.load(Map.of("SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_SANDBOX", "false"), home, System.getProperty("os.name"),
                home.toString());
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
    }
}
