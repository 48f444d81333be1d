package io.switchboard.agent;

import io.switchboard.common.Names;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Team mode's agents: each one a PostgreSQL LOGIN role, member of {@value #GROUP}, with an agents row
 * (login = the role's name) and a role per tenant. Every change is one transaction — role, rows and
 * grants together (PostgreSQL's role commands are transactional) — so a refusal leaves nothing behind.
 *
 * <p>Run by the owner (the app's role, which needs CREATEROLE for this) or by an admin agent whose role
 * has CREATEROLE; row-level security limits an admin to the tenants they administer.
 */
public final class AgentAdmin {
    public static final String GROUP = "switchboard_agents";
    /** Lower-case so the role name needs no quoting anywhere (psql, pg_hba.conf, the sign-in dialog). */
    private static final Pattern LOGIN = Pattern.compile("[a-z_][a-z0-9_.-]{0,62}");

    private final Database database;

    public AgentAdmin(Database database) {
        this.database = database;
    }

    /** Creates the agent's login role with a one-time password, its agents row and its role in {@code tenant}. */
    public NewPassword add(String displayName, String login, UUID tenant, AgentRole role, LocalDate validUntil) {
        String name = Names.required("name", displayName, 150);
        String roleName = login(login);
        return database.inJdbcTransaction(c -> {
            requireCreateRole(c);
            requireTenant(c, tenant);
            if (exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", roleName)) {
                throw new ValidationException("login", "a database role named \"" + roleName + "\" already exists; choose another login");
            }
            ensureGroup(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + quote(roleName) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
                        + validUntil(validUntil));
                grantGroup(c, s, roleName);
            }
            NewPassword password = setPassword(c, roleName);
            UUID id = UUID.randomUUID();
            // No RETURNING: the new agent is not yet in any of an admin's tenants, so row-level security would hide it.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agents (id, login, display_name, status) VALUES (?, ?, ?, 'active')")) {
                ps.setObject(1, id);
                ps.setString(2, roleName);
                ps.setString(3, name);
                ps.executeUpdate();
            }
            upsertRole(c, id, tenant, role);
            return password;
        });
    }

    /** Every agent the session may see (an admin: those of their tenants; the owner: all). */
    public List<AgentView> list() {
        return database.inJdbcTransaction(c -> {
            Map<UUID, Map<UUID, AgentRole>> roles = new LinkedHashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT agent_id, tenant_id, role FROM agent_tenants ORDER BY created_at, tenant_id")) {
                while (rs.next()) {
                    roles.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getObject(2, UUID.class), AgentRole.parse("role", rs.getString(3)));
                }
            }
            List<AgentView> agents = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    SELECT a.id, a.login, a.display_name, a.status, a.last_seen_at, COALESCE(r.rolcanlogin, FALSE), r.rolvaliduntil AT TIME ZONE 'UTC'
                    FROM agents a LEFT JOIN pg_roles r ON r.rolname = a.login
                    ORDER BY lower(a.display_name), a.login""")) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Timestamp seen = rs.getTimestamp(5);
                    Timestamp valid = rs.getTimestamp(7);
                    agents.add(new AgentView(id, rs.getString(2), rs.getString(3), AgentStatus.of(rs.getString(4)), roles.getOrDefault(id, Map.of()),
                            rs.getBoolean(6), valid == null ? null : valid.toLocalDateTime(), seen == null ? null : seen.toLocalDateTime()));
                }
            }
            return agents;
        });
    }

    /** The agent can no longer sign in (its role loses LOGIN) and sees nothing (row-level security skips disabled agents). */
    public void disable(String login) {
        changeStatus(login, AgentStatus.DISABLED);
    }

    /** The opposite of {@link #disable}. */
    public void enable(String login) {
        changeStatus(login, AgentStatus.ACTIVE);
    }

    /** Sets the agent's role in {@code tenant}; {@code role} null removes them from it. */
    public void setRole(String login, UUID tenant, AgentRole role) {
        String roleName = login(login);
        database.inJdbcTransaction(c -> {
            requireTenant(c, tenant);
            UUID id = agentId(c, roleName);
            if (role == null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_tenants WHERE agent_id = ? AND tenant_id = ?")) {
                    ps.setObject(1, id);
                    ps.setObject(2, tenant);
                    if (ps.executeUpdate() == 0) {
                        throw new ValidationException("tenant", "the agent " + roleName + " has no role in tenant " + tenant + " (or you are no admin there)");
                    }
                }
            } else {
                upsertRole(c, id, tenant, role);
            }
            return null;
        });
    }

    /** A new one-time password (the old one stops working at once), valid until the end of {@code validUntil} if given. */
    public NewPassword resetPassword(String login, LocalDate validUntil) {
        String roleName = login(login);
        return database.inJdbcTransaction(c -> {
            requireCreateRole(c);
            agentId(c, roleName);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + quote(roleName) + (validUntil == null ? " VALID UNTIL 'infinity'" : validUntil(validUntil)));
            } catch (SQLException e) {
                throw refusedOnRole(c, roleName, e);
            }
            return setPassword(c, roleName);
        });
    }

    private void changeStatus(String login, AgentStatus status) {
        String roleName = login(login);
        database.inJdbcTransaction(c -> {
            requireCreateRole(c);
            agentId(c, roleName);
            try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET status = ? WHERE login = ?")) {
                ps.setString(1, status.code());
                ps.setString(2, roleName);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("login", "you may not change the agent " + roleName + ": only an admin of one of their tenants may");
                }
            }
            if (exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", roleName)) {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER ROLE " + quote(roleName) + (status == AgentStatus.ACTIVE ? " LOGIN" : " NOLOGIN"));
                } catch (SQLException e) {
                    throw refusedOnRole(c, roleName, e);
                }
            }
            return null;
        });
    }

    private static void upsertRole(Connection c, UUID agent, UUID tenant, AgentRole role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO agent_tenants (agent_id, tenant_id, role) VALUES (?, ?, ?)
                ON CONFLICT (agent_id, tenant_id) DO UPDATE SET role = EXCLUDED.role""")) {
            ps.setObject(1, agent);
            ps.setObject(2, tenant);
            ps.setString(3, role.code());
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new ValidationException("tenant", "you are no admin of tenant " + tenant + ", so you may not give agents a role in it", e);
            }
            throw e;
        }
    }

    /** Sets a fresh password through the driver, which hashes it (SCRAM) before sending: the text never reaches the server's log. */
    private static NewPassword setPassword(Connection c, String roleName) throws SQLException {
        NewPassword password = NewPassword.generate(roleName);
        try {
            c.unwrap(PGConnection.class).alterUserPassword(roleName, password.password().toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw refusedOnRole(c, roleName, e);
        }
        return password;
    }

    /** The group role every agent is granted; made (and given its table privileges) if this is the first agent. */
    private static void ensureGroup(Connection c) throws SQLException {
        if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", GROUP)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + GROUP + " NOLOGIN");
                s.execute("SELECT team_access_apply()");
            }
        }
    }

    private static void grantGroup(Connection c, Statement s, String roleName) throws SQLException {
        try {
            s.execute("GRANT " + GROUP + " TO " + quote(roleName));
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                String me = currentUser(c);
                throw new AgentAdminException("The database role " + me + " may not grant the group role " + GROUP
                        + " to new agents: it needs ADMIN OPTION on it (a superuser runs GRANT " + GROUP + " TO " + me + " WITH ADMIN OPTION). Nothing was changed.", e);
            }
            throw e;
        }
    }

    private static AgentAdminException refusedOnRole(Connection c, String roleName, SQLException e) throws SQLException {
        if (!"42501".equals(e.getSQLState())) {
            throw e;
        }
        String me = currentUser(c);
        return new AgentAdminException("The database role " + me + " may not change the role " + roleName
                + ": it needs ADMIN OPTION on it (roles it created have it; a superuser runs GRANT " + roleName + " TO " + me
                + " WITH ADMIN OPTION). Nothing was changed.", e);
    }

    /** Checked first, so the admin learns the one privilege that is missing rather than a half-made agent. */
    private static void requireCreateRole(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT current_user, rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            if (!rs.getBoolean(2)) {
                String me = rs.getString(1);
                throw new AgentAdminException("The database role " + me + " may not create or change login roles: it needs the CREATEROLE privilege"
                        + " (a superuser grants it with ALTER ROLE " + me + " CREATEROLE). Nothing was changed.");
            }
        }
    }

    private static void requireTenant(Connection c, UUID tenant) throws SQLException {
        if (tenant == null) {
            throw new ValidationException("tenant", "is required");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", "no tenant " + tenant + " (or not one of yours)");
                }
            }
        }
    }

    private static UUID agentId(Connection c, String roleName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM agents WHERE login = ?")) {
            ps.setString(1, roleName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("login", "no agent with the login \"" + roleName + "\" (or not one of your tenants')");
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }

    static String login(String login) {
        String value = login == null ? "" : login.strip();
        if (!LOGIN.matcher(value).matches()) {
            throw new ValidationException("login", "must be 1 to 63 characters: lower-case letters, digits, '_', '.' or '-', starting with a letter or '_' (not \""
                    + value + "\")");
        }
        if (value.startsWith("pg_") || value.equals("postgres") || value.equals(GROUP) || value.equals("public")) {
            throw new ValidationException("login", "\"" + value + "\" is reserved by PostgreSQL or Switchboard");
        }
        return value;
    }

    private static String validUntil(LocalDate date) {
        // The day itself included: the password stops working at the next midnight, UTC.
        return date == null ? "" : " VALID UNTIL '" + date.plusDays(1) + " 00:00:00+00'";
    }

    private static String quote(String roleName) {
        return "\"" + roleName + "\"";
    }

    private static String currentUser(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
