package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.db.DataAccessException;
import io.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PollerConcurrencyTest {
    private static final long T0 = 1_749_416_400L;
    private InboundKit kit;

    @BeforeEach
    void start() {
        kit = new InboundKit();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    /** n outbound messages already handed to Meta (wamid.out-1 … wamid.out-n) in one conversation. */
    private void sentMessages(int n) {
        UUID first = kit.sentMessage("+16505550000", "wamid.out-0", null);
        kit.update("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, external_message_id, status)
                SELECT tenant_id, conversation_id, contact_id, 'outbound', 'text', 'hello', 'wamid.out-' || g, 'sent'
                FROM messages, generate_series(1, ?) g WHERE id = ?""", n, first);
    }

    @Test
    void twoPollersAtOnceHandleEachEventExactlyOnce() throws Exception {
        int contacts = 100;
        int inbound = 1500;
        int outbound = 500;
        sentMessages(outbound);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < inbound; i++) {
            int who = i % contacts;
            events.add(InboundMessages.text("1650555" + String.format("%04d", 1000 + who), "Customer " + who, "wamid.in-" + i, T0 + i, "message " + i));
        }
        for (int i = 1; i <= outbound; i++) {
            events.add(StatusWebhooks.status("wamid.out-" + i, "sent", T0));
            events.add(StatusWebhooks.status("wamid.out-" + i, "delivered", T0 + 1));
            events.add(StatusWebhooks.status("wamid.out-" + i, "read", T0 + 2));
        }
        Collections.shuffle(events, new Random(7));
        kit.storeEvents(events);

        EventPoller a = new EventPoller(kit.db, 2, 50).idleWait(Duration.ofMillis(20));
        EventPoller b = new EventPoller(kit.db, 2, 50).idleWait(Duration.ofMillis(20));
        a.start();
        b.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        a.stop(Duration.ofSeconds(10));
        b.stop(Duration.ofSeconds(10));

        assertThat(a.handledEvents() + b.handledEvents()).isEqualTo(events.size());
        assertThat(a.handledEvents()).isPositive();
        assertThat(b.handledEvents()).isPositive();
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'processed' AND attempts = 1")).isEqualTo(events.size());
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'")).isEqualTo(inbound);
        assertThat(kit.count("SELECT COUNT(DISTINCT external_message_id) FROM messages WHERE direction = 'inbound'")).isEqualTo(inbound);
        assertThat(kit.count("SELECT COUNT(*) FROM contacts WHERE name LIKE 'Customer %'")).isEqualTo(contacts);
        assertThat(kit.count("SELECT COUNT(*) FROM conversations")).isEqualTo(contacts + 1);
        assertThat(kit.count("SELECT COUNT(*) FROM message_statuses")).isEqualTo(3L * outbound);
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE direction = 'outbound' AND status = 'read' AND delivered_at IS NOT NULL"))
                .isEqualTo(outbound);
    }

    @Test
    void aWorkerKilledMidBatchLeavesItsEventsForARestartedPoller() throws Exception {
        kit.sentMessage("+16505551234", "wamid.blocked", null);
        kit.storeEvents(List.of(
                InboundKit.fixture("text.json"),
                StatusWebhooks.status("wamid.blocked", "read", T0),
                InboundKit.fixture("image.json")));
        String url = kit.db.target().jdbcUrl();
        try (Connection blocker = DriverManager.getConnection(url, "postgres", "");
             Connection observer = DriverManager.getConnection(url, "postgres", "")) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                // row locks are skipped by the poller, so hold the table: its FOR UPDATE must wait
                s.execute("LOCK TABLE messages IN EXCLUSIVE MODE");
            }
            EventPoller doomed = new EventPoller(kit.db, 1, 10);
            CompletableFuture<Integer> batch = CompletableFuture.supplyAsync(doomed::processBatch);
            int pid = waitForBackendBlockedOnALock(observer); // autocommit: a fresh pg_stat_activity each time
            try (Statement s = observer.createStatement()) {
                s.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            assertThatThrownBy(() -> batch.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DataAccessException.class);
            assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed' AND attempts = 0 AND tenant_id IS NULL")).isEqualTo(3);
            assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'")).isZero();
            blocker.rollback();
        }
        EventPoller restarted = new EventPoller(kit.db, 1, 10);
        assertThat(restarted.processAvailable()).isEqualTo(3);
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'processed'")).isEqualTo(3);
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'")).isEqualTo(2);
        assertThat(kit.row("SELECT status FROM messages WHERE external_message_id = 'wamid.blocked'")).containsEntry("status", "read");
    }

    @Test
    void anEventWhoseMessageAnotherTransactionHoldsIsLeftUntouchedForTheNextClaim() throws Exception {
        kit.sentMessage("+16505551234", "wamid.busy", null);
        kit.storeEvents(List.of(StatusWebhooks.status("wamid.busy", "delivered", T0), InboundKit.fixture("text.json")));
        try (Connection sender = DriverManager.getConnection(kit.db.target().jdbcUrl(), "postgres", "")) {
            sender.setAutoCommit(false);
            try (Statement s = sender.createStatement()) {
                s.executeQuery("SELECT id FROM messages WHERE external_message_id = 'wamid.busy' FOR UPDATE").close();
            }
            EventPoller poller = new EventPoller(kit.db, 1, 10);
            assertThat(poller.processAvailable()).isEqualTo(1); // the inbound text; the status waits without blocking
            assertThat(kit.row("SELECT status, attempts, processing_error FROM webhook_events WHERE payload::text LIKE '%wamid.busy%'"))
                    .containsEntry("status", "unprocessed").containsEntry("attempts", 0).containsEntry("processing_error", null);
            sender.rollback();
        }
        assertThat(new EventPoller(kit.db, 1, 10).processAvailable()).isEqualTo(1);
        assertThat(kit.row("SELECT status FROM messages WHERE external_message_id = 'wamid.busy'")).containsEntry("status", "delivered");
    }

    private static int waitForBackendBlockedOnALock(Connection observer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (PreparedStatement ps = observer.prepareStatement("""
                    SELECT pid FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF m%'""");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getInt(1);
                }
            }
            Thread.sleep(20);
        }
        StringBuilder seen = new StringBuilder();
        try (Statement s = observer.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid, state, wait_event_type, wait_event, left(query, 300) FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rs.next()) {
                seen.append(rs.getInt(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3)).append(' ')
                        .append(rs.getString(4)).append(' ').append(rs.getString(5)).append('\n');
            }
        }
        throw new AssertionError("the poller never blocked on the locked message; sessions:\n" + seen);
    }

    static {
        TestDatabase.server(); // one embedded server per JVM
    }
}
