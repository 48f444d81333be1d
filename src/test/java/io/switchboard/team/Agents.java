package io.switchboard.team;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/** Agents for team tests: rows as an admin would create them, and, for a second desktop, a real login role of their own. */
final class Agents {
    private Agents() {
    }

    /** An agent row in the tenant; {@code minutesSinceSeen} null: never seen. */
    static UUID agent(Database db, UUID tenant, String login, String name, Integer minutesSinceSeen) {
        return db.inJdbcTransaction(c -> {
            UUID id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO agents (login, display_name, last_seen_at) VALUES (?, ?, CASE WHEN ?::int IS NULL THEN NULL
                      ELSE (NOW() AT TIME ZONE 'UTC') - make_interval(mins => ?::int) END)
                    ON CONFLICT (login) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id""")) {
                ps.setString(1, login);
                ps.setString(2, name);
                ps.setObject(3, minutesSinceSeen);
                ps.setObject(4, minutesSinceSeen);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getObject(1, UUID.class);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_tenants (agent_id, tenant_id, role) VALUES (?, ?, 'agent')")) {
                ps.setObject(1, id);
                ps.setObject(2, tenant);
                ps.executeUpdate();
            }
            return id;
        });
    }

    static void seen(Database db, UUID agent, int minutesAgo) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE agents SET last_seen_at = (NOW() AT TIME ZONE 'UTC') - make_interval(mins => ?) WHERE id = ?")) {
                ps.setInt(1, minutesAgo);
                ps.setObject(2, agent);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A second desktop: a PostgreSQL login role named like a new agent (unique per call, roles are
     * cluster-wide), allowed to read and write the tables, and a pool connected as it.
     */
    static Database desktopOf(Database ownerDb, String loginPrefix) {
        String login = loginPrefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        ConnectionTarget owner = ownerDb.target();
        TestDatabase.executeAsSuperuser("CREATE ROLE " + login + " LOGIN PASSWORD 'pw-" + login + "'");
        TestDatabase.executeOn(owner.database(), "GRANT ALL ON ALL TABLES IN SCHEMA public TO " + login);
        ConnectionTarget as = new ConnectionTarget(owner.host(), owner.port(), owner.database(), login, "pw-" + login, false);
        return Database.connect(as, 4, "test");
    }

    static String login(Database db) {
        return db.target().user();
    }
}
