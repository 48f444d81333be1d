package io.switchboard.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Change announcements for open windows: NOTIFY on channel {@value #CHANNEL} with payload
 * "{tenantId}:{kind}". Sent inside the writer's transaction, so listeners hear it only after
 * commit, and PostgreSQL folds identical notifications of one transaction into one.
 */
public final class Notifications {
    public static final String CHANNEL = "switchboard_changes";

    public enum Kind { CONVERSATIONS, MESSAGES, STATUSES, CONTACTS, TENANTS, TEMPLATES, AGENTS, NOTES, LABELS, PRESENCE }

    private Notifications() {
    }

    public static void announce(Connection connection, UUID tenantId, Kind kind) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, CHANNEL);
            ps.setString(2, (tenantId == null ? "*" : tenantId.toString()) + ":" + kind.name().toLowerCase());
            ps.execute();
        }
    }
}
