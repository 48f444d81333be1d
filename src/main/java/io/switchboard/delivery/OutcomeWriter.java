package io.switchboard.delivery;

import io.switchboard.db.Notifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes send outcomes in one transaction with JDBC batches. Every statement is guarded by the
 * attempt number the claim gave the row (the fencing token): an outcome whose lease was lost and whose
 * row was claimed again changes nothing.
 */
final class OutcomeWriter {
    private OutcomeWriter() {
    }

    static void write(Connection c, List<SendOutcome> outcomes) throws SQLException {
        Set<UUID> tenants = new LinkedHashSet<>();
        try (PreparedStatement sent = c.prepareStatement("""
                UPDATE messages SET status = 'sent', external_message_id = ?, sent_at = COALESCE(sent_at, ?), next_attempt_at = NULL,
                       error_code = NULL, error_title = NULL, error_detail = NULL, updated_at = NOW()
                WHERE id = ? AND status = 'queued' AND send_attempts = ?""");
             PreparedStatement sentHistory = c.prepareStatement("""
                INSERT INTO message_statuses (tenant_id, message_id, phone, status, wamid, occurred_at)
                SELECT m.tenant_id, m.id, ?, 'sent', m.external_message_id, ? FROM messages m
                WHERE m.id = ? AND m.external_message_id = ? AND m.send_attempts = ?
                ON CONFLICT (message_id, status) DO NOTHING""");
             PreparedStatement retry = c.prepareStatement("""
                UPDATE messages SET next_attempt_at = NOW() + (? * INTERVAL '1 millisecond'), error_code = ?, error_title = ?, error_detail = ?,
                       updated_at = NOW()
                WHERE id = ? AND status = 'queued' AND send_attempts = ?""");
             PreparedStatement failed = c.prepareStatement("""
                UPDATE messages SET status = 'failed', failed_at = COALESCE(failed_at, ?), next_attempt_at = NULL,
                       error_code = ?, error_title = ?, error_detail = ?, updated_at = NOW()
                WHERE id = ? AND status = 'queued' AND send_attempts = ?""");
             PreparedStatement failedHistory = c.prepareStatement("""
                INSERT INTO message_statuses (tenant_id, message_id, phone, status, occurred_at, error, error_code)
                SELECT m.tenant_id, m.id, ?, 'failed', ?, ?, ? FROM messages m
                WHERE m.id = ? AND m.status = 'failed' AND m.send_attempts = ?
                ON CONFLICT (message_id, status) DO NOTHING""");
             PreparedStatement putBack = c.prepareStatement("""
                UPDATE messages SET send_attempts = send_attempts - 1,
                       next_attempt_at = CASE WHEN ? > 0 THEN NOW() + (? * INTERVAL '1 millisecond') END, updated_at = NOW()
                WHERE id = ? AND status = 'queued' AND send_attempts = ?""")) {
            for (SendOutcome o : outcomes) {
                OutboxSender.Claimed m = o.message();
                if (o instanceof SendOutcome.Sent s) {
                    Timestamp at = Timestamp.valueOf(s.at());
                    sent.setString(1, s.wamid());
                    sent.setTimestamp(2, at);
                    sent.setObject(3, m.id());
                    sent.setInt(4, m.attempt());
                    sent.addBatch();
                    sentHistory.setString(1, m.phone());
                    sentHistory.setTimestamp(2, at);
                    sentHistory.setObject(3, m.id());
                    sentHistory.setString(4, s.wamid());
                    sentHistory.setInt(5, m.attempt());
                    sentHistory.addBatch();
                    tenants.add(m.tenantId());
                } else if (o instanceof SendOutcome.Retry r) {
                    retry.setLong(1, r.delay().toMillis());
                    retry.setString(2, r.failure().code());
                    retry.setString(3, r.failure().title());
                    retry.setString(4, r.failure().detail());
                    retry.setObject(5, m.id());
                    retry.setInt(6, m.attempt());
                    retry.addBatch();
                    tenants.add(m.tenantId());
                } else if (o instanceof SendOutcome.Failed f) {
                    Timestamp at = Timestamp.valueOf(f.at());
                    failed.setTimestamp(1, at);
                    failed.setString(2, f.failure().code());
                    failed.setString(3, f.failure().title());
                    failed.setString(4, f.failure().detail());
                    failed.setObject(5, m.id());
                    failed.setInt(6, m.attempt());
                    failed.addBatch();
                    failedHistory.setString(1, m.phone());
                    failedHistory.setTimestamp(2, at);
                    failedHistory.setString(3, f.failure().detail());
                    failedHistory.setString(4, f.failure().code());
                    failedHistory.setObject(5, m.id());
                    failedHistory.setInt(6, m.attempt());
                    failedHistory.addBatch();
                    tenants.add(m.tenantId());
                } else if (o instanceof SendOutcome.PutBack p) {
                    putBack.setLong(1, p.delay().toMillis());
                    putBack.setLong(2, p.delay().toMillis());
                    putBack.setObject(3, m.id());
                    putBack.setInt(4, m.attempt());
                    putBack.addBatch();
                }
            }
            // Order matters only within a kind; the history inserts read the rows just updated.
            sent.executeBatch();
            sentHistory.executeBatch();
            retry.executeBatch();
            failed.executeBatch();
            failedHistory.executeBatch();
            putBack.executeBatch();
        }
        for (UUID tenant : tenants) {
            Notifications.announce(c, tenant, Notifications.Kind.STATUSES);
        }
    }
}
