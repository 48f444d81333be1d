package io.switchboard.team;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Who has a conversation: assign to me, to another agent of the tenant, or to nobody. Every change
 * is announced, so the list and the thread header of every open window follow at once.
 */
public final class AssignmentService {
    private final Database database;

    public AssignmentService(Database database) {
        this.database = database;
    }

    /** Gives the conversation to the agent this session acts as. */
    public void assignToMe(UUID tenantId, UUID conversationId) {
        database.inJdbcTransaction(c -> {
            UUID me = AgentDirectory.currentAgentId(c)
                    .orElseThrow(() -> new ValidationException("assignee", "this database role is no agent, so nothing can be assigned to it"));
            assignIn(c, tenantId, conversationId, me);
            return null;
        });
    }

    /** Gives the conversation to {@code agentId} (null: unassigns it). The agent must be active and work for the tenant. */
    public void assign(UUID tenantId, UUID conversationId, UUID agentId) {
        database.inJdbcTransaction(c -> {
            assignIn(c, tenantId, conversationId, agentId);
            return null;
        });
    }

    public void unassign(UUID tenantId, UUID conversationId) {
        assign(tenantId, conversationId, null);
    }

    static void assignIn(Connection c, UUID tenantId, UUID conversationId, UUID agentId) throws SQLException {
        if (agentId != null) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT a.status FROM agents a JOIN agent_tenants at ON at.agent_id = a.id AND at.tenant_id = ? WHERE a.id = ?""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("assignee", "agent " + agentId + " does not work for this tenant");
                    }
                    if (!"active".equals(rs.getString(1))) {
                        throw new ValidationException("assignee", "a disabled agent cannot take conversations");
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE conversations SET assigned_agent_id = ?, updated_at = NOW() WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, agentId);
            ps.setObject(2, tenantId);
            ps.setObject(3, conversationId);
            if (ps.executeUpdate() == 0) {
                throw new ValidationException("conversation", "no conversation " + conversationId + " in this tenant");
            }
        }
        Notifications.announce(c, tenantId, Notifications.Kind.CONVERSATIONS);
    }
}
