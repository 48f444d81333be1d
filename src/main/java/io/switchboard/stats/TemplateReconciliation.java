package io.switchboard.stats;

import io.switchboard.channel.whatsapp.AccountCredentials;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppAccountView;
import io.switchboard.common.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Compares a tenant's sent, delivered and read per template and UTC day with Meta's template_analytics
 * (docs/decisions/stats-07-reconcile-templates-with-meta.md): the tenant's templates that carry Meta's id are asked of the
 * WABA of each of its active numbers; ours are counted for exactly Meta's intervals from the counters' template columns
 * ({@link IntervalCounts}, the way the per-number reconciliation does), or recounted when the zone does not fit UTC hours.
 */
public final class TemplateReconciliation {
    /** Meta keeps 90 days of template analytics. */
    public static final int MAX_DAYS = 90;

    private final io.switchboard.db.ReadRouting reads;
    private final WhatsAppAccountService accounts;
    private final MetaTemplateAnalytics meta;
    private final Clock clock;

    public TemplateReconciliation(io.switchboard.db.ReadRouting reads, WhatsAppAccountService accounts, MetaTemplateAnalytics meta, Clock clock) {
        this.reads = reads;
        this.accounts = accounts;
        this.meta = meta;
        this.clock = clock;
    }

    /** A template as we store it: Meta's id, name and language. */
    private record Template(String id, String name, String language) {
        String key() {
            return name + "|" + language;
        }
    }

    public TemplateReconcileReport reconcile(UUID tenantId, LocalDate from, LocalDate to) {
        if (tenantId == null) {
            throw new ValidationException("tenant", "is required: Meta's template analytics belong to one tenant's templates");
        }
        if (from == null) {
            throw new ValidationException("from", "is required (a UTC date like 2026-01-31)");
        }
        if (to == null) {
            throw new ValidationException("to", "is required (a UTC date like 2026-01-31)");
        }
        if (to.isBefore(from)) {
            throw new ValidationException("to", "must not be before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new ValidationException("from", "a template reconciliation may span at most " + MAX_DAYS + " days (Meta keeps no more)");
        }
        List<WhatsAppAccountView> numbers = accounts.list(tenantId).stream().filter(n -> "active".equals(n.status())).toList();
        if (numbers.isEmpty()) {
            throw new ValidationException("tenant", "has no active WhatsApp number: there is nothing to reconcile with Meta");
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Template> templates = reads.inJdbcTransaction(c -> templates(c, tenantId));
        List<String> problems = new ArrayList<>();
        Map<String, Template> byId = new LinkedHashMap<>();
        templates.forEach(t -> byId.putIfAbsent(t.id(), t));
        // One request series per WABA (the first active number of each lends its token).
        Map<String, WhatsAppAccountView> wabas = new LinkedHashMap<>();
        for (WhatsAppAccountView n : numbers) {
            if (n.wabaId() == null || n.wabaId().isBlank()) {
                problems.add((n.displayPhone() == null ? n.phoneNumberId() : n.displayPhone())
                        + ": no WABA id stored, so Meta's template analytics cannot be asked for its templates (connect it again with --waba-id)");
            } else {
                wabas.putIfAbsent(n.wabaId(), n);
            }
        }
        Map<String, Map<Instant, MetaTemplateAnalytics.DataPoint>> metaPoints = new HashMap<>();
        if (!byId.isEmpty()) {
            for (WhatsAppAccountView n : wabas.values()) {
                AccountCredentials credentials = accounts.credentials(n.phoneNumberId()).orElse(null);
                if (credentials == null) {
                    continue;
                }
                MetaTemplateAnalytics.Answer answer = meta.daily(n.apiBaseUrl(), n.wabaId(), credentials.accessToken(), new ArrayList<>(byId.keySet()), start, end);
                if (!answer.ok()) {
                    problems.add("WABA " + n.wabaId() + ": " + answer.problem());
                    continue;
                }
                for (MetaTemplateAnalytics.DataPoint p : answer.points()) {
                    if (byId.containsKey(p.templateId()) && p.end().isAfter(p.start())) {
                        metaPoints.computeIfAbsent(p.templateId(), k -> new HashMap<>()).put(p.start(), p);
                    }
                }
            }
        }
        // Our intervals per template: Meta's data points, and every UTC day of the range Meta did not cover.
        Map<String, Map<Instant, IntervalCounts.Interval>> intervals = new TreeMap<>();
        Map<String, Template> byKey = new HashMap<>();
        for (Template t : byId.values()) {
            if (byKey.putIfAbsent(t.key(), t) != null) {
                continue; // the same name and language under two ids (deleted and made again): our counts cannot tell them apart
            }
            Map<Instant, IntervalCounts.Interval> own = new TreeMap<>();
            metaPoints.getOrDefault(t.id(), Map.of()).values().forEach(p -> own.put(p.start(), new IntervalCounts.Interval(p.start(), p.end())));
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                Instant s = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant e = s.plus(1, ChronoUnit.DAYS);
                if (own.values().stream().noneMatch(i -> i.start().isBefore(e) && i.end().isAfter(s))) {
                    own.put(s, new IntervalCounts.Interval(s, e));
                }
            }
            intervals.put(t.key(), own);
        }
        Instant now = clock.instant();
        return reads.inJdbcTransaction(c -> {
            ZoneId zone = ZoneId.of(zoneName(c, tenantId));
            IntervalCounts.Result ours = IntervalCounts.count(c, tenantId, zone, intervals, IntervalCounts.Dimension.TEMPLATE);
            unknownToMeta(c, tenantId, from, to, byKey).forEach(problems::add);
            TemplateReconcileReasons reasons = TemplateReconcileReasons.read(c, tenantId, start);
            List<TemplateReconcileRow> rows = new ArrayList<>();
            intervals.forEach((key, byStart) -> byStart.values().forEach(i -> {
                Template t = byKey.get(key);
                long[] o = ours.get(key, i.start());
                MetaTemplateAnalytics.DataPoint p = metaPoints.getOrDefault(t.id(), Map.of()).get(i.start());
                long[] m = p == null ? new long[3] : new long[] {p.sent(), p.delivered(), p.read()};
                boolean differs = o[0] != m[0] || o[1] != m[1] || o[2] != m[2];
                boolean flagged = MetaReconciliation.beyond(o[0], m[0]) || MetaReconciliation.beyond(o[1], m[1]) || MetaReconciliation.beyond(o[2], m[2]);
                String reason = differs ? reasons.explain(key, i, o[0] - m[0], o[1] - m[1], o[2] - m[2], now) : null;
                rows.add(new TemplateReconcileRow(t.id(), t.name(), t.language(), i.start(), i.end(), o[0], m[0], o[1], m[1], o[2], m[2], flagged, reason));
            }));
            if (byId.isEmpty()) {
                problems.add("no template of this tenant carries Meta's template id: sync the templates from Meta first (templates sync)");
            }
            return new TemplateReconcileReport(tenantId, from, to, ours.method(), rows, problems);
        });
    }

    private static List<Template> templates(Connection c, UUID tenantId) throws SQLException {
        List<Template> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT meta_template_id, name, language FROM templates"
                + " WHERE tenant_id = ? AND meta_template_id IS NOT NULL ORDER BY name, language, deleted_at_meta NULLS FIRST, meta_template_id")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Template(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /**
     * Templates we sent around the range (its UTC days, widened by a local day each side: the counters keep local days)
     * that carry no Meta id: they cannot be compared, and the report says so. Read from the counters, not the messages.
     */
    private static List<String> unknownToMeta(Connection c, UUID tenantId, LocalDate from, LocalDate to, Map<String, Template> known) throws SQLException {
        List<String> out = new ArrayList<>();
        String part = "SELECT template_name, template_language, n FROM %s WHERE tenant_id = ? AND kind = 'outbound' AND template_name <> ''"
                + " AND day BETWEEN ? AND ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT template_name, template_language, SUM(n) FROM (" + part.formatted("stats_counters")
                + " UNION ALL " + part.formatted("stats_deltas") + ") x GROUP BY 1, 2 HAVING SUM(n) <> 0 ORDER BY 1, 2")) {
            for (int k = 0; k < 2; k++) {
                ps.setObject(1 + 3 * k, tenantId);
                ps.setObject(2 + 3 * k, from.minusDays(1));
                ps.setObject(3 + 3 * k, to.plusDays(1));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!known.containsKey(rs.getString(1) + "|" + rs.getString(2))) {
                        out.add("template " + rs.getString(1) + " (" + rs.getString(2) + "), " + rs.getLong(3)
                                + " message(s) around these days: no Meta template id stored, so Meta cannot be asked about it (sync the templates)");
                    }
                }
            }
        }
        return out;
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
}
