package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.stats.DeliveryFunnel;
import io.switchboard.stats.StatsFolder;
import io.switchboard.stats.StatsRange;
import io.switchboard.stats.StatsReport;
import io.switchboard.stats.StatsService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The counters under the conditions that break naive ones: two pollers of two threads each applying
 * statuses at once while a folder moves deltas, and a poller's transaction killed halfway.
 */
class StatsCountersConcurrencyTest {
    private static final long T0 = 1_749_416_400L;
    private static final StatsRange RANGE = new StatsRange(LocalDate.of(2025, 1, 1), LocalDate.now().plusDays(2));
    private InboundKit kit;
    private StatsService stats;

    @BeforeEach
    void start() {
        kit = new InboundKit();
        stats = new StatsService(kit.db);
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void concurrentPollersAndAFolderCountEveryTransitionOnce() throws Exception {
        int outbound = 300;
        UUID first = kit.sentMessage("+16505550000", "wamid.out-0", null);
        kit.update("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, external_message_id, status)
                SELECT tenant_id, conversation_id, contact_id, 'outbound', 'text', 'hello', 'wamid.out-' || g, 'sent'
                FROM messages, generate_series(1, ?) g WHERE id = ?""", outbound, first);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(InboundMessages.text("1650555" + (1000 + i % 40), "Customer", "wamid.in-" + i, T0 + i, "message " + i));
        }
        for (int i = 1; i <= outbound; i++) {
            events.add(StatusWebhooks.status("wamid.out-" + i, "delivered", T0 + 1 + i % 7));
            events.add(StatusWebhooks.status("wamid.out-" + i, "delivered", T0 + 1 + i % 7));
            if (i % 3 > 0) {
                events.add(StatusWebhooks.status("wamid.out-" + i, "read", T0 + 40_000 + i));
            }
            if (i % 10 == 0) {
                events.add(StatusWebhooks.failed("wamid.out-" + i, T0, 131026, "Message undeliverable", "x"));
            }
        }
        Collections.shuffle(events, new Random(11));
        kit.storeEvents(events);
        StatsFolder folder = new StatsFolder(kit.db, Duration.ofMillis(50));
        EventPoller a = new EventPoller(kit.db, 2, 20).idleWait(Duration.ofMillis(20));
        EventPoller b = new EventPoller(kit.db, 2, 20).idleWait(Duration.ofMillis(20));
        folder.start();
        a.start();
        b.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        a.stop(Duration.ofSeconds(10));
        b.stop(Duration.ofSeconds(10));
        folder.stop();

        assertThat(a.handledEvents()).isPositive();
        assertThat(b.handledEvents()).isPositive();
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status <> 'processed'")).isZero();
        assertEqualsRecount(stats.report(kit.tenantId, RANGE));
        assertThat(stats.report(kit.tenantId, RANGE).delivery().delivered()).isEqualTo(outbound); // delivered beats the failures
        assertThat(stats.report(kit.tenantId, RANGE).inbound()).isEqualTo(400);
    }

    @Test
    void aPollerKilledMidBatchLeavesNoCountBehind() throws Exception {
        kit.sentMessage("+16505550000", "wamid.kill-1", null);
        StatsReport before = stats.report(kit.tenantId, RANGE);
        long deltasBefore = kit.count("SELECT COUNT(*) FROM stats_deltas");
        Connection victim = kit.db.dataSource().getConnection();
        try {
            victim.setAutoCommit(false);
            int pid;
            try (PreparedStatement ps = victim.prepareStatement("SELECT pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                pid = rs.getInt(1);
            }
            // What a poller's batch does: a status moves forward and a new message arrives; then the process dies.
            try (PreparedStatement ps = victim.prepareStatement(
                    "UPDATE messages SET status = 'read', delivered_at = NOW(), read_at = NOW() WHERE tenant_id = ?")) {
                ps.setObject(1, kit.tenantId);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = victim.prepareStatement("""
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status)
                    SELECT tenant_id, conversation_id, contact_id, 'inbound', 'text', 'late', 'delivered' FROM messages WHERE tenant_id = ?""")) {
                ps.setObject(1, kit.tenantId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = victim.prepareStatement("SELECT COUNT(*) FROM stats_deltas"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("the batch's own deltas").isGreaterThan(deltasBefore);
            }
            assertThat(kit.count("SELECT COUNT(*) FROM stats_deltas")).as("others do not see them").isEqualTo(deltasBefore);
            assertThat(kit.count("SELECT COUNT(*) FROM (SELECT pg_terminate_backend(?)) x", pid)).isEqualTo(1);
            assertThatThrownBy(victim::commit).isInstanceOf(SQLException.class);
        } finally {
            try {
                victim.close();
            } catch (SQLException ignored) {
                // the connection was killed on purpose
            }
        }
        new StatsFolder(kit.db, Duration.ofSeconds(1)).foldAll();

        StatsReport after = stats.report(kit.tenantId, RANGE);
        assertThat(after.delivery()).isEqualTo(before.delivery());
        assertThat(after.inbound()).isEqualTo(before.inbound());
        assertEqualsRecount(after);
        assertThat(after.delivery().sent()).isEqualTo(1);
        assertThat(after.delivery().read()).isZero();
    }

    private void assertEqualsRecount(StatsReport r) {
        UUID t = kit.tenantId;
        DeliveryFunnel d = r.delivery();
        assertThat(List.of(d.outbound(), d.sent(), d.delivered(), d.read(), d.failed(), r.inbound())).containsExactly(
                kit.count("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND direction = 'outbound'", t),
                kit.count("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND direction = 'outbound' AND status IN ('sent', 'delivered', 'read')"
                        + " OR tenant_id = ? AND direction = 'outbound' AND (sent_at IS NOT NULL OR delivered_at IS NOT NULL OR read_at IS NOT NULL)", t, t),
                kit.count("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND direction = 'outbound' AND (status IN ('delivered', 'read') OR delivered_at IS NOT NULL OR read_at IS NOT NULL)", t),
                kit.count("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND direction = 'outbound' AND (status = 'read' OR read_at IS NOT NULL)", t),
                kit.count("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND direction = 'outbound' AND status = 'failed'", t),
                kit.count("SELECT COUNT(*) FROM messages WHERE tenant_id = ? AND direction = 'inbound'", t));
    }
}
