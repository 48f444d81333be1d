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
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboundFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciling templates with Meta against the sandbox over real HTTP: template messages go out through the sender, their
 * statuses come back through the receiver and the poller, and the sandbox answers template_analytics (paged, at most ten
 * ids a request) from what it accepted, delivered and saw read. Both sides agree per template and day; then another app
 * sends the template and the poller stops, and each difference is flagged with its reason.
 */
class TemplateReconciliationTest {
    private static final String BODY = "[{\"type\":\"BODY\",\"text\":\"Your order has shipped\"}]";
    private final OutboundFixture f = new OutboundFixture(SandboxOptions.fast(), null, 1_000);
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private WebhookReceiver receiver;
    private EventPoller poller;
    private String orderId;
    private String saleId;

    @BeforeEach
    void setUp() {
        receiver = new WebhookReceiver(f.db, new AccountCache(new WhatsAppAccountService(f.db, f.secrets)), 0);
        poller = new EventPoller(f.db, 1, 50).idleWait(Duration.ofMillis(20));
        receiver.onStored(poller::wake);
        receiver.start();
        poller.start();
        f.sandbox.register(new SandboxNumber(OutboundFixture.PHONE_NUMBER_ID, "+15550109999", "Test Shop", "waba-1", f.accessToken, f.appSecret,
                URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH)));
        orderId = f.sandbox.addTemplate("waba-1", "order_update", "en_US", "UTILITY", "APPROVED", BODY);
        saleId = f.sandbox.addTemplate("waba-1", "spring_sale", "en_US", "MARKETING", "APPROVED", BODY);
        f.execute("INSERT INTO templates (tenant_id, name, language, body, status, meta_template_id) VALUES (?, 'order_update', 'en_US', 'x', 'approved', ?),"
                + " (?, 'spring_sale', 'en_US', 'x', 'approved', ?)", f.tenantId, orderId, f.tenantId, saleId);
        f.sandbox.registerTemplate(OutboundFixture.PHONE_NUMBER_ID, "legacy_notice", "en_US", 0, 0); // Meta knows it; we never synced its id
    }

    @AfterEach
    void tearDown() {
        poller.stop(Duration.ofSeconds(2));
        receiver.stop(Duration.ofSeconds(1));
        f.close();
    }

    private TemplateReconciliation reconciliation() {
        return new TemplateReconciliation(io.switchboard.db.ReadRouting.primaryOnly(f.db), new WhatsAppAccountService(f.db, f.secrets),
                new MetaTemplateAnalytics(new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5))), Clock.systemUTC());
    }

    private void sendTemplate(String e164, String name) {
        f.contactWhoWrote(e164, 5);
        f.queue(e164, OutboundContent.template(name, "en_US", List.of(), List.of(), "Your order has shipped"));
    }

    private static TemplateReconcileRow todayRow(TemplateReconcileReport report, String name, LocalDate day) {
        return report.rows().stream().filter(r -> r.name().equals(name) && r.day().equals(day)).findFirst().orElseThrow();
    }

    @Test
    void ourTemplateCountsEqualTheSandboxsAndEachDifferenceIsFlaggedWithItsReason() throws Exception {
        for (int i = 1; i <= 3; i++) {
            sendTemplate("+4915112345" + (700 + i), "order_update");
        }
        sendTemplate("+4915112345801", "spring_sale");
        sendTemplate("+4915112345802", "spring_sale");
        sendTemplate("+4915112345803", "legacy_notice");
        f.sender().processBatch();

        // Twenty UTC days of two templates are 40 data points: more than Meta's page of 30, so the answer comes in two pages.
        TemplateReconcileReport report = until(() -> reconciliation().reconcile(f.tenantId, today.minusDays(19), today),
                r -> r.rows().stream().allMatch(TemplateReconcileRow::agrees) && todayRow(r, "order_update", today).metaSent() == 3
                        && f.count("SELECT COUNT(*) FROM webhook_events WHERE status <> 'processed'") == 0);
        assertThat(report.rows()).hasSize(40).allSatisfy(r -> assertThat(r.flagged()).isFalse());
        assertThat(report.method()).isEqualTo("counters");
        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p).contains("legacy_notice (en_US)").contains("no Meta template id"));
        TemplateReconcileRow order = todayRow(report, "order_update", today);
        assertThat(order.templateId()).isEqualTo(orderId);
        assertThat(order.ourSent()).isEqualTo(3);
        assertThat(order.ourDelivered()).as("every delivery the sandbox counted, we counted").isEqualTo(order.metaDelivered());
        assertThat(order.ourRead()).isEqualTo(order.metaRead());
        assertThat(todayRow(report, "spring_sale", today).metaSent()).isEqualTo(2);
        assertThat(report.table().csv()).contains(today + ",order_update,en_US," + orderId + ",3,3,0,");

        // A half-hour zone does not fit UTC days by the hour: ours are recounted from the messages, and still agree.
        new StatsService(f.db).setTimeZone(f.tenantId, "Asia/Kolkata");
        TemplateReconcileReport kolkata = reconciliation().reconcile(f.tenantId, today.minusDays(1), today);
        assertThat(kolkata.method()).isEqualTo("recount");
        assertThat(kolkata.rows()).allSatisfy(r -> assertThat(r.agrees()).isTrue());

        // Another app sends the template from the same WABA: Meta counts it, Switchboard never stored it.
        CloudApiResponse answer = new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5)).sendMessage(f.sandbox.baseUrl(),
                OutboundFixture.PHONE_NUMBER_ID, f.accessToken, ("{\"messaging_product\":\"whatsapp\",\"to\":\"+4915112345799\",\"type\":\"template\","
                        + "\"template\":{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"}}}").getBytes(StandardCharsets.UTF_8)).get();
        assertThat(answer).isInstanceOf(CloudApiResponse.Accepted.class);
        TemplateReconcileRow stranger = todayRow(reconciliation().reconcile(f.tenantId, today, today), "order_update", today);
        assertThat(stranger.ourSent()).isEqualTo(3);
        assertThat(stranger.metaSent()).isEqualTo(4);
        assertThat(stranger.flagged()).as("1 of 4 is 25 %, far beyond 1 %").isTrue();
        assertThat(stranger.reason()).contains("no record of").contains("another app");
        assertThat(todayRow(reconciliation().reconcile(f.tenantId, today, today), "spring_sale", today).agrees()).isTrue();

        // The poller stops: the next spring_sale's statuses are stored, not applied, so Meta is ahead on what followed the send.
        poller.stop(Duration.ofSeconds(2));
        sendTemplate("+4915112345804", "spring_sale");
        f.sender().processBatch();
        TemplateReconcileRow behind = until(() -> todayRow(reconciliation().reconcile(f.tenantId, today, today), "spring_sale", today),
                r -> r.metaSent() == 3 && r.metaDelivered() > r.ourDelivered()); // this recipient's phone is reachable: Meta delivers
        assertThat(behind.ourSent()).as("the sender recorded the acceptance itself").isEqualTo(3);
        assertThat(behind.reason()).contains("stored but not processed yet");
    }

    @Test
    void badRangesAndMetasRefusalsAreSaidPlainly() {
        TemplateReconciliation r = reconciliation();
        assertThatThrownBy(() -> r.reconcile(f.tenantId, today, today.minusDays(1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> r.reconcile(f.tenantId, today.minusDays(90), today))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("at most 90 days"));

        // Meta's own rules, as the sandbox enforces them: DAILY only, at most ten ids, ids of this WABA.
        CloudApiClient client = new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5));
        long start = today.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        String base = "waba-1/template_analytics?start=" + start + "&end=" + (start + 86_400);
        assertThat(client.call("GET", f.sandbox.baseUrl(), base + "&granularity=HALF_HOUR&template_ids=%5B" + orderId + "%5D", f.accessToken, null).problem())
                .contains("HTTP 400").contains("DAILY");
        assertThat(client.call("GET", f.sandbox.baseUrl(), base + "&granularity=DAILY&template_ids=%5B1,2,3,4,5,6,7,8,9,10,11%5D", f.accessToken, null).problem())
                .contains("at most 10");
        assertThat(client.call("GET", f.sandbox.baseUrl(), base + "&granularity=DAILY&template_ids=%5B999%5D", f.accessToken, null).problem())
                .contains("999 is not a template");
        assertThat(client.call("GET", f.sandbox.baseUrl(), base + "&granularity=DAILY&template_ids=%5B" + orderId + "%5D", f.accessToken, null).body()
                .path("data").get(0).path("data_points").get(0).path("template_id").asText()).isEqualTo(orderId);

        f.execute("UPDATE whatsapp_accounts SET access_token_enc = ?", f.secrets.encrypt("EAAwrong-token-0000"));
        TemplateReconcileReport report = r.reconcile(f.tenantId, today, today);
        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("WABA waba-1: ").contains("HTTP 401").contains("190"));
        assertThat(report.agrees()).isFalse();
    }

    /** Polls {@code read} until {@code done} holds (the sandbox's statuses arrive over a few hundred milliseconds). */
    private static <T> T until(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T value = read.get();
        while (!done.test(value)) {
            assertThat(System.nanoTime()).as("waited 20 s; last: %s", value).isLessThan(deadline);
            Thread.sleep(100);
            value = read.get();
        }
        return value;
    }
}
