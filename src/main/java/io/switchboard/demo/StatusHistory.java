package io.switchboard.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * What the demo's messages went through, written from their own columns in set-based statements:
 * the status history (one {@code message_statuses} row per sent, delivered, read and failed time, as
 * the poller would have appended them) and, when the fill ran with triggers off, what the reply
 * tracking trigger ({@code stats_track_replies}, V11) would have written: a first_response row for
 * every reply to a waiting customer and {@code awaiting_reply_since} for the customers still waiting.
 * Only the conversations of this fill are touched (those of its fresh block of phone numbers).
 */
final class StatusHistory {
    private final Connection c;
    private final UUID tenantId;

    StatusHistory(Connection c, UUID tenantId, String phonePrefix) throws SQLException {
        this.c = c;
        this.tenantId = tenantId;
        try (PreparedStatement ps = c.prepareStatement("""
                CREATE TEMP TABLE demo_fill ON COMMIT DROP AS
                SELECT cv.id, ct.phone FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id
                WHERE cv.tenant_id = ? AND ct.tenant_id = ? AND ct.phone LIKE ?""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, tenantId);
            ps.setString(3, phonePrefix + "%");
            ps.execute();
        }
        try (var s = c.createStatement()) {
            s.execute("ANALYZE demo_fill");
        }
    }

    /** One row per status a message reached, at the time it reached it; the failure's code and title on failed. */
    long writeStatuses() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO message_statuses (tenant_id, message_id, phone, status, occurred_at, error, error_code, created_at, updated_at)
                SELECT m.tenant_id, m.id, f.phone, s.status, s.at,
                       CASE WHEN s.status = 'failed' THEN m.error_title END, CASE WHEN s.status = 'failed' THEN m.error_code END, s.at, s.at
                FROM messages m
                JOIN demo_fill f ON f.id = m.conversation_id
                CROSS JOIN LATERAL (VALUES ('sent', m.sent_at), ('delivered', m.delivered_at), ('read', m.read_at), ('failed', m.failed_at))
                     AS s(status, at)
                WHERE m.tenant_id = ? AND m.direction = 'outbound' AND s.at IS NOT NULL""")) {
            ps.setObject(1, tenantId);
            return ps.executeUpdate();
        }
    }

    /**
     * The reply tracking trigger's result, computed for all conversations at once. Per conversation, in
     * the trigger's order (time, inbound before outbound, id; campaign messages ignored), an inbound
     * message that follows a non-inbound one starts a wait; an outbound one right after an inbound one
     * answers the wait that started last. A conversation whose last message is inbound still waits.
     */
    long writeReplyTimes() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH ordered AS (
                  SELECT m.id, m.tenant_id, m.conversation_id, m.direction, m.created_at, m.phone_number_id,
                         LAG(m.direction) OVER w AS previous, LEAD(m.id) OVER w IS NULL AS last
                  FROM messages m JOIN demo_fill f ON f.id = m.conversation_id
                  WHERE m.tenant_id = ? AND m.created_at IS NOT NULL AND (m.direction = 'inbound' OR m.campaign_id IS NULL)
                  WINDOW w AS (PARTITION BY m.conversation_id ORDER BY m.created_at, m.direction, m.id)
                ), waits AS MATERIALIZED (
                  SELECT o.*, MAX(CASE WHEN o.direction = 'inbound' AND o.previous IS DISTINCT FROM 'inbound' THEN o.created_at END)
                              OVER (PARTITION BY o.conversation_id ORDER BY o.created_at, o.direction, o.id ROWS UNBOUNDED PRECEDING) AS waiting
                  FROM ordered o
                ), answered AS (
                  INSERT INTO response_times (tenant_id, conversation_id, kind, started_at, ended_at, message_id, phone_number_id)
                  SELECT w.tenant_id, w.conversation_id, 'first_response', w.waiting, GREATEST(w.waiting, w.created_at), w.id, w.phone_number_id
                  FROM waits w WHERE w.direction = 'outbound' AND w.previous = 'inbound'
                  RETURNING 1
                ), waiting AS (
                  UPDATE conversations c SET awaiting_reply_since = w.waiting
                  FROM waits w WHERE w.last AND w.direction = 'inbound' AND c.id = w.conversation_id
                  RETURNING 1
                )
                SELECT COUNT(*) FROM answered""")) {
            // Both data-modifying parts run to completion whether or not the final SELECT reads them.
            ps.setObject(1, tenantId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
