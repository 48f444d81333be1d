package io.switchboard.app;

import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A migrated test database reached the way an operator configures one (DB_* variables), with its own data folder. */
final class CommandLineDatabase implements AutoCloseable {
    final ConnectionTarget target = TestDatabase.migratedDatabase();
    final Database db = Database.connect(target, 4, "test");
    final Path home;
    final Map<String, String> environment = new HashMap<>();

    CommandLineDatabase(boolean sandbox) {
        try {
            home = Files.createTempDirectory("switchboard-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.put("DB_HOST", target.host());
        environment.put("DB_PORT", String.valueOf(target.port()));
        environment.put("DB_NAME", target.database());
        environment.put("DB_USERNAME", target.user());
        environment.put("DB_PASSWORD", target.password());
        environment.put("SWITCHBOARD_HOME", home.toString());
        environment.put("SWITCHBOARD_SANDBOX", String.valueOf(sandbox));
    }

    Settings settings() {
        return Settings.load(environment, home, "Linux", home.toString());
    }

    UUID tenant(String name) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name) VALUES (?) RETURNING id")) {
                ps.setString(1, name);
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        });
    }

    String one(String sql, Object... args) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ResultSet rs = ps.executeQuery();
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    void execute(String sql, Object... args) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
