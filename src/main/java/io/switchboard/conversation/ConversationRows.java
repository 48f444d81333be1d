package io.switchboard.conversation;

import io.switchboard.channel.Channel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Finding the conversation a message belongs to: one open (or closed) conversation per contact and
 * channel, guarded by a partial unique index so two writers can never open two. Archived ones
 * stay archived; a new one opens beside them.
 */
public final class ConversationRows {
    private ConversationRows() {
    }

    /** The contact's active conversation on {@code channel}, opened if there is none; a closed one reopens when {@code reopen}. */
    public static UUID findOrOpen(Connection c, UUID tenantId, UUID contactId, Channel channel, boolean reopen) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO conversations (tenant_id, contact_id, channel, status, created_at, updated_at)
                VALUES (?, ?, ?, 'open', NOW(), NOW())
                ON CONFLICT (tenant_id, contact_id, channel) WHERE status <> 'archived' DO NOTHING
                RETURNING id""")) {
            insert.setObject(1, tenantId);
            insert.setObject(2, contactId);
            insert.setString(3, channel.code());
            try (ResultSet rs = insert.executeQuery()) {
                if (rs.next()) {
                    return rs.getObject(1, UUID.class);
                }
            }
        }
        String reopenSql = reopen ? "status = 'open', updated_at = CASE WHEN status = 'closed' THEN NOW() ELSE updated_at END" : "status = status";
        try (PreparedStatement existing = c.prepareStatement("UPDATE conversations SET " + reopenSql
                + " WHERE tenant_id = ? AND contact_id = ? AND channel = ? AND status <> 'archived' RETURNING id")) {
            existing.setObject(1, tenantId);
            existing.setObject(2, contactId);
            existing.setString(3, channel.code());
            try (ResultSet rs = existing.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("conversation for contact " + contactId + " vanished while opening it");
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
