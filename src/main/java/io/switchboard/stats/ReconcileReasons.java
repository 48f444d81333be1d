package io.switchboard.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Why our figures and Meta's differ, when the database can tell: status webhooks stored but not (yet) processed, sends
 * Meta accepted and then reported failed, a day that is not over. Otherwise a sentence naming the likely causes in
 * the direction of the difference.
 */
final class ReconcileReasons {
    /** A status webhook not processed: its number, status, time and, when it failed, the error. */
    private record Pending(String number, String status, Instant at, boolean failed, String error) {
        /** The poller's words (EventPoller.waitFor) for a status naming a wamid this tenant never stored. */
        boolean namesUnknownMessage() {
            return error != null && (error.startsWith("waiting for message") || error.startsWith("status for unknown message"));
        }
    }

    /** A message of ours Meta accepted (sent_at) that is failed now. */
    private record FailedAfterSend(String number, Instant sentAt) {
    }

    private final List<Pending> pending;
    private final List<FailedAfterSend> failedAfterSend;

    private ReconcileReasons(List<Pending> pending, List<FailedAfterSend> failedAfterSend) {
        this.pending = pending;
        this.failedAfterSend = failedAfterSend;
    }

    static ReconcileReasons read(Connection c, UUID tenantId, Map<String, Map<Instant, IntervalCounts.Interval>> intervals) throws SQLException {
        List<Pending> pending = new ArrayList<>();
        // Few rows: only events not processed, found by their status index; the tenant is routed by the number.
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT ch -> 'value' -> 'metadata' ->> 'phone_number_id', s ->> 'status', s ->> 'timestamp', e.status, e.processing_error
                FROM webhook_events e
                CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload -> 'entry') = 'array' THEN e.payload -> 'entry' ELSE '[]' END) en
                CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(en -> 'changes') = 'array' THEN en -> 'changes' ELSE '[]' END) ch
                CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(ch -> 'value' -> 'statuses') = 'array' THEN ch -> 'value' -> 'statuses' ELSE '[]' END) s
                WHERE e.status IN ('unprocessed', 'failed') AND jsonb_typeof(e.payload) = 'object'
                  AND ch -> 'value' -> 'metadata' ->> 'phone_number_id' = ANY (?)""")) {
            ps.setArray(1, c.createArrayOf("text", intervals.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String ts = rs.getString(3);
                    if (ts != null && ts.matches("[0-9]{1,12}")) {
                        pending.add(new Pending(rs.getString(1), rs.getString(2), Instant.ofEpochSecond(Long.parseLong(ts)),
                                "failed".equals(rs.getString(4)), rs.getString(5)));
                    }
                }
            }
        }
        List<FailedAfterSend> failed = new ArrayList<>();
        Instant min = intervals.values().stream().flatMap(m -> m.values().stream()).map(IntervalCounts.Interval::start).min(Instant::compareTo).orElse(Instant.EPOCH);
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(phone_number_id, ''), sent_at FROM messages"
                + " WHERE tenant_id = ? AND status = 'failed' AND direction = 'outbound' AND sent_at >= ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, LocalDateTime.ofInstant(min, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    failed.add(new FailedAfterSend(rs.getString(1), rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                }
            }
        }
        return new ReconcileReasons(pending, failed);
    }

    /** {@code sentDiff}, {@code deliveredDiff}: ours minus Meta's. */
    String explain(String number, IntervalCounts.Interval interval, long sentDiff, long deliveredDiff, Instant now) {
        List<String> known = new ArrayList<>();
        Map<String, Long> waiting = new HashMap<>();
        Map<String, Long> broken = new HashMap<>();
        Map<String, Long> strangers = new HashMap<>();
        String firstError = null;
        for (Pending p : pending) {
            if (p.number().equals(number) && in(interval, p.at()) && ("sent".equals(p.status()) || "delivered".equals(p.status()) || "read".equals(p.status()))) {
                (p.namesUnknownMessage() ? strangers : p.failed() ? broken : waiting).merge(p.status(), 1L, Long::sum);
                if (p.failed() && !p.namesUnknownMessage() && firstError == null) {
                    firstError = p.error();
                }
            }
        }
        if (!waiting.isEmpty()) {
            known.add(count(waiting) + " status webhook" + (count(waiting) == 1 ? "" : "s") + " from Meta " + (count(waiting) == 1 ? "is" : "are")
                    + " stored but not processed yet (" + describe(waiting) + "): the event poller is behind or not running");
        }
        if (!strangers.isEmpty()) {
            known.add(count(strangers) + " status webhook" + (count(strangers) == 1 ? "" : "s") + " (" + describe(strangers) + ") name messages"
                    + " Switchboard never sent: another app or WhatsApp Manager is sending from this number");
        }
        if (!broken.isEmpty()) {
            known.add(count(broken) + " status webhook" + (count(broken) == 1 ? "" : "s") + " failed to process (" + describe(broken) + ")"
                    + (firstError == null ? "" : ": " + firstError));
        }
        long acceptedThenFailed = failedAfterSend.stream().filter(f -> f.number().equals(number) && in(interval, f.sentAt())).count();
        if (sentDiff > 0 && acceptedThenFailed > 0) {
            known.add(acceptedThenFailed + " message" + (acceptedThenFailed == 1 ? "" : "s") + " Meta accepted and later reported failed:"
                    + " we count them as sent, Meta may not");
        }
        boolean explained = !known.isEmpty();
        boolean weAreAhead = sentDiff > 0 || deliveredDiff > 0;
        if (interval.end().isAfter(now) && weAreAhead) {
            known.add("the day is not over: Meta's analytics can lag behind by a few hours");
            explained = true;
        }
        if (!explained && (sentDiff < 0 || deliveredDiff < 0)) {
            known.add("Meta counted messages we have no record of: sent from this number by another app or WhatsApp Manager,"
                    + " or status webhooks that never reached Switchboard (check the webhook subscription and serve's logs)");
        } else if (!explained) {
            known.add("we counted messages Meta does not: messages written without going through Meta (imported or demo data),"
                    + " or sent from this tenant under another number's id");
        }
        return String.join("; ", known);
    }

    private static boolean in(IntervalCounts.Interval i, Instant at) {
        return !at.isBefore(i.start()) && at.isBefore(i.end());
    }

    private static long count(Map<String, Long> byStatus) {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String describe(Map<String, Long> byStatus) {
        return byStatus.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getValue() + " " + e.getKey())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }
}
