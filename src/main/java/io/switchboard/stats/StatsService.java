package io.switchboard.stats;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.delivery.SendFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The supervisor's numbers. The guide's two queries run as the guide wrote them (so they can never
 * disagree with what someone types into psql); the dashboard reads the counters that V11's triggers
 * keep (docs/decisions/stats-01-counters-by-delta-triggers.md), which equal a recount of messages.
 */
public final class StatsService {
    // The guide's "Get message delivery statistics by tenant", plus t.id to identify the row.
    static final String DELIVERY_BY_TENANT = """
            SELECT t.id as tenant_id,
              t.name as tenant,
              COUNT(*) as total_messages,
              SUM(CASE WHEN m.status = 'sent' THEN 1 ELSE 0 END) as sent,
              SUM(CASE WHEN m.status = 'delivered' THEN 1 ELSE 0 END) as delivered,
              SUM(CASE WHEN m.status = 'read' THEN 1 ELSE 0 END) as read,
              SUM(CASE WHEN m.status = 'failed' THEN 1 ELSE 0 END) as failed,
              ROUND(100.0 * SUM(CASE WHEN m.status IN ('delivered', 'read') THEN 1 ELSE 0 END) / COUNT(*), 2) as delivery_rate
            FROM messages m
            JOIN tenants t ON m.tenant_id = t.id
            GROUP BY t.id, t.name
            ORDER BY t.name, t.id""";

    // The guide's "Get message volume by date for a tenant".
    static final String VOLUME_BY_DATE = """
            SELECT DATE(created_at) as date, COUNT(*) as message_count
            FROM messages
            WHERE tenant_id = ?
            GROUP BY DATE(created_at)
            ORDER BY date DESC
            LIMIT 30""";

    private final Database database;
    /** Where the figures are read: a replica when DB_READ_HOST names one and it keeps up, else the primary. */
    private final io.switchboard.db.ReadRouting reads;

    public StatsService(Database database) {
        this(database, io.switchboard.db.ReadRouting.primaryOnly(database));
    }

    /** Writes (a tenant's time zone) go to {@code database}; reports are read from {@code reads}. */
    public StatsService(Database database, Database reads) {
        this(database, io.switchboard.db.ReadRouting.primaryOnly(reads));
    }

    /** Writes go to {@code database}; reports are read where {@code reads} routes them (a replica, or the primary as fallback). */
    public StatsService(Database database, io.switchboard.db.ReadRouting reads) {
        this.database = database;
        this.reads = reads;
    }

    public List<DeliveryStats> deliveryByTenant() {
        return reads.inJdbcTransaction(c -> {
            List<DeliveryStats> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DELIVERY_BY_TENANT); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DeliveryStats(rs.getObject("tenant_id", UUID.class), rs.getString("tenant"), rs.getLong("total_messages"),
                            rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("read"), rs.getLong("failed"), rs.getBigDecimal("delivery_rate")));
                }
            }
            return rows;
        });
    }

    public List<DailyVolume> volumeByDate(UUID tenantId) {
        return reads.inJdbcTransaction(c -> {
            List<DailyVolume> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(VOLUME_BY_DATE)) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new DailyVolume(rs.getObject("date", java.time.LocalDate.class), rs.getLong("message_count")));
                    }
                }
            }
            return rows;
        });
    }

    /** The tenant's time zone (days and hours of its figures start in it). */
    public ZoneId zoneOf(UUID tenantId) {
        return database.inJdbcTransaction(c -> ZoneId.of(zoneName(c, tenantId)));
    }

    /** Sets the tenant's zone; its counters are counted again in the new zone in the same transaction. */
    public void setTimeZone(UUID tenantId, String zone) {
        ZoneId id;
        try {
            id = ZoneId.of(zone == null ? "" : zone.strip());
        } catch (DateTimeException e) {
            throw new ValidationException("time_zone", "must be a time zone name such as Europe/Berlin or UTC, not \"" + zone + "\"");
        }
        database.inJdbcTransaction(c -> {
            zoneName(c, tenantId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE tenants SET time_zone = ? WHERE id = ?")) {
                ps.setString(1, id.getId());
                ps.setObject(2, tenantId);
                ps.executeUpdate();
            } catch (SQLException e) {
                if ("23514".equals(e.getSQLState())) {
                    throw new ValidationException("time_zone", "the database does not know the time zone " + id.getId(), e);
                }
                throw e;
            }
            Notifications.announce(c, tenantId, Notifications.Kind.TENANTS);
            return null;
        });
    }

    /** The dashboard's figures for one tenant, or all tenants when {@code tenantId} is null. */
    public StatsReport report(UUID tenantId, StatsRange range) {
        return reads.inJdbcTransaction(c -> {
            ResponseDistributions.oneSnapshot(c);
            String zone = tenantId == null ? "each tenant's own zone" : zoneName(c, tenantId);
            List<CounterRows.Row> rows = CounterRows.read(c, tenantId, range);
            return build(c, tenantId, zone, range, rows);
        });
    }

    /**
     * The figures per agent (messages written, first responses, resolutions with median and p90) for one tenant, or all
     * tenants when {@code tenantId} is null: the Stats view's "By agent" tab and {@code stats --by agent}.
     */
    public AgentReport byAgent(UUID tenantId, StatsRange range) {
        return reads.inJdbcTransaction(c -> {
            ResponseDistributions.oneSnapshot(c);
            String zone = tenantId == null ? "each tenant's own zone" : zoneName(c, tenantId);
            return new AgentReport(tenantId, zone, range, AgentBreakdowns.read(c, tenantId, range));
        });
    }

    /** The messages (and their contacts) behind one failure row, newest first, at most {@code limit}. */
    public List<FailedMessage> failedMessages(UUID tenantId, StatsRange range, String errorCode, int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new ValidationException("limit", "must be between 1 and 10000");
        }
        String code = errorCode == null ? "" : errorCode;
        String sql = "SELECT m.id, m.tenant_id, m.conversation_id, m.contact_id, ct.name, ct.phone, m.failed_at, m.error_code, m.error_title,"
                + " m.error_detail, m.content"
                + " FROM messages m JOIN tenants t ON t.id = m.tenant_id JOIN contacts ct ON ct.id = m.contact_id"
                + " WHERE m.status = 'failed' AND m.direction = 'outbound'"
                + (tenantId == null ? "" : " AND m.tenant_id = ?")
                + (code.isEmpty() ? " AND m.error_code IS NULL" : " AND m.error_code = ?")
                + " AND ((COALESCE(m.failed_at, m.sent_at, m.created_at) AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone)::date BETWEEN ? AND ?"
                + " ORDER BY COALESCE(m.failed_at, m.sent_at, m.created_at) DESC, m.id LIMIT ?";
        return reads.inJdbcTransaction(c -> {
            List<FailedMessage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (tenantId != null) {
                    ps.setObject(i++, tenantId);
                }
                if (!code.isEmpty()) {
                    ps.setString(i++, code);
                }
                ps.setObject(i++, range.from());
                ps.setObject(i++, range.to());
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FailedMessage(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getObject(7, LocalDateTime.class),
                                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)));
                    }
                }
            }
            return out;
        });
    }

    private static String zoneName(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT time_zone FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", "no tenant has id " + tenantId);
                }
                return rs.getString(1);
            }
        }
    }

    /** Running sums of one grouping value's kinds. */
    private static final class Tally {
        final Map<String, Long> byKind = new HashMap<>();

        void add(String kind, long n) {
            byKind.merge(kind, n, Long::sum);
        }

        long get(String kind) {
            return byKind.getOrDefault(kind, 0L);
        }
    }

    private static StatsReport build(Connection c, UUID tenantId, String zone, StatsRange range, List<CounterRows.Row> rows) throws SQLException {
        Tally total = new Tally();
        Map<String, Long> failuresByCode = new TreeMap<>();
        Map<LocalDate, Tally> byDay = new TreeMap<>();
        Map<Integer, Tally> byHour = new TreeMap<>();
        Map<String, TreeMap<Integer, Long>> minutes = new HashMap<>();
        Map<String, Tally> byNumber = new TreeMap<>();
        Map<String, Tally> byTemplate = new TreeMap<>();
        Map<String, Tally> byCampaign = new TreeMap<>();
        Map<String, Tally> byAgent = new TreeMap<>();
        for (CounterRows.Row r : rows) {
            switch (r.grouping()) {
                case ERROR -> {
                    total.add(r.kind(), r.n());
                    if (r.kind().equals("failed")) {
                        failuresByCode.merge(r.errorCode(), r.n(), Long::sum);
                    }
                }
                case DAY -> byDay.computeIfAbsent(r.day(), d -> new Tally()).add(r.kind(), r.n());
                case HOUR -> byHour.computeIfAbsent(r.hour(), h -> new Tally()).add(r.kind(), r.n());
                case MINUTES -> minutes.computeIfAbsent(r.kind(), k -> new TreeMap<>()).merge(r.minutes(), r.n(), Long::sum);
                case NUMBER -> byNumber.computeIfAbsent(r.number(), k -> new Tally()).add(r.kind(), r.n());
                case TEMPLATE -> {
                    if (!r.templateName().isEmpty()) {
                        byTemplate.computeIfAbsent(r.templateName() + "|" + r.templateLanguage(), k -> new Tally()).add(r.kind(), r.n());
                    }
                }
                case CAMPAIGN -> {
                    if (r.campaignId() != null) {
                        byCampaign.computeIfAbsent(r.campaignId().toString(), k -> new Tally()).add(r.kind(), r.n());
                    }
                }
                case AGENT -> {
                    if (r.agentId() != null) {
                        byAgent.computeIfAbsent(r.agentId().toString(), k -> new Tally()).add(r.kind(), r.n());
                    }
                }
                default -> {
                    // per number and day / template and day: read by the reconciliation with Meta
                }
            }
        }
        DeliveryFunnel funnel = new DeliveryFunnel(total.get("outbound"), total.get("attempted"), total.get("sent"), total.get("delivered"),
                total.get("read"), total.get("failed"));
        List<DayVolume> days = new ArrayList<>();
        for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
            Tally t = byDay.getOrDefault(d, new Tally());
            days.add(new DayVolume(d, t.get("inbound"), t.get("outbound"), t.get("conversation"), t.get("sent"), t.get("delivered"),
                    t.get("read"), t.get("failed")));
        }
        List<HourVolume> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Tally t = byHour.getOrDefault(h, new Tally());
            hours.add(new HourVolume(h, t.get("inbound"), t.get("outbound")));
        }
        ResponseDistributions responses = new ResponseDistributions();
        int firstResponse = responses.add(ResponseDistributions.Scope.all("first_response"), minutes.get("first_response"));
        int resolution = responses.add(ResponseDistributions.Scope.all("resolution"), minutes.get("resolution"));
        responses.resolve(c, tenantId, range);
        Map<String, String> numberLabels = numberLabels(c, byNumber.keySet());
        Map<String, String> campaignLabels = campaignLabels(c, byCampaign.keySet());
        return new StatsReport(tenantId, zone, range, funnel, failures(c, tenantId, failuresByCode, funnel.failed()), days, hours,
                responses.get(firstResponse), responses.get(resolution),
                breakdowns(Breakdown.Dimension.NUMBER, byNumber, k -> numberLabels.getOrDefault(k, k.isEmpty() ? "(no number)" : k)),
                breakdowns(Breakdown.Dimension.TEMPLATE, byTemplate, k -> {
                    int bar = k.lastIndexOf('|');
                    return k.substring(bar + 1).isEmpty() ? k.substring(0, bar) : k.substring(0, bar) + " (" + k.substring(bar + 1) + ")";
                }),
                breakdowns(Breakdown.Dimension.CAMPAIGN, byCampaign, k -> campaignLabels.getOrDefault(k, k)),
                breakdowns(Breakdown.Dimension.AGENT, byAgent, k -> k),
                health(c, tenantId));
    }

    private static List<Breakdown> breakdowns(Breakdown.Dimension dimension, Map<String, Tally> tallies, java.util.function.UnaryOperator<String> label) {
        List<Breakdown> out = new ArrayList<>();
        tallies.forEach((key, t) -> {
            Breakdown b = new Breakdown(dimension, key, label.apply(key), t.get("inbound"), t.get("outbound"), t.get("sent"),
                    t.get("delivered"), t.get("read"), t.get("failed"));
            if (b.inbound() + b.outbound() + b.sent() + b.delivered() + b.read() + b.failed() > 0) {
                out.add(b); // a key with only new conversations or response times (no number of its own) is no row
            }
        });
        out.sort(Comparator.comparingLong((Breakdown b) -> -(b.outbound() + b.inbound())).thenComparing(Breakdown::label));
        return out;
    }

    private static List<FailureReason> failures(Connection c, UUID tenantId, Map<String, Long> byCode, long failed) throws SQLException {
        // Only codes we cannot explain ourselves (not Meta's, e.g. service_window_closed) need a look at a stored message.
        Set<String> unknown = new java.util.TreeSet<>();
        byCode.forEach((code, n) -> {
            if (n != 0 && SendFailures.explain(code).isEmpty()) {
                unknown.add(code);
            }
        });
        Map<String, String[]> stored = storedTitles(c, tenantId, unknown);
        List<FailureReason> out = new ArrayList<>();
        byCode.forEach((code, n) -> {
            if (n == 0) {
                return;
            }
            var known = SendFailures.explain(code);
            String[] s = stored.get(code);
            String title = known.map(SendFailures.Explanation::title).orElse(s != null && s[0] != null ? s[0] : code.isEmpty() ? "No error code" : code);
            String reason = known.map(SendFailures.Explanation::sentence)
                    .orElse(s != null && s[1] != null ? s[1] : "WhatsApp reported the failure without a reason we know.");
            out.add(new FailureReason(code, title, reason, n, new Rate(n, failed)));
        });
        out.sort(Comparator.comparingLong((FailureReason f) -> -f.count()).thenComparing(FailureReason::code));
        return out;
    }

    /** The title and detail stored with one failed message per code (for codes that are not Meta's or that we do not know). */
    private static Map<String, String[]> storedTitles(Connection c, UUID tenantId, Set<String> codes) throws SQLException {
        Map<String, String[]> out = new HashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT code, (SELECT ARRAY[m.error_title, m.error_detail] FROM messages m"
                + " WHERE m.status = 'failed'" + (tenantId == null ? "" : " AND m.tenant_id = ?") + " AND m.error_code = code LIMIT 1)"
                + " FROM unnest(?::text[]) AS code")) {
            int i = 1;
            if (tenantId != null) {
                ps.setObject(i++, tenantId);
            }
            ps.setArray(i, c.createArrayOf("text", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array a = rs.getArray(2);
                    if (a != null) {
                        out.put(rs.getString(1), (String[]) a.getArray());
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, String> numberLabels(Connection c, Set<String> numbers) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT phone_number_id, display_phone FROM whatsapp_accounts WHERE phone_number_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", numbers.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String display = rs.getString(2);
                    out.put(rs.getString(1), display == null || display.isBlank() ? rs.getString(1) : display + " (" + rs.getString(1) + ")");
                }
            }
        }
        return out;
    }

    private static Map<String, String> campaignLabels(Connection c, Set<String> ids) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id::text, name FROM campaigns WHERE id::text = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private static List<NumberHealth> health(Connection c, UUID tenantId) throws SQLException {
        List<NumberHealth> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT phone_number_id, display_phone, quality_rating, previous_quality_rating,"
                + " messaging_limit_tier, number_status, health_updated_at FROM whatsapp_accounts"
                + (tenantId == null ? "" : " WHERE tenant_id = ?") + " ORDER BY created_at, id")) {
            if (tenantId != null) {
                ps.setObject(1, tenantId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new NumberHealth(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getObject(7, LocalDateTime.class)));
                }
            }
        }
        return out;
    }
}
