package io.switchboard.team;

import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Round robin: each open, unassigned conversation in which the customer has written goes, oldest
 * waiting first, to the next online agent of the tenant (in a fixed order, after the one who got the
 * last turn) who holds fewer open conversations than the cap. An offline agent keeps what they have
 * and is skipped; when everyone is at the cap or away, conversations wait in Unassigned until the
 * next run finds room. The tenant's rules row is locked for the run, so any number of processes may
 * run this at once without giving one turn twice.
 */
public final class AutoAssignment {
    private static final int BATCH = 200;
    private final Database database;

    public AutoAssignment(Database database) {
        this.database = database;
    }

    public AssignmentRules rules(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT mode, max_open_per_agent FROM assignment_rules WHERE tenant_id = ?")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new AssignmentRules(AssignmentRules.Mode.fromCode(rs.getString(1)), rs.getInt(2)) : AssignmentRules.OFF;
                }
            }
        });
    }

    public void setRules(UUID tenantId, AssignmentRules rules) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO assignment_rules (tenant_id, mode, max_open_per_agent) VALUES (?, ?, ?)
                    ON CONFLICT (tenant_id) DO UPDATE SET mode = EXCLUDED.mode, max_open_per_agent = EXCLUDED.max_open_per_agent,
                                                          updated_at = NOW()""")) {
                ps.setObject(1, tenantId);
                ps.setString(2, rules.mode().code());
                ps.setInt(3, rules.maxOpenPerAgent());
                ps.executeUpdate();
            } catch (SQLException e) {
                if ("23503".equals(e.getSQLState())) {
                    throw new io.switchboard.common.ValidationException("tenant", "no tenant has id " + tenantId);
                }
                throw e;
            }
            return null;
        });
    }

    /** One run over every tenant with round robin on; how many conversations were assigned. */
    public int assignWaiting() {
        List<UUID> tenants = database.inJdbcTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM assignment_rules WHERE mode = 'round_robin'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        });
        int assigned = 0;
        for (UUID tenant : tenants) {
            assigned += assignWaiting(tenant);
        }
        return assigned;
    }

    /** One run for one tenant, in one transaction; how many conversations were assigned. */
    public int assignWaiting(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            int cap;
            UUID last;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT max_open_per_agent, last_agent_id FROM assignment_rules
                    WHERE tenant_id = ? AND mode = 'round_robin' FOR UPDATE SKIP LOCKED""")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return 0; // off, or another process is assigning for this tenant right now
                    }
                    cap = rs.getInt(1);
                    last = rs.getObject(2, UUID.class);
                }
            }
            Map<UUID, Integer> load = onlineAgentsAndLoad(c, tenantId);
            if (load.isEmpty()) {
                return 0;
            }
            List<UUID> order = new ArrayList<>(load.keySet());
            int turn = last == null ? -1 : order.indexOf(last);
            if (turn < 0 && last != null) {
                // The last one went offline or left: continue with whoever follows them in the order.
                turn = firstAfter(order, last) - 1;
            }
            int assigned = 0;
            for (UUID conversation : waiting(c, tenantId)) {
                int pick = nextWithRoom(order, load, cap, turn);
                if (pick < 0) {
                    break;
                }
                UUID agent = order.get(pick);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE conversations SET assigned_agent_id = ?, updated_at = NOW() WHERE id = ? AND assigned_agent_id IS NULL")) {
                    ps.setObject(1, agent);
                    ps.setObject(2, conversation);
                    if (ps.executeUpdate() == 0) {
                        continue;
                    }
                }
                load.merge(agent, 1, Integer::sum);
                turn = pick;
                last = agent;
                assigned++;
            }
            if (assigned > 0) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE assignment_rules SET last_agent_id = ? WHERE tenant_id = ?")) {
                    ps.setObject(1, last);
                    ps.setObject(2, tenantId);
                    ps.executeUpdate();
                }
                Notifications.announce(c, tenantId, Notifications.Kind.CONVERSATIONS);
            }
            return assigned;
        });
    }

    /** Online, active agents of the tenant in a fixed order (by id), with their open conversations there. */
    private static Map<UUID, Integer> onlineAgentsAndLoad(Connection c, UUID tenantId) throws SQLException {
        Map<UUID, Integer> load = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, (SELECT count(*) FROM conversations cv WHERE cv.tenant_id = at.tenant_id"
                + " AND cv.assigned_agent_id = a.id AND cv.status = 'open') FROM agents a JOIN agent_tenants at ON at.agent_id = a.id"
                + " WHERE at.tenant_id = ? AND " + AgentDirectory.ONLINE_SQL + " ORDER BY a.id")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    load.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
        }
        return load;
    }

    /** Open, unassigned conversations where the customer has written, the longest waiting first; locked for this run. */
    private static List<UUID> waiting(Connection c, UUID tenantId) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT cv.id FROM conversations cv
                WHERE cv.tenant_id = ? AND cv.status = 'open' AND cv.assigned_agent_id IS NULL
                  AND EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = cv.tenant_id AND m.conversation_id = cv.id AND m.direction = 'inbound')
                ORDER BY cv.last_message_at ASC NULLS LAST, cv.id
                LIMIT ? FOR UPDATE OF cv SKIP LOCKED""")) {
            ps.setObject(1, tenantId);
            ps.setInt(2, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** The index of the first agent after position {@code turn} (wrapping) with room under the cap; -1 when all are full. */
    static int nextWithRoom(List<UUID> order, Map<UUID, Integer> load, int cap, int turn) {
        int n = order.size();
        for (int step = 1; step <= n; step++) {
            int i = Math.floorMod(turn + step, n);
            if (load.get(order.get(i)) < cap) {
                return i;
            }
        }
        return -1;
    }

    /** Where {@code id} would sit in {@code order} (sorted as PostgreSQL sorts uuids). */
    private static int firstAfter(List<UUID> order, UUID id) {
        for (int i = 0; i < order.size(); i++) {
            if (pgCompare(order.get(i), id) > 0) {
                return i;
            }
        }
        return order.size();
    }

    /** PostgreSQL orders uuids by their bytes, unsigned; Java's compareTo is signed. */
    private static int pgCompare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}
