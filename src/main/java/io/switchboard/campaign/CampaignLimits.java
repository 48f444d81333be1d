package io.switchboard.campaign;

import io.switchboard.common.Clock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * How many of a running campaign's recipients may be queued now, and — when the daily messaging limit is what
 * stops it — the reason shown on the campaign ("waits for the next day").
 */
final class CampaignLimits {
    /** Seconds of the number's rate kept queued in the outbox ahead of the sender. */
    static final int BACKLOG_SECONDS = 3;
    static final int MIN_BACKLOG = 30;

    private CampaignLimits() {
    }

    static int allowance(Connection c, UUID tenantId, UUID campaignId) throws SQLException {
        int rate;
        Integer cap;
        String tier;
        String zone;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COALESCE(a.send_rate_per_second, 80), cp.cap_per_minute, a.messaging_limit_tier, t.time_zone
                FROM campaigns cp JOIN tenants t ON t.id = cp.tenant_id
                LEFT JOIN LATERAL (SELECT * FROM whatsapp_accounts w WHERE w.tenant_id = cp.tenant_id AND w.status = 'active'
                                   ORDER BY w.created_at, w.id LIMIT 1) a ON TRUE
                WHERE cp.id = ?""")) {
            ps.setObject(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                rate = rs.getInt(1);
                cap = (Integer) rs.getObject(2);
                tier = rs.getString(3);
                zone = rs.getString(4);
            }
        }
        long allowed = Math.max(MIN_BACKLOG, (long) rate * BACKLOG_SECONDS) - count(c,
                "SELECT COUNT(*) FROM messages WHERE campaign_id = ? AND status = 'queued'", campaignId);
        if (cap != null) {
            // Served by the (tenant_id, queued_at) index: only the last minute's rows are read.
            allowed = Math.min(allowed, cap - count(c, """
                    SELECT COUNT(*) FROM campaign_recipients WHERE tenant_id = ? AND queued_at > NOW() - INTERVAL '1 minute' AND campaign_id = ?""",
                    tenantId, campaignId));
        }
        Integer daily = MessagingLimit.perDay(tier).isPresent() ? MessagingLimit.perDay(tier).getAsInt() : null;
        String waiting = null;
        if (daily != null) {
            long used = count(c, "SELECT COUNT(*) FROM campaign_recipients WHERE tenant_id = ? AND queued_at > NOW() - INTERVAL '24 hours'", tenantId);
            if (used >= daily) {
                waiting = "Daily messaging limit reached (" + tier + ": " + daily + " in 24 hours); the rest waits and continues from "
                        + resumesAt(c, tenantId, zone) + " (" + zone + ")";
            }
            allowed = Math.min(allowed, daily - used);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE campaigns SET waiting_reason = ? WHERE id = ? AND waiting_reason IS DISTINCT FROM ?")) {
            ps.setString(1, waiting);
            ps.setObject(2, campaignId);
            ps.setString(3, waiting);
            ps.executeUpdate();
        }
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, allowed));
    }

    /** When the oldest message counted in the last 24 hours leaves the window, in the tenant's zone. */
    private static String resumesAt(Connection c, UUID tenantId, String zone) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(queued_at) + INTERVAL '24 hours' FROM campaign_recipients WHERE tenant_id = ? AND queued_at > NOW() - INTERVAL '24 hours'")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                LocalDateTime utc = rs.getObject(1, LocalDateTime.class);
                if (utc == null) {
                    return "now";
                }
                return Clock.toInstant(utc).atZone(ZoneId.of(zone)).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
            }
        }
    }

    private static long count(Connection c, String sql, UUID... ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < ids.length; i++) {
                ps.setObject(i + 1, ids[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
