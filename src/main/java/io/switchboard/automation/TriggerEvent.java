package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An inbound message or a status event, with what the conditions look at: the text and WhatsApp type, whether it
 * opened the conversation, the conversation's status, the contact's metadata; for a status, the status and error code.
 */
public record TriggerEvent(String kind, UUID tenantId, UUID messageId, UUID statusId, UUID contactId, UUID conversationId,
                           String text, String messageType, Instant at, boolean firstMessage, String conversationStatus,
                           String contactName, String contactPhone, String externalRef, JsonNode contactMetadata,
                           String status, String errorCode, String errorTitle) {

    public static final String RECEIVED = "message_received";
    public static final String STATUS = "message_status";

    /** The exactly-once key of the event itself. */
    public String eventKey() {
        return STATUS.equals(kind) ? "status:" + statusId : "message:" + messageId;
    }

    /** What a run triggered by this event sees as {{contact.*}}, {{message.*}}, {{conversation.*}}, {{trigger.*}}. */
    public Variables variables() {
        Variables v = Variables.empty();
        Runs.putContact(v, contactId, contactName, contactPhone, externalRef, contactMetadata);
        ObjectNode m = v.section("message");
        m.put("id", messageId.toString());
        m.put("text", text);
        m.put("type", messageType);
        ObjectNode cv = v.section("conversation");
        cv.put("id", conversationId.toString());
        cv.put("status", conversationStatus);
        ObjectNode t = v.section("trigger");
        t.put("event", kind);
        t.put("at", at.toString());
        if (STATUS.equals(kind)) {
            t.put("status", status);
            t.put("error_code", errorCode);
            t.put("error_title", errorTitle);
        }
        return v;
    }

    /** Loads an inbound message ({@code statusId} null) or a status event of a message. */
    static Optional<TriggerEvent> load(Connection c, String kind, UUID messageId, UUID statusId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.tenant_id, m.contact_id, m.conversation_id, m.content, COALESCE(m.content_type, m.type), m.created_at,
                       NOT EXISTS (SELECT 1 FROM messages e WHERE e.conversation_id = m.conversation_id AND e.id <> m.id
                                   AND (e.created_at, e.id) < (m.created_at, m.id)),
                       cv.status, ct.name, ct.phone, ct.external_ref, ct.metadata::text,
                       s.status, COALESCE(s.error_code, m.error_code), COALESCE(s.error, m.error_title), s.occurred_at
                FROM messages m
                JOIN conversations cv ON cv.id = m.conversation_id
                JOIN contacts ct ON ct.id = m.contact_id
                LEFT JOIN message_statuses s ON s.id = ?
                WHERE m.id = ?""")) {
            ps.setObject(1, statusId);
            ps.setObject(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                java.time.LocalDateTime at = rs.getObject(16, java.time.LocalDateTime.class);
                if (at == null) {
                    at = rs.getObject(6, java.time.LocalDateTime.class);
                }
                return Optional.of(new TriggerEvent(kind, rs.getObject(1, UUID.class), messageId, statusId, rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), io.switchboard.common.Clock.toInstant(at), rs.getBoolean(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), Runs.json(rs.getString(12)),
                        rs.getString(13), rs.getString(14), rs.getString(15)));
            }
        }
    }
}
