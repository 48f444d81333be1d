package io.switchboard.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.Channel;
import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.contact.ContactRows;
import io.switchboard.contact.PhoneNumbers;
import io.switchboard.contact.TenantCountry;
import io.switchboard.conversation.ConversationRows;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox: an outbound message is a row with status queued; the sender worker takes it from
 * there. Queueing checks what can be checked before anything is stored — the tenant owns the
 * conversation, it is not archived, and a free-form message is inside the 24-hour window.
 */
public final class OutboxService {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NO_SENDING_NUMBER = "has no active WhatsApp number to send from; connect one first (whatsapp connect --tenant ID …)";
    private final Database database;

    public OutboxService(Database database) {
        this.database = database;
    }

    /**
     * Queues {@code content} in an existing conversation of the tenant: an agent's reply from the
     * composer, recorded as written by the agent this session acts as (agents.login = session_user).
     */
    public QueuedMessage queue(UUID tenantId, UUID conversationId, OutboundContent content) {
        return database.inJdbcTransaction(c -> queueIn(c, tenantId, conversationId, content, null, true));
    }

    /**
     * Queues {@code content} to a phone number, creating the contact and conversation if needed (CLI, campaigns).
     * Refused at once, with the reason, when the tenant has no active WhatsApp number to send from — before
     * the 24-hour rule, since no message of any kind could leave. A number typed without "+" is read in the
     * tenant's default country, or refused when it has none.
     */
    public QueuedMessage queueTo(UUID tenantId, String phone, OutboundContent content) {
        return database.inJdbcTransaction(c -> {
            requireTenant(c, tenantId);
            requireSendingNumber(c, tenantId);
            String e164 = PhoneNumbers.fromInput(phone, "to", TenantCountry.of(c, tenantId)).e164();
            UUID contactId = ContactRows.upsert(c, tenantId, e164, null);
            UUID conversationId = ConversationRows.findOrOpen(c, tenantId, contactId, Channel.WHATSAPP, false);
            return queueIn(c, tenantId, conversationId, content, null);
        });
    }

    /** Refuses, with the reason, a tenant that does not exist or has no active WhatsApp number to send from. */
    public void requireCanSend(UUID tenantId) {
        database.inJdbcTransaction(c -> {
            requireTenant(c, tenantId);
            requireSendingNumber(c, tenantId);
            return null;
        });
    }

    /** A failed message's Retry: a new queued attempt with the same content; the failed one stays as history. */
    public QueuedMessage retry(UUID tenantId, UUID failedMessageId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT conversation_id, type, content, metadata::text, campaign_id FROM messages
                    WHERE tenant_id = ? AND id = ? AND direction = 'outbound' AND status = 'failed'""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, failedMessageId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("message", "only a failed outbound message of this tenant can be retried");
                    }
                    OutboundContent again = new OutboundContent(io.switchboard.message.MessageType.fromCode(rs.getString(2)), rs.getString(3),
                            readMetadata(rs.getString(4)));
                    return queueIn(c, tenantId, rs.getObject(1, UUID.class), again, rs.getObject(5, UUID.class), true);
                }
            }
        });
    }

    static QueuedMessage queueIn(Connection c, UUID tenantId, UUID conversationId, OutboundContent content, UUID campaignId) throws SQLException {
        return queueIn(c, tenantId, conversationId, content, campaignId, false);
    }

    /** {@code byAgent}: an agent wrote it (the composer, Retry), so the session's agent is recorded as its author. */
    static QueuedMessage queueIn(Connection c, UUID tenantId, UUID conversationId, OutboundContent content, UUID campaignId, boolean byAgent)
            throws SQLException {
        UUID contactId;
        LocalDateTime lastInbound;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT cv.contact_id, cv.status, ct.last_inbound_at FROM conversations cv
                JOIN contacts ct ON ct.id = cv.contact_id
                WHERE cv.tenant_id = ? AND cv.id = ?""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("conversation", "no conversation " + conversationId + " in this tenant");
                }
                if ("archived".equals(rs.getString(2))) {
                    throw new ValidationException("conversation", "is archived; reopen it before replying");
                }
                contactId = rs.getObject(1, UUID.class);
                lastInbound = rs.getObject(3, LocalDateTime.class);
            }
        }
        if (content.needsServiceWindow() && !ServiceWindow.isOpen(lastInbound, Clock.nowUtc())) {
            throw new ValidationException("message", ServiceWindow.CLOSED_REASON);
        }
        UUID id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, metadata,
                                      status, campaign_id, sent_by_agent_id, created_at, updated_at)
                VALUES (?, ?, ?, 'whatsapp', 'outbound', ?, ?, ?, ?::jsonb, 'queued', ?,
                        CASE WHEN ? THEN (SELECT id FROM agents WHERE login = session_user) END, NOW(), NOW())
                RETURNING id""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, conversationId);
            ps.setObject(3, contactId);
            ps.setString(4, content.type().code());
            ps.setString(5, content.contentType());
            ps.setString(6, content.content());
            ps.setString(7, writeMetadata(content.metadata()));
            ps.setObject(8, campaignId);
            ps.setBoolean(9, byAgent);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getObject(1, UUID.class);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET last_message_at = NOW(), updated_at = NOW() WHERE id = ?")) {
            ps.setObject(1, conversationId);
            ps.executeUpdate();
        }
        Notifications.announce(c, tenantId, Notifications.Kind.MESSAGES);
        return new QueuedMessage(id, tenantId, conversationId, contactId);
    }

    private static void requireTenant(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", "no tenant has id " + tenantId);
                }
            }
        }
    }

    /** The tenant can send only from an active WhatsApp number of its own. */
    private static void requireSendingNumber(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM whatsapp_accounts WHERE tenant_id = ? AND status = 'active' LIMIT 1")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", NO_SENDING_NUMBER);
                }
            }
        }
    }

    private static String writeMetadata(Map<String, Object> metadata) {
        try {
            return metadata == null ? null : JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not serialisable", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMetadata(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is not JSON", e);
        }
    }
}
