package io.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.CloudApiResponse;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.common.ValidationException;
import io.switchboard.delivery.OutboundFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciling with Meta against the sandbox over real HTTP: messages go out through the sender, the sandbox's statuses come
 * back through the receiver and the poller, and the sandbox answers analytics from what it accepted and delivered. The two
 * agree to the message in any time zone; then another app sends from the number and the poller stops, and each difference
 * is flagged with its reason.
 */
class MetaReconciliationTest {
    private final OutboundFixture f = new OutboundFixture(SandboxOptions.fast(), null, 1_000);
    private WebhookReceiver receiver;
    private EventPoller poller;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver(f.db, new AccountCache(new WhatsAppAccountService(f.db, f.secrets)), 0);
        poller = new EventPoller(f.db, 1, 50).idleWait(Duration.ofMillis(20));
        receiver.onStored(poller::wake);
        receiver.start();
        poller.start();
        f.sandbox.register(new SandboxNumber(OutboundFixture.PHONE_NUMBER_ID, "+15550109999", "Test Shop", "waba-1", f.accessToken, f.appSecret,
                URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH)));
    }

    @AfterEach
    void tearDown() {
        poller.stop(Duration.ofSeconds(2));
        receiver.stop(Duration.ofSeconds(1));
        f.close();
    }

    private MetaReconciliation reconciliation() {
        return new MetaReconciliation(io.switchboard.db.ReadRouting.primaryOnly(f.db), new WhatsAppAccountService(f.db, f.secrets),
                new MetaAnalytics(new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5))), Clock.systemUTC());
    }

    private ReconcileRow todayRow(ReconcileReport report) {
        return report.rows().stream().filter(r -> r.day().equals(today)).findFirst().orElseThrow();
    }

    @Test
    void ourCountsEqualTheSandboxsInEveryZoneAndEachDifferenceIsFlaggedWithItsReason() throws Exception {
        for (int i = 1; i <= 3; i++) {
            f.queueText("+4915112345" + (600 + i), "hello " + i);
        }
        f.queueText("+4915112340000", "to a number WhatsApp cannot reach"); // accepted, then failed with 131026
        f.sender().processBatch();
        await(() -> f.count("SELECT COUNT(*) FROM messages WHERE status = 'read'") == 3
                && f.count("SELECT COUNT(*) FROM messages WHERE status = 'failed'") == 1
                && f.count("SELECT COUNT(*) FROM webhook_events WHERE status <> 'processed'") == 0);

        ReconcileReport report = reconciliation().reconcile(f.tenantId, today.minusDays(2), today);
        assertThat(report.problems()).isEmpty();
        assertThat(report.method()).isEqualTo("counters");
        assertThat(report.rows()).hasSize(3).allSatisfy(r -> assertThat(r.agrees()).isTrue());
        ReconcileRow row = todayRow(report);
        assertThat(row.metaSent()).as("Meta counts the accepted send that later failed as sent, as we do").isEqualTo(4);
        assertThat(row.metaDelivered()).isEqualTo(3);
        assertThat(row.flagged()).isFalse();
        assertThat(row.reason()).isNull();
        // the CSV guard keeps a leading + from becoming a formula
        assertThat(report.table().csv()).contains(today + ",'+15550109999,4,4,0,3,3,0,,");

        // A zone with whole-hour offsets still reads the counters; one with a half-hour offset recounts; both agree.
        new StatsService(f.db).setTimeZone(f.tenantId, "America/Sao_Paulo");
        ReconcileReport saoPaulo = reconciliation().reconcile(f.tenantId, today.minusDays(2), today);
        assertThat(saoPaulo.method()).isEqualTo("counters");
        assertThat(saoPaulo.agrees()).isTrue();
        new StatsService(f.db).setTimeZone(f.tenantId, "Asia/Kolkata");
        ReconcileReport kolkata = reconciliation().reconcile(f.tenantId, today.minusDays(2), today);
        assertThat(kolkata.method()).isEqualTo("recount");
        assertThat(kolkata.agrees()).isTrue();
        assertThat(todayRow(kolkata).ourSent()).isEqualTo(4);

        // Another app sends from the same number: Meta counts it, Switchboard never stored it.
        CloudApiResponse answer = new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5)).sendMessage(f.sandbox.baseUrl(),
                OutboundFixture.PHONE_NUMBER_ID, f.accessToken,
                "{\"messaging_product\":\"whatsapp\",\"to\":\"+4915112345699\",\"type\":\"text\",\"text\":{\"body\":\"from elsewhere\"}}"
                        .getBytes(StandardCharsets.UTF_8)).get();
        assertThat(answer).isInstanceOf(CloudApiResponse.Accepted.class);
        await(() -> f.count("SELECT COUNT(*) FROM webhook_events WHERE processing_error LIKE 'waiting for message%'") == 3);
        ReconcileRow stranger = todayRow(reconciliation().reconcile(f.tenantId, today.minusDays(2), today));
        assertThat(stranger.ourSent()).isEqualTo(4);
        assertThat(stranger.metaSent()).isEqualTo(5);
        assertThat(stranger.metaDelivered()).isEqualTo(4);
        assertThat(stranger.flagged()).as("1 of 5 is 20 %, far beyond 1 %").isTrue();
        assertThat(stranger.reason()).contains("3 status webhooks").contains("never sent").contains("another app");

        // The poller stops: the next message's statuses are stored, not applied, so Meta is ahead on delivered.
        poller.stop(Duration.ofSeconds(2));
        f.queueText("+4915112345604", "while the poller is down");
        f.sender().processBatch();
        await(() -> f.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed' AND processing_error IS NULL") == 3);
        ReconcileRow behind = todayRow(reconciliation().reconcile(f.tenantId, today.minusDays(2), today));
        assertThat(behind.ourSent()).as("the sender recorded the acceptance itself").isEqualTo(5);
        assertThat(behind.metaSent()).isEqualTo(6);
        assertThat(behind.ourDelivered()).isEqualTo(3);
        assertThat(behind.metaDelivered()).isEqualTo(5);
        assertThat(behind.reason()).contains("3 status webhooks from Meta are stored but not processed yet (1 delivered, 1 read, 1 sent)")
                .contains("never sent");
    }

    @Test
    void badRangesAndAWrongTokenAreSaidPlainly() {
        MetaReconciliation r = reconciliation();
        assertThatThrownBy(() -> r.reconcile(f.tenantId, today, today.minusDays(1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> r.reconcile(f.tenantId, today.minusDays(200), today))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("at most 92 days"));
        f.execute("UPDATE whatsapp_accounts SET access_token_enc = ?", f.secrets.encrypt("EAAwrong-token-0000"));

        ReconcileReport report = r.reconcile(f.tenantId, today, today);

        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("+15550109999: ").contains("HTTP 401").contains("190"));
        assertThat(report.rows()).isEmpty();
        assertThat(report.agrees()).isFalse();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
