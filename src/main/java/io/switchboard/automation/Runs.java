package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The run log's writes. A run is created once per (automation, trigger key) — a second attempt with the same key
 * changes nothing — and finished in the same transaction that bumps the automation's counters, so
 * execution_count = succeeded + failed runs, success_count = succeeded, failure_count = failed, always.
 */
final class Runs {
    private Runs() {
    }

    static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return AutomationDraft.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("stored JSON is not JSON", e);
        }
    }

    static void putContact(Variables v, UUID id, String name, String phone, String externalRef, JsonNode metadata) {
        ObjectNode c = v.section("contact");
        if (id != null) {
            c.put("id", id.toString());
        }
        c.put("name", name);
        c.put("phone", phone);
        c.put("external_ref", externalRef);
        c.set("metadata", metadata == null || !metadata.isObject() ? AutomationDraft.JSON.createObjectNode() : metadata);
    }

    /** Fills {{contact.*}} for a contact loaded by id. */
    static void loadContact(Connection c, Variables v, UUID tenantId, UUID contactId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, phone, external_ref, metadata::text FROM contacts WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    putContact(v, contactId, rs.getString(1), rs.getString(2), rs.getString(3), json(rs.getString(4)));
                }
            }
        }
    }

    record NewRun(UUID tenantId, UUID automationId, String triggerType, String key, UUID contactId, UUID conversationId, UUID messageId,
                  Variables variables, UUID retryOf) {
    }

    /**
     * Creates the run unless one with this key exists (then empty). The automation row is locked first, so the
     * rate guard's count is exact however many workers create runs: over the limit, the run is logged as skipped.
     */
    static Optional<UUID> create(Connection c, NewRun r) throws SQLException {
        int limit;
        try (PreparedStatement ps = c.prepareStatement("SELECT max_runs_per_contact_hour FROM automations WHERE id = ? FOR UPDATE")) {
            ps.setObject(1, r.automationId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                limit = rs.getInt(1);
            }
        }
        String skipped = null;
        if (r.contactId() != null && r.retryOf() == null) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT COUNT(*) FROM automation_runs WHERE automation_id = ? AND contact_id = ? AND status <> 'skipped'
                      AND created_at > NOW() - INTERVAL '1 hour'""")) {
                ps.setObject(1, r.automationId());
                ps.setObject(2, r.contactId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= limit) {
                        skipped = "rate guard: this automation already ran " + limit + " times for this contact in the last hour";
                    }
                }
            }
        }
        UUID id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO automation_runs (tenant_id, automation_id, trigger_key, trigger_type, contact_id, conversation_id, message_id,
                                             variables, status, error, retry_of, created_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, NOW(), CASE WHEN ? THEN NOW() END)
                ON CONFLICT (automation_id, trigger_key) DO NOTHING
                RETURNING id""")) {
            ps.setObject(1, r.tenantId());
            ps.setObject(2, r.automationId());
            ps.setString(3, r.key().length() > 300 ? r.key().substring(0, 300) : r.key());
            ps.setString(4, r.triggerType());
            ps.setObject(5, r.contactId());
            ps.setObject(6, r.conversationId());
            ps.setObject(7, r.messageId());
            ps.setString(8, r.variables().json().toString());
            ps.setString(9, skipped == null ? "pending" : "skipped");
            ps.setString(10, skipped);
            ps.setObject(11, r.retryOf());
            ps.setBoolean(12, skipped != null);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getObject(1, UUID.class);
            }
        }
        if (skipped == null) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE automations SET last_triggered_at = NOW() WHERE id = ?")) {
                ps.setObject(1, r.automationId());
                ps.executeUpdate();
            }
        }
        return Optional.of(id);
    }

    /** Ends a run (only one still pending or running) and counts it on its automation, in the caller's transaction. */
    static boolean finish(Connection c, UUID runId, ActionOutcome outcome, long durationMillis) throws SQLException {
        UUID automationId;
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE automation_runs SET status = ?, result = ?, error = ?, response_code = ?, duration_ms = ?, finished_at = NOW(),
                       started_at = COALESCE(started_at, NOW())
                WHERE id = ? AND status IN ('pending', 'running') RETURNING automation_id""")) {
            ps.setString(1, outcome.succeeded() ? "succeeded" : "failed");
            ps.setString(2, outcome.result());
            ps.setString(3, outcome.error());
            ps.setObject(4, outcome.responseCode());
            ps.setInt(5, (int) Math.min(Integer.MAX_VALUE, durationMillis));
            ps.setObject(6, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                automationId = rs.getObject(1, UUID.class);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE automations SET execution_count = COALESCE(execution_count, 0) + 1,
                       success_count = COALESCE(success_count, 0) + CASE WHEN ? THEN 1 ELSE 0 END,
                       failure_count = COALESCE(failure_count, 0) + CASE WHEN ? THEN 0 ELSE 1 END
                WHERE id = ?""")) {
            ps.setBoolean(1, outcome.succeeded());
            ps.setBoolean(2, outcome.succeeded());
            ps.setObject(3, automationId);
            ps.executeUpdate();
        }
        return true;
    }
}
