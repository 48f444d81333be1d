package io.switchboard.team;

import io.switchboard.common.Clock;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who the agents are and who this session is. The agent a session acts as is the agents row whose
 * login is the session's PostgreSQL role ({@code session_user}), so the app and the database's
 * row-level security always agree on it. The database's owner (solo mode's local role, or a team's
 * owner account used by scripts) gets a row of its own and the admin role in every tenant the
 * first time it asks, so "assign to me" works without any setup.
 */
public final class AgentDirectory {
    /** No heartbeat for this long: offline (keeps their conversations, gets no new ones). */
    public static final Duration OFFLINE_AFTER = Duration.ofMinutes(2);
    /** How often an open window says its agent is still there. */
    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(30);

    static final String ONLINE_SQL = "a.status = 'active' AND a.last_seen_at > (NOW() AT TIME ZONE 'UTC') - interval '"
            + OFFLINE_AFTER.toSeconds() + " seconds'";

    private static final String AGENT_SELECT = "SELECT a.id, a.login, a.display_name, a.status, at.role, a.last_seen_at, (" + ONLINE_SQL
            + ") FROM agents a JOIN agent_tenants at ON at.agent_id = a.id AND at.tenant_id = ?";

    private final Database database;
    private final String ownerName;

    /** {@code ownerName} is the display name the database owner's row gets (the OS user's name). */
    public AgentDirectory(Database database, String ownerName) {
        this.database = database;
        this.ownerName = ownerName == null || ownerName.isBlank() ? "Owner" : ownerName.strip();
    }

    /** The agent this session acts as, with their role in {@code tenantId}; empty for a role that is no agent of that tenant. */
    public Optional<AgentView> me(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            ensureOwner(c);
            try (PreparedStatement ps = c.prepareStatement(AGENT_SELECT + " WHERE a.login = session_user")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(agent(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The id of the agent this session acts as, whatever the tenant; empty when the role is no agent. */
    public Optional<UUID> myId() {
        return database.inJdbcTransaction(c -> {
            ensureOwner(c);
            return currentAgentId(c);
        });
    }

    /** The active agents of a tenant, by name, each marked online or not. */
    public List<AgentView> agents(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(AGENT_SELECT + " WHERE a.status = 'active' ORDER BY lower(a.display_name), a.login")) {
                ps.setObject(1, tenantId);
                List<AgentView> all = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(agent(rs));
                    }
                }
                return all;
            }
        });
    }

    /**
     * This session's agent is still here. Announced only when they come back online (first beat, or
     * after more than the offline limit), so steady beats wake no other window.
     */
    public void heartbeat() {
        database.inJdbcTransaction(c -> {
            ensureOwner(c);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE agents a SET last_seen_at = (NOW() AT TIME ZONE 'UTC')
                    FROM (SELECT id, last_seen_at FROM agents WHERE login = session_user FOR UPDATE) old
                    WHERE a.id = old.id
                    RETURNING old.last_seen_at IS NULL OR old.last_seen_at <= (NOW() AT TIME ZONE 'UTC') - interval '"""
                    + OFFLINE_AFTER.toSeconds() + " seconds'")) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        Notifications.announce(c, null, Notifications.Kind.AGENTS);
                    }
                }
            }
            return null;
        });
    }

    /** The session's agent id inside a transaction (null-free: empty when the role is no agent). */
    static Optional<UUID> currentAgentId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM agents WHERE login = session_user AND status = 'active'")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /**
     * The database owner's own agent row and its admin role in every tenant (a tenant created since
     * is joined on the next call). Nothing for any other role: agents are created by an admin.
     */
    private void ensureOwner(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_get_userbyid(datdba) = session_user FROM pg_database WHERE datname = current_database()");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO agents (login, display_name) VALUES (session_user, ?) ON CONFLICT (login) DO NOTHING")) {
            ps.setString(1, ownerName);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO agent_tenants (agent_id, tenant_id, role)
                SELECT a.id, t.id, 'admin' FROM agents a CROSS JOIN tenants t
                WHERE a.login = session_user
                  AND NOT EXISTS (SELECT 1 FROM agent_tenants x WHERE x.agent_id = a.id AND x.tenant_id = t.id)
                ON CONFLICT (agent_id, tenant_id) DO NOTHING""")) {
            ps.executeUpdate();
        }
    }

    static AgentView agent(ResultSet rs) throws SQLException {
        return new AgentView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Clock.toInstant(rs.getObject(6, LocalDateTime.class)), rs.getBoolean(7));
    }
}
