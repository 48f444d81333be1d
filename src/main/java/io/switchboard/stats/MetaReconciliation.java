package io.switchboard.stats;

import io.switchboard.channel.whatsapp.AccountCredentials;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppAccountView;
import io.switchboard.common.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Compares a tenant's sent and delivered per number and UTC day with Meta's messaging analytics
 * (docs/decisions/stats-03-reconcile-with-meta-by-utc-interval.md). Meta's side comes from {@link MetaAnalytics}, one call
 * per number; ours from {@link IntervalCounts} for exactly Meta's intervals, by the counters' definitions. Where they
 * differ, {@link ReconcileReasons} says why when the database can tell.
 */
public final class MetaReconciliation {
    /** The longest range one reconciliation asks Meta for (Meta keeps a year of messaging analytics). */
    public static final int MAX_DAYS = 92;
    /** A day is flagged when sent or delivered differ by more than this share of the larger figure. */
    public static final double FLAG_SHARE = 0.01;

    private final io.switchboard.db.ReadRouting reads;
    private final WhatsAppAccountService accounts;
    private final MetaAnalytics meta;
    private final Clock clock;

    public MetaReconciliation(io.switchboard.db.ReadRouting reads, WhatsAppAccountService accounts, MetaAnalytics meta, Clock clock) {
        this.reads = reads;
        this.accounts = accounts;
        this.meta = meta;
        this.clock = clock;
    }

    public ReconcileReport reconcile(UUID tenantId, LocalDate from, LocalDate to) {
        if (tenantId == null) {
            throw new ValidationException("tenant", "is required: Meta's analytics belong to one tenant's numbers");
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
            throw new ValidationException("from", "a reconciliation may span at most " + MAX_DAYS + " days");
        }
        List<WhatsAppAccountView> numbers = accounts.list(tenantId).stream().filter(n -> "active".equals(n.status())).toList();
        if (numbers.isEmpty()) {
            throw new ValidationException("tenant", "has no active WhatsApp number: there is nothing to reconcile with Meta");
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> problems = new ArrayList<>();
        Map<String, Map<Instant, IntervalCounts.Interval>> intervals = new TreeMap<>();
        Map<String, Map<Instant, MetaAnalytics.DataPoint>> metaPoints = new HashMap<>();
        for (WhatsAppAccountView n : numbers) {
            String label = n.displayPhone() == null ? n.phoneNumberId() : n.displayPhone();
            if (n.wabaId() == null || n.wabaId().isBlank() || n.displayPhone() == null || n.displayPhone().isBlank()) {
                problems.add(label + ": no WABA id or display number stored, so Meta's analytics cannot be asked for it"
                        + " (connect it again with --waba-id and --display-phone)");
                continue;
            }
            AccountCredentials credentials = accounts.credentials(n.phoneNumberId()).orElse(null);
            if (credentials == null) {
                continue;
            }
            MetaAnalytics.Answer answer = meta.daily(n.apiBaseUrl(), n.wabaId(), credentials.accessToken(), n.displayPhone(), start, end);
            if (!answer.ok()) {
                problems.add(label + ": " + answer.problem());
                continue;
            }
            Map<Instant, IntervalCounts.Interval> own = new TreeMap<>();
            Map<Instant, MetaAnalytics.DataPoint> points = new HashMap<>();
            for (MetaAnalytics.DataPoint p : answer.points()) {
                if (p.end().isAfter(p.start())) {
                    own.put(p.start(), new IntervalCounts.Interval(p.start(), p.end()));
                    points.put(p.start(), p);
                }
            }
            // Days Meta left out (no traffic on its side) are still compared: ours may not be zero.
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                Instant s = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant e = s.plus(1, ChronoUnit.DAYS);
                boolean covered = own.values().stream().anyMatch(i -> i.start().isBefore(e) && i.end().isAfter(s));
                if (!covered) {
                    own.put(s, new IntervalCounts.Interval(s, e));
                }
            }
            intervals.put(n.phoneNumberId(), own);
            metaPoints.put(n.phoneNumberId(), points);
        }
        Map<String, String> labels = new HashMap<>();
        numbers.forEach(n -> labels.put(n.phoneNumberId(), n.displayPhone()));
        Instant now = clock.instant();
        return reads.inJdbcTransaction(c -> {
            ZoneId zone = ZoneId.of(zoneName(c, tenantId));
            IntervalCounts.Result ours = IntervalCounts.count(c, tenantId, zone, intervals);
            ReconcileReasons reasons = ReconcileReasons.read(c, tenantId, intervals);
            List<ReconcileRow> rows = new ArrayList<>();
            intervals.forEach((number, byStart) -> byStart.values().forEach(i -> {
                long[] o = ours.get(number, i.start());
                MetaAnalytics.DataPoint p = metaPoints.get(number).get(i.start());
                long metaSent = p == null ? 0 : p.sent();
                long metaDelivered = p == null ? 0 : p.delivered();
                boolean differs = o[0] != metaSent || o[1] != metaDelivered;
                boolean flagged = beyond(o[0], metaSent) || beyond(o[1], metaDelivered);
                String reason = differs ? reasons.explain(number, i, o[0] - metaSent, o[1] - metaDelivered, now) : null;
                rows.add(new ReconcileRow(number, labels.get(number), i.start(), i.end(), o[0], metaSent, o[1], metaDelivered, flagged, reason));
            }));
            return new ReconcileReport(tenantId, from, to, ours.method(), rows, problems);
        });
    }

    static boolean beyond(long ours, long theirs) {
        return Math.abs(ours - theirs) > FLAG_SHARE * Math.max(ours, theirs);
    }

    private static String zoneName(java.sql.Connection c, UUID tenantId) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("SELECT time_zone FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenantId);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", "no tenant has id " + tenantId);
                }
                return rs.getString(1);
            }
        }
    }
}
