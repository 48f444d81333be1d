package io.switchboard.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Our sent and delivered per number for arbitrary UTC intervals (Meta's data points), by the counters' own definitions
 * ({@code stats_message_events}). The counters are kept per local hour of the tenant's zone; when every interval boundary
 * is the start of an unambiguous local hour, each hour bucket lies inside one interval and the counters answer exactly.
 * Otherwise (a zone like Asia/Kolkata, +05:30, against UTC days; a boundary inside a repeated DST hour) the messages are
 * counted again for the range with the same function, which is exact for any boundary.
 */
final class IntervalCounts {
    record Interval(Instant start, Instant end) {
    }

    /** What our side is keyed by: a number (Meta's analytics) or a template as "name|language" (Meta's template_analytics). */
    enum Dimension {
        NUMBER("phone_number_id", "COALESCE(m.phone_number_id, '')", "('sent', 'delivered')", "", ""),
        TEMPLATE("template_name || '|' || template_language", "stats_template_name(m.type, m.metadata) || '|' || stats_template_language(m.type, m.metadata)",
                "('sent', 'delivered', 'read')", " AND template_name <> ''", " AND m.type = 'template'");

        final String counterKey;
        final String messageKey;
        final String kinds;
        final String counterFilter;
        final String messageFilter;

        Dimension(String counterKey, String messageKey, String kinds, String counterFilter, String messageFilter) {
            this.counterKey = counterKey;
            this.messageKey = messageKey;
            this.kinds = kinds;
            this.counterFilter = counterFilter;
            this.messageFilter = messageFilter;
        }
    }

    /** {@code method}: "counters" or "recount"; each cell holds sent, delivered and read (read only for templates). */
    record Result(String method, Map<String, Map<Instant, long[]>> counts) {
        long[] get(String number, Instant start) {
            return counts.getOrDefault(number, Map.of()).getOrDefault(start, new long[3]);
        }
    }

    private IntervalCounts() {
    }

    static Result count(Connection c, UUID tenantId, ZoneId zone, Map<String, Map<Instant, IntervalCounts.Interval>> intervals) throws SQLException {
        return count(c, tenantId, zone, intervals, Dimension.NUMBER);
    }

    static Result count(Connection c, UUID tenantId, ZoneId zone, Map<String, Map<Instant, IntervalCounts.Interval>> intervals, Dimension dimension)
            throws SQLException {
        Instant min = null;
        Instant max = null;
        boolean exact = true;
        ZoneRules rules = zone.getRules();
        Map<String, NavigableMap<Long, Interval>> index = new HashMap<>();
        for (var e : intervals.entrySet()) {
            NavigableMap<Long, Interval> byStart = new TreeMap<>();
            for (Interval i : e.getValue().values()) {
                byStart.put(i.start().getEpochSecond(), i);
                min = min == null || i.start().isBefore(min) ? i.start() : min;
                max = max == null || i.end().isAfter(max) ? i.end() : max;
                exact &= onLocalHour(rules, i.start()) && onLocalHour(rules, i.end());
            }
            index.put(e.getKey(), byStart);
        }
        Map<String, Map<Instant, long[]>> out = new HashMap<>();
        if (min == null) {
            return new Result("counters", out);
        }
        if (exact) {
            readCounters(c, tenantId, zone, min, max, index, out, dimension);
            return new Result("counters", out);
        }
        recount(c, tenantId, min, max, index, out, dimension);
        return new Result("recount", out);
    }

    /** The boundary starts a local hour that occurs once, and the hour before it occurs once too. */
    static boolean onLocalHour(ZoneRules rules, Instant boundary) {
        ZonedDateTime local = boundary.atZone(rules.getOffset(boundary).normalized());
        if (local.getMinute() != 0 || local.getSecond() != 0 || local.getNano() != 0) {
            return false;
        }
        LocalDateTime hour = local.toLocalDateTime();
        return rules.getValidOffsets(hour).size() == 1 && rules.getValidOffsets(hour.minusHours(1)).size() == 1;
    }

    private static void readCounters(Connection c, UUID tenantId, ZoneId zone, Instant min, Instant max, Map<String, NavigableMap<Long, Interval>> index,
                                     Map<String, Map<Instant, long[]>> out, Dimension dimension) throws SQLException {
        LocalDate fromDay = LocalDate.ofInstant(min, zone);
        LocalDate toDay = LocalDate.ofInstant(max, zone);
        String part = "SELECT " + dimension.counterKey + " AS key, kind, day, hour, n FROM %s WHERE tenant_id = ? AND kind IN " + dimension.kinds
                + " AND day BETWEEN ? AND ?" + dimension.counterFilter;
        String sql = "SELECT key, kind, day, hour, SUM(n) FROM (" + part.formatted("stats_counters") + " UNION ALL "
                + part.formatted("stats_deltas") + ") x GROUP BY 1, 2, 3, 4 HAVING SUM(n) <> 0";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < 2; k++) {
                ps.setObject(1 + 3 * k, tenantId);
                ps.setObject(2 + 3 * k, fromDay);
                ps.setObject(3 + 3 * k, toDay);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDateTime localHour = rs.getObject(3, LocalDate.class).atTime(rs.getInt(4), 0);
                    // An hour bucket's events all fall within one interval here (onLocalHour), so its first occurrence places it.
                    Instant at = ZonedDateTime.ofLocal(localHour, zone, null).toInstant();
                    add(index, out, rs.getString(1), rs.getString(2), at, rs.getLong(5));
                }
            }
        }
    }

    private static void recount(Connection c, UUID tenantId, Instant min, Instant max, Map<String, NavigableMap<Long, Interval>> index,
                                Map<String, Map<Instant, long[]>> out, Dimension dimension) throws SQLException {
        String sql = "SELECT " + dimension.messageKey + ", e.kind, date_trunc('second', e.at), COUNT(*) FROM messages m"
                + " CROSS JOIN LATERAL stats_message_events(m.direction, m.status, m.created_at, m.sent_at, m.delivered_at, m.read_at,"
                + " m.failed_at, m.error_code) e"
                + " WHERE m.tenant_id = ? AND m.direction = 'outbound' AND m.created_at < ? AND e.kind IN " + dimension.kinds + dimension.messageFilter
                + " AND e.at >= ? AND e.at < ? GROUP BY 1, 2, 3";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            ps.setObject(2, LocalDateTime.ofInstant(max, ZoneOffset.UTC));
            ps.setObject(3, LocalDateTime.ofInstant(min, ZoneOffset.UTC));
            ps.setObject(4, LocalDateTime.ofInstant(max, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    add(index, out, rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getLong(4));
                }
            }
        }
    }

    private static void add(Map<String, NavigableMap<Long, Interval>> index, Map<String, Map<Instant, long[]>> out, String number, String kind,
                            Instant at, long n) {
        NavigableMap<Long, Interval> byStart = index.get(number);
        if (byStart == null) {
            return;
        }
        var entry = byStart.floorEntry(at.getEpochSecond());
        if (entry == null || !at.isBefore(entry.getValue().end())) {
            return;
        }
        long[] cell = out.computeIfAbsent(number, k -> new HashMap<>()).computeIfAbsent(entry.getValue().start(), k -> new long[3]);
        cell[kind.equals("sent") ? 0 : kind.equals("delivered") ? 1 : 2] += n;
    }
}
