package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Any order and any repetition of one message's status webhooks — processed in batches of any
 * size — ends in the same status, the same timestamps, and each distinct status recorded once.
 */
class StatusStreamPropertyTest {
    private static final long T0 = 1_749_416_400L;
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

    /** One status event; failed ones carry an error code. */
    record Event(String status, long at, Integer code) {
        String body(String wamid) {
            return code == null ? StatusWebhooks.status(wamid, status, at)
                    : StatusWebhooks.failed(wamid, at, code, "Error " + code, "details of " + code);
        }
    }

    @Provide
    Arbitrary<List<Event>> streams() {
        Arbitrary<Long> offset = Arbitraries.longs().between(0, 20);
        Arbitrary<Integer> code = Arbitraries.of(131026, 131047, 131000, 131049);
        Arbitrary<List<Event>> distinct = Combinators.combine(
                Arbitraries.of(true, false), offset, Arbitraries.of(true, false), offset, Arbitraries.of(true, false), offset,
                Arbitraries.integers().between(0, 2), Combinators.combine(offset, code).as((o, c) -> new Event("failed", T0 + o, c)).list().ofSize(2))
                .as((sent, sentAt, delivered, deliveredAt, read, readAfter, failures, failed) -> {
                    List<Event> events = new ArrayList<>();
                    if (sent) {
                        events.add(new Event("sent", T0, null));
                    }
                    if (delivered) {
                        events.add(new Event("delivered", T0 + 1 + deliveredAt, null));
                    }
                    if (read) {
                        events.add(new Event("read", T0 + 1 + deliveredAt + readAfter, null));
                    }
                    events.addAll(failed.subList(0, failures));
                    return events;
                })
                .filter(list -> !list.isEmpty());
        return distinct.flatMap(events -> Arbitraries.integers().between(1, 3).list().ofSize(events.size()).flatMap(copies -> {
            List<Event> repeated = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                for (int k = 0; k < copies.get(i); k++) {
                    repeated.add(events.get(i));
                }
            }
            return Arbitraries.shuffle(repeated);
        }));
    }

    @Property(tries = 60)
    void anyOrderAndRepetitionEndsInTheSameState(@ForAll("streams") List<Event> stream, @ForAll @IntRange(min = 1, max = 4) int batchSize) {
        InboundKit kit = kit();
        String wamid = "wamid.prop-" + UUID.randomUUID();
        UUID message = kit.sentMessage("+16505551234", wamid, null);
        for (Event e : stream) {
            kit.storeEvent(e.body(wamid));
        }
        new EventPoller(kit.db, 1, batchSize).processAvailable();

        Map<String, Object> row = kit.row("SELECT status, sent_at, delivered_at, read_at, failed_at, error_code FROM messages WHERE id = ?", message);
        assertThat(row).containsEntry("status", expectedStatus(stream))
                .containsEntry("sent_at", earliest(stream, Set.of("sent")))
                .containsEntry("delivered_at", earliest(stream, Set.of("delivered", "read")))
                .containsEntry("read_at", earliest(stream, Set.of("read")))
                .containsEntry("failed_at", earliest(stream, Set.of("failed")))
                .containsEntry("error_code", firstFailureCode(stream));
        Set<String> distinct = new TreeSet<>();
        stream.forEach(e -> distinct.add(e.status()));
        assertThat(kit.rows("SELECT status FROM message_statuses WHERE message_id = ?", message))
                .extracting(r -> (String) r.get("status")).containsExactlyInAnyOrderElementsOf(distinct);
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status <> 'processed'")).isZero();
    }

    private static String expectedStatus(List<Event> stream) {
        List<String> byRank = List.of("sent", "failed", "delivered", "read"); // the sender left it at sent
        return stream.stream().map(Event::status).max(Comparator.comparingInt(byRank::indexOf)).orElse("sent");
    }

    private static LocalDateTime earliest(List<Event> stream, Set<String> statuses) {
        return stream.stream().filter(e -> statuses.contains(e.status())).map(Event::at).min(Long::compare)
                .map(s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC)).orElse(null);
    }

    private static String firstFailureCode(List<Event> stream) {
        return stream.stream().filter(e -> e.code() != null)
                .min(Comparator.comparingLong(Event::at).thenComparing(e -> String.valueOf(e.code())))
                .map(e -> String.valueOf(e.code())).orElse(null);
    }
}
