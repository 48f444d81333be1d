package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the sandbox's Meta did per number: each message it accepted (sent) and each delivered status it
 * posted, at the second the event carries. GET /{waba_id}?fields=analytics… is answered from here, so the
 * sandbox's analytics are a consequence of its own traffic, not a copy of Switchboard's database.
 */
final class SandboxLedger {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** phone_number_id → kind ("sent", "delivered") → epoch second → count. */
    private final Map<String, Map<String, NavigableMap<Long, Long>>> events = new ConcurrentHashMap<>();
    /** Meta's template id → kind ("sent", "delivered", "read") → epoch second → count: what template_analytics counts. */
    private final Map<String, Map<String, NavigableMap<Long, Long>>> templateEvents = new ConcurrentHashMap<>();

    void record(String phoneNumberId, String kind, Instant at) {
        record(events, phoneNumberId, kind, at);
    }

    /** A send, delivery or read of a template message, by Meta's template id. */
    void recordTemplate(String templateId, String kind, Instant at) {
        record(templateEvents, templateId, kind, at);
    }

    private static void record(Map<String, Map<String, NavigableMap<Long, Long>>> into, String key, String kind, Instant at) {
        NavigableMap<Long, Long> byTime = into.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).computeIfAbsent(kind, k -> new TreeMap<>());
        synchronized (byTime) {
            byTime.merge(at.getEpochSecond(), 1L, Long::sum);
        }
    }

    long count(String phoneNumberId, String kind, long fromSecond, long toSecond) {
        return count(events, phoneNumberId, kind, fromSecond, toSecond);
    }

    private static long count(Map<String, Map<String, NavigableMap<Long, Long>>> from, String key, String kind, long fromSecond, long toSecond) {
        NavigableMap<Long, Long> byTime = from.getOrDefault(key, Map.of()).get(kind);
        if (byTime == null) {
            return 0;
        }
        synchronized (byTime) {
            return byTime.subMap(fromSecond, true, toSecond, false).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Bucket boundaries of [start, end) in UTC: half hours, days or calendar months, as Meta's granularity says. */
    static List<long[]> buckets(long start, long end, String granularity) {
        List<long[]> out = new ArrayList<>();
        long at = start;
        while (at < end) {
            long next = switch (granularity) {
                case "HALF_HOUR" -> (at / 1800 + 1) * 1800;
                case "DAY" -> (at / 86_400 + 1) * 86_400;
                default -> LocalDate.ofInstant(Instant.ofEpochSecond(at), ZoneOffset.UTC).withDayOfMonth(1).plus(1, ChronoUnit.MONTHS)
                        .atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            };
            out.add(new long[] {at, Math.min(next, end)});
            at = Math.min(next, end);
        }
        return out;
    }

    /** Meta's "analytics" object for the given numbers (already filtered to the WABA): buckets with no traffic are left out, as Meta does. */
    ObjectNode analytics(List<SandboxNumber> numbers, long start, long end, String granularity) {
        ObjectNode analytics = JSON.createObjectNode();
        ArrayNode phones = analytics.putArray("phone_numbers");
        numbers.forEach(n -> phones.add(n.displayPhone().replaceAll("[^0-9]", "")));
        analytics.put("granularity", granularity);
        ArrayNode points = analytics.putArray("data_points");
        for (long[] b : buckets(start, end, granularity)) {
            long sent = 0;
            long delivered = 0;
            for (SandboxNumber n : numbers) {
                sent += count(n.phoneNumberId(), "sent", b[0], b[1]);
                delivered += count(n.phoneNumberId(), "delivered", b[0], b[1]);
            }
            if (sent + delivered > 0) {
                ObjectNode p = points.addObject();
                p.put("start", b[0]);
                p.put("end", b[1]);
                p.put("sent", sent);
                p.put("delivered", delivered);
            }
        }
        return analytics;
    }

    /**
     * Meta's template_analytics data points: one per template and UTC day of [start, end) — zeros included, as Meta
     * lists them — in template order then day, with only the {@code metrics} asked for (lower case: sent, delivered, read).
     */
    List<ObjectNode> templatePoints(List<String> templateIds, long start, long end, java.util.Set<String> metrics) {
        List<ObjectNode> out = new ArrayList<>();
        for (String id : templateIds) {
            for (long[] b : buckets(start, end, "DAY")) {
                ObjectNode p = JSON.createObjectNode();
                p.put("template_id", id);
                p.put("start", b[0]);
                p.put("end", b[1]);
                for (String kind : List.of("sent", "delivered", "read")) {
                    if (metrics.contains(kind)) {
                        p.put(kind, count(templateEvents, id, kind, b[0], b[1]));
                    }
                }
                out.add(p);
            }
        }
        return out;
    }
}
