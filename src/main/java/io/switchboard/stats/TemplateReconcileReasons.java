package io.switchboard.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Why our template figures and Meta's differ, when the database can tell: status webhooks for this template's messages
 * stored but not processed (yet), a day that is not over; otherwise the likely causes in the direction of the difference.
 */
final class TemplateReconcileReasons {
    /** A status webhook not processed for one of our template messages: its template key, status and time. */
    private record Pending(String key, String status, Instant at, boolean failed) {
    }

    private final List<Pending> pending;

    private TemplateReconcileReasons(List<Pending> pending) {
        this.pending = pending;
    }

    static TemplateReconcileReasons read(Connection c, UUID tenantId, Instant since) throws SQLException {
        List<Pending> pending = new ArrayList<>();
        // Few rows: only events not processed; each status is tied to our message by its wamid.
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT stats_template_name(m.type, m.metadata) || '|' || stats_template_language(m.type, m.metadata), s ->> 'status', s ->> 'timestamp', e.status
                FROM webhook_events e
                CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload -> 'entry') = 'array' THEN e.payload -> 'entry' ELSE '[]' END) en
                CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(en -> 'changes') = 'array' THEN en -> 'changes' ELSE '[]' END) ch
                CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(ch -> 'value' -> 'statuses') = 'array' THEN ch -> 'value' -> 'statuses' ELSE '[]' END) s
                JOIN messages m ON m.tenant_id = ? AND m.external_message_id = s ->> 'id' AND m.type = 'template'
                WHERE e.status IN ('unprocessed', 'failed') AND jsonb_typeof(e.payload) = 'object'""")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ts = rs.getString(3);
                    if (ts != null && ts.matches("[0-9]{1,12}") && Long.parseLong(ts) >= since.getEpochSecond()) {
                        pending.add(new Pending(rs.getString(1), rs.getString(2), Instant.ofEpochSecond(Long.parseLong(ts)), "failed".equals(rs.getString(4))));
                    }
                }
            }
        }
        return new TemplateReconcileReasons(pending);
    }

    /** The differences are ours minus Meta's. */
    String explain(String key, IntervalCounts.Interval interval, long sentDiff, long deliveredDiff, long readDiff, Instant now) {
        List<String> known = new ArrayList<>();
        Map<String, Long> waiting = new TreeMap<>();
        Map<String, Long> broken = new TreeMap<>();
        for (Pending p : pending) {
            if (p.key().equals(key) && !p.at().isBefore(interval.start()) && p.at().isBefore(interval.end())) {
                (p.failed() ? broken : waiting).merge(p.status(), 1L, Long::sum);
            }
        }
        if (!waiting.isEmpty()) {
            known.add(describe(waiting) + " status webhook(s) for this template's messages are stored but not processed yet:"
                    + " the event poller is behind or not running");
        }
        if (!broken.isEmpty()) {
            known.add(describe(broken) + " status webhook(s) for this template's messages failed to process");
        }
        boolean ahead = sentDiff > 0 || deliveredDiff > 0 || readDiff > 0;
        boolean behind = sentDiff < 0 || deliveredDiff < 0 || readDiff < 0;
        if (interval.end().isAfter(now) && ahead) {
            known.add("the day is not over: Meta's template analytics can lag behind by a few hours");
        }
        if (known.isEmpty() && behind) {
            known.add("Meta counted sends of this template we have no record of: sent by another app or WhatsApp Manager,"
                    + " or status webhooks that never reached Switchboard (check the webhook subscription and serve's logs)");
        } else if (known.isEmpty() && ahead) {
            known.add("we counted template messages Meta does not: written without going through Meta (imported or demo data),"
                    + " or reads Meta leaves out (read receipts turned off count as not read)");
        }
        return String.join("; ", known);
    }

    private static String describe(Map<String, Long> byStatus) {
        return byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
