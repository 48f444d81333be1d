package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.stats.DayVolume;
import io.switchboard.stats.FailureReason;
import io.switchboard.stats.HourVolume;
import io.switchboard.stats.StatsFolder;
import io.switchboard.stats.StatsRange;
import io.switchboard.stats.StatsReport;
import io.switchboard.stats.StatsService;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The dashboard's counters equal a plain recount of messages (and message_statuses) whatever the
 * history: statuses shuffled, duplicated and late (applied in a later poll), messages sent before
 * midnight and read after it, inbound messages, time zones with half-hour offsets and the date line,
 * a zone changed halfway, and folds or no folds in between. The real poller applies every status.
 */
class StatsCountersPropertyTest {
    private static final List<String> ZONES = List.of("UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Kiritimati", "Pacific/Pago_Pago",
            "Europe/Berlin");
    private static final StatsRange ALL = new StatsRange(LocalDate.of(2025, 1, 1), LocalDate.now().plusDays(2));
    private static InboundKit kit;

    private static synchronized InboundKit kit() {
        if (kit == null) {
            kit = new InboundKit();
        }
        return kit;
    }

    @AfterContainer
    static void close() {
        if (kit != null) {
            kit.close();
            kit = null;
        }
    }

    @Property(tries = 20)
    void countersEqualARecount(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int messages) {
        InboundKit kit = kit();
        StatsService stats = new StatsService(kit.db);
        Random random = new Random(seed);
        stats.setTimeZone(kit.tenantId, ZONES.get(random.nextInt(ZONES.size())));
        // Around a UTC midnight in 2025, so local days split differently in every zone.
        long midnight = LocalDate.of(2025, 3 + random.nextInt(8), 1 + random.nextInt(27)).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        List<String> early = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            String wamid = "wamid.stats-" + UUID.randomUUID();
            long sent = midnight - 14 * 3600 + random.nextInt(28 * 3600);
            kit.sentMessage("+1650555" + (1000 + random.nextInt(3)), wamid, random.nextBoolean() ? at(sent) : null);
            List<String> events = new ArrayList<>();
            if (random.nextBoolean()) {
                events.add(StatusWebhooks.status(wamid, "sent", sent + random.nextInt(5)));
            }
            long delivered = sent + random.nextInt(20 * 3600);
            if (random.nextInt(3) > 0) {
                events.add(StatusWebhooks.status(wamid, "delivered", delivered));
            }
            if (random.nextBoolean()) {
                events.add(StatusWebhooks.status(wamid, "read", delivered + random.nextInt(20 * 3600))); // sometimes without delivered
            }
            if (random.nextInt(3) == 0) {
                int code = List.of(131026, 131047, 131049).get(random.nextInt(3));
                events.add(StatusWebhooks.failed(wamid, sent + random.nextInt(3600), code, "Error " + code, "details"));
            }
            for (String e : new ArrayList<>(events)) {
                if (random.nextInt(4) == 0) {
                    events.add(e); // duplicated
                }
            }
            for (String e : events) {
                (random.nextInt(3) == 0 ? late : early).add(e);
            }
            if (random.nextBoolean()) {
                early.add(InboundMessages.text("1650555" + (1000 + random.nextInt(3)), "Customer", "wamid.in-" + UUID.randomUUID(),
                        midnight - 12 * 3600 + random.nextInt(24 * 3600), "hello"));
            }
        }
        Collections.shuffle(early, random);
        Collections.shuffle(late, random);
        StatsFolder folder = new StatsFolder(kit.db, Duration.ofSeconds(1));
        early.forEach(kit::storeEvent);
        new EventPoller(kit.db, 1, 1 + random.nextInt(4)).processAvailable();
        if (random.nextBoolean()) {
            folder.foldAll();
        }
        if (random.nextInt(3) == 0) {
            stats.setTimeZone(kit.tenantId, ZONES.get(random.nextInt(ZONES.size())));
        }
        late.forEach(kit::storeEvent);
        new EventPoller(kit.db, 1, 1 + random.nextInt(4)).processAvailable();
        if (random.nextBoolean()) {
            folder.foldAll();
        }
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status <> 'processed'")).isZero();

        StatsReport report = stats.report(kit.tenantId, ALL);

        Recount recount = recount(kit);
        for (DayVolume d : report.days()) {
            Map<String, Long> expected = recount.byDay.getOrDefault(d.day(), Map.of());
            assertThat(List.of(d.inbound(), d.outbound(), d.sent(), d.delivered(), d.read(), d.failed(), d.conversations()))
                    .as("day %s in %s", d.day(), report.zone())
                    .containsExactly(expected.getOrDefault("inbound", 0L), expected.getOrDefault("outbound", 0L), expected.getOrDefault("sent", 0L),
                            expected.getOrDefault("delivered", 0L), expected.getOrDefault("read", 0L), expected.getOrDefault("failed", 0L),
                            expected.getOrDefault("conversation", 0L));
        }
        assertThat(recount.byDay.keySet()).allMatch(day -> !day.isBefore(ALL.from()) && !day.isAfter(ALL.to()));
        for (HourVolume h : report.hours()) {
            assertThat(List.of(h.inbound(), h.outbound())).as("hour %d", h.hour())
                    .containsExactly(recount.inboundByHour.getOrDefault(h.hour(), 0L), recount.outboundByHour.getOrDefault(h.hour(), 0L));
        }
        Map<String, Long> failures = new TreeMap<>();
        report.failures().forEach((FailureReason f) -> failures.put(f.code(), f.count()));
        assertThat(failures).isEqualTo(recount.failuresByCode);
        assertThat(report.delivery().attempted()).isEqualTo(recount.attempted);
        // message_statuses, the event history, tells the same story for delivered and read.
        assertThat(report.delivery().delivered()).isEqualTo(kit.count("""
                SELECT COUNT(*) FROM messages m WHERE m.tenant_id = ? AND m.direction = 'outbound'
                  AND EXISTS (SELECT 1 FROM message_statuses s WHERE s.message_id = m.id AND s.status IN ('delivered', 'read'))""", kit.tenantId));
        assertThat(report.delivery().read()).isEqualTo(kit.count("""
                SELECT COUNT(*) FROM message_statuses s JOIN messages m ON m.id = s.message_id
                WHERE m.tenant_id = ? AND m.direction = 'outbound' AND s.status = 'read'""", kit.tenantId));
    }

    private record Recount(Map<LocalDate, Map<String, Long>> byDay, Map<Integer, Long> inboundByHour, Map<Integer, Long> outboundByHour,
                           Map<String, Long> failuresByCode, long attempted) {
    }

    /** The definitions of DeliveryFunnel and DayVolume, applied to the rows as they are now. */
    private static Recount recount(InboundKit kit) {
        String local = "((%s AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone)";
        String sql = """
                SELECT kind, day, hour, code, COUNT(*) AS n FROM (
                  SELECT CASE m.direction WHEN 'inbound' THEN 'inbound' ELSE 'outbound' END AS kind, %1$s::date AS day,
                         EXTRACT(HOUR FROM %1$s)::int AS hour, '' AS code
                  FROM messages m JOIN tenants t ON t.id = m.tenant_id WHERE m.tenant_id = ?
                  UNION ALL
                  SELECT 'sent', %2$s::date, 0, '' FROM messages m JOIN tenants t ON t.id = m.tenant_id
                  WHERE m.tenant_id = ? AND m.direction = 'outbound' AND (m.status IN ('sent', 'delivered', 'read') OR m.sent_at IS NOT NULL
                        OR m.delivered_at IS NOT NULL OR m.read_at IS NOT NULL)
                  UNION ALL
                  SELECT 'delivered', %3$s::date, 0, '' FROM messages m JOIN tenants t ON t.id = m.tenant_id
                  WHERE m.tenant_id = ? AND m.direction = 'outbound' AND (m.status IN ('delivered', 'read') OR m.delivered_at IS NOT NULL OR m.read_at IS NOT NULL)
                  UNION ALL
                  SELECT 'read', %4$s::date, 0, '' FROM messages m JOIN tenants t ON t.id = m.tenant_id
                  WHERE m.tenant_id = ? AND m.direction = 'outbound' AND (m.status = 'read' OR m.read_at IS NOT NULL)
                  UNION ALL
                  SELECT 'failed', %5$s::date, 0, COALESCE(m.error_code, '') FROM messages m JOIN tenants t ON t.id = m.tenant_id
                  WHERE m.tenant_id = ? AND m.direction = 'outbound' AND m.status = 'failed'
                  UNION ALL
                  SELECT 'attempted', %6$s::date, 0, '' FROM messages m JOIN tenants t ON t.id = m.tenant_id
                  WHERE m.tenant_id = ? AND m.direction = 'outbound' AND m.status IN ('sent', 'delivered', 'read', 'failed')
                  UNION ALL
                  SELECT 'conversation', %7$s::date, 0, '' FROM conversations c JOIN tenants t ON t.id = c.tenant_id WHERE c.tenant_id = ?
                ) x GROUP BY kind, day, hour, code""".formatted(
                local.formatted("m.created_at"),
                local.formatted("COALESCE(m.sent_at, m.delivered_at, m.read_at, m.created_at)"),
                local.formatted("COALESCE(m.delivered_at, m.read_at, m.sent_at, m.created_at)"),
                local.formatted("COALESCE(m.read_at, m.delivered_at, m.sent_at, m.created_at)"),
                local.formatted("COALESCE(m.failed_at, m.sent_at, m.created_at)"),
                local.formatted("COALESCE(m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.created_at)"),
                local.formatted("c.created_at"));
        UUID t = kit.tenantId;
        Map<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        Map<Integer, Long> in = new HashMap<>();
        Map<Integer, Long> out = new HashMap<>();
        Map<String, Long> failures = new TreeMap<>();
        long attempted = 0;
        for (Map<String, Object> r : kit.rows(sql, t, t, t, t, t, t, t)) {
            String kind = (String) r.get("kind");
            long n = ((Number) r.get("n")).longValue();
            LocalDate day = ((java.sql.Date) r.get("day")).toLocalDate();
            byDay.computeIfAbsent(day, d -> new HashMap<>()).merge(kind, n, Long::sum);
            int hour = ((Number) r.get("hour")).intValue();
            if (kind.equals("inbound")) {
                in.merge(hour, n, Long::sum);
            } else if (kind.equals("outbound")) {
                out.merge(hour, n, Long::sum);
            } else if (kind.equals("failed")) {
                failures.merge((String) r.get("code"), n, Long::sum);
            } else if (kind.equals("attempted")) {
                attempted += n;
            }
        }
        return new Recount(byDay, in, out, failures, attempted);
    }

    private static LocalDateTime at(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }
}
