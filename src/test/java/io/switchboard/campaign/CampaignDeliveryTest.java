package io.switchboard.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.sandbox.SimulatedFailure;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.delivery.OutboxSender;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Campaigns through the real outbox sender to the sandbox over HTTP, their statuses back through the real event
 * poller: the funnel against a recount from message_statuses, auto-pause by code and by failure ratio.
 */
class CampaignDeliveryTest {
    private final CampaignKit kit = new CampaignKit();
    private final CampaignWorker worker = new CampaignWorker(kit.db);
    private OutboxSender sender;

    @AfterEach
    void close() {
        if (sender != null) {
            sender.stop();
        }
        kit.close();
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            worker.tick();
            Thread.sleep(20);
        }
    }

    private CampaignStatus status(UUID id) {
        return kit.campaigns.get(kit.tenant, id).orElseThrow().status();
    }

    @Test
    void everyRecipientGetsOneMessageAndTheFunnelEqualsARecountUnderShuffledDuplicatedStatuses() throws Exception {
        kit.contacts(1, 200, "Lisbon");
        UUID id = kit.createAll("Funnel").id();
        kit.campaigns.start(kit.tenant, id);
        sender = kit.fx.sender();
        sender.start();
        await(() -> status(id) == CampaignStatus.COMPLETED, "the campaign completed");
        Map<String, Long> perPhone = kit.fx.sandbox.requests().stream().collect(Collectors.groupingBy(r -> r.body().path("to").asText(), Collectors.counting()));
        assertThat(perPhone).hasSize(200);
        assertThat(perPhone.values()).containsOnly(1L);
        assertThat(kit.fx.sandbox.requests().get(0).body().path("template").path("name").asText()).isEqualTo(CampaignKit.TEMPLATE);

        // Statuses: by phone number n, n%10 = 0 fails 131026, 1 is held back by Meta (131049), 2-5 delivered, 6-9 read.
        long t0 = Instant.now().getEpochSecond();
        List<String> events = new ArrayList<>();
        for (Map<String, Object> m : rows("SELECT m.external_message_id AS wamid, substr(c.phone, 9)::int AS n FROM messages m JOIN contacts c ON c.id = m.contact_id"
                + " WHERE m.campaign_id = '" + id + "'")) {
            String wamid = (String) m.get("wamid");
            int n = (Integer) m.get("n");
            switch (n % 10) {
                case 0 -> events.add(status(wamid, "failed", t0 + 5, 131026, "Message undeliverable"));
                case 1 -> events.add(status(wamid, "failed", t0 + 5, 131049, "This message was not delivered to maintain healthy ecosystem engagement."));
                case 2, 3, 4, 5 -> events.add(status(wamid, "delivered", t0 + 10, null, null));
                default -> {
                    events.add(status(wamid, "delivered", t0 + 10, null, null));
                    events.add(status(wamid, "read", t0 + 20, null, null));
                }
            }
        }
        Random random = new Random(42);
        List<String> shuffled = new ArrayList<>(events);
        for (String e : events) {
            if (random.nextInt(3) == 0) {
                shuffled.add(e); // Meta delivers some webhooks twice
            }
        }
        Collections.shuffle(shuffled, random);
        postAndProcess(shuffled);
        // Replies: n = 2 an hour after delivery, n = 3 after four days (too late), n = 10 (failed) replies anyway.
        reply(2, t0 + 10 + 3600);
        reply(3, t0 + 10 + 4 * 86400);
        reply(10, t0 + 3600);

        Funnel f = kit.funnel.funnel(kit.tenant, id);
        assertThat(f.count(FunnelBucket.RECIPIENTS)).isEqualTo(200);
        assertThat(f.count(FunnelBucket.SENT)).isEqualTo(200);
        assertThat(f.count(FunnelBucket.DELIVERED)).isEqualTo(160);
        assertThat(f.count(FunnelBucket.READ)).isEqualTo(80);
        assertThat(f.count(FunnelBucket.UNREAD)).isEqualTo(80);
        assertThat(f.count(FunnelBucket.FAILED)).isEqualTo(20);
        assertThat(f.count(FunnelBucket.LIMITED)).isEqualTo(20);
        assertThat(f.count(FunnelBucket.REPLIED)).isEqualTo(1);
        assertThat(f.count(FunnelBucket.NOT_REPLIED)).isEqualTo(159);
        assertThat(f.failures()).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo("131026");
            assertThat(x.count()).isEqualTo(20);
            assertThat(x.title()).isEqualTo("Message undeliverable");
            assertThat(x.reason()).contains("could not deliver");
        });
        assertThat(f.deliveryRate()).isEqualTo(0.8);
        assertThat(f.readRate()).isEqualTo(0.5);

        // The recount, from the status history alone.
        String recount = """
                SELECT COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM message_statuses s WHERE s.message_id = m.id AND s.status = 'sent')) AS sent,
                       COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM message_statuses s WHERE s.message_id = m.id AND s.status IN ('delivered', 'read'))) AS delivered,
                       COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM message_statuses s WHERE s.message_id = m.id AND s.status = 'read')) AS read,
                       COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM message_statuses s WHERE s.message_id = m.id AND s.status = 'failed' AND s.error_code = '131026')) AS failed,
                       COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM message_statuses s WHERE s.message_id = m.id AND s.status = 'failed' AND s.error_code = '131049')) AS limited
                FROM messages m WHERE m.campaign_id = '%s'""".formatted(id);
        Map<String, Object> r = rows(recount).get(0);
        assertThat(List.of(f.count(FunnelBucket.SENT), f.count(FunnelBucket.DELIVERED), f.count(FunnelBucket.READ), f.count(FunnelBucket.FAILED),
                f.count(FunnelBucket.LIMITED))).containsExactlyElementsOf(r.values().stream().map(v -> ((Number) v).intValue()).toList());

        // The guide's counters follow (the worker recounts them).
        new CampaignCounters(kit.db).refreshActive(Duration.ofDays(1));
        CampaignSummary s = kit.campaigns.get(kit.tenant, id).orElseThrow();
        assertThat(List.of(s.sent(), s.delivered(), s.read(), s.failed(), s.limited())).containsExactly(200, 160, 80, 20, 20);

        // Drill-down and export: failed 131026 are the phones ending in 0.
        assertThat(kit.funnel.contacts(kit.tenant, id, FunnelBucket.FAILED, "131026", 100)).hasSize(20)
                .allSatisfy(c -> assertThat(c.phone()).endsWith("0"));
        StringWriter csv = new StringWriter();
        assertThat(kit.funnel.exportCsv(kit.tenant, id, FunnelBucket.REPLIED, null, csv)).isEqualTo(1);
        assertThat(csv.toString()).startsWith("phone,name,state,message_status,error_code,error,queued_at\n+12025550002,Customer 2,queued,delivered,,,");
        assertThat(kit.campaigns.retarget(kit.tenant, id, FunnelBucket.UNREAD).recipients()).isEqualTo(80);
    }

    @Test
    void metasStopCodePausesWithTheReasonAndResumingFinishesWithoutDoubles() throws Exception {
        kit.exec("UPDATE whatsapp_accounts SET send_rate_per_second = 20");
        kit.contacts(1, 60, "Lisbon");
        UUID id = kit.createAll("Spam brake").id();
        kit.fx.sandbox.failNext(SimulatedFailure.metaError(400, 131048, "Spam rate limit hit"));
        kit.campaigns.start(kit.tenant, id);
        sender = kit.fx.sender();
        sender.start();
        await(() -> status(id) == CampaignStatus.PAUSED, "the campaign paused itself");
        CampaignSummary paused = kit.campaigns.get(kit.tenant, id).orElseThrow();
        assertThat(paused.pauseReason()).startsWith("Meta answered 131048 (Spam rate limit hit)");
        kit.campaigns.resume(kit.tenant, id);
        await(() -> status(id) == CampaignStatus.COMPLETED, "the campaign completed after resuming");
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", id)).isEqualTo(60);
        Map<String, Long> perPhone = kit.fx.sandbox.requests().stream().filter(q -> q.body().has("to"))
                .collect(Collectors.groupingBy(q -> q.body().path("to").asText(), Collectors.counting()));
        assertThat(perPhone).hasSize(60);
        assertThat(kit.fx.sandbox.acceptedCount()).isEqualTo(59);
    }

    @Test
    void tooManyRecentFailuresPauseButMetasMarketingLimitDoesNot() throws Exception {
        kit.contacts(1, 40, "Lisbon");
        UUID id = kit.createAll("Ratio").id();
        kit.exec("UPDATE campaigns SET failure_window = 10, failure_threshold = 0.2 WHERE id = ?", id);
        kit.campaigns.start(kit.tenant, id);
        worker.tick();
        // 131049 everywhere: limited by Meta, not failures.
        kit.exec("UPDATE messages SET status = 'failed', failed_at = NOW(), error_code = '131049' WHERE campaign_id = ? AND contact_id IN "
                + "(SELECT contact_id FROM campaign_recipients WHERE campaign_id = ? AND seq <= 20)", id, id);
        worker.tick();
        assertThat(status(id)).isEqualTo(CampaignStatus.RUNNING);
        // Three undeliverable among the last ten answers: more than 20 %.
        kit.exec("UPDATE messages SET status = 'sent', sent_at = NOW() WHERE campaign_id = ? AND status = 'queued'", id);
        kit.exec("UPDATE messages SET status = 'failed', failed_at = NOW(), error_code = '131026' WHERE campaign_id = ? AND contact_id IN "
                + "(SELECT contact_id FROM campaign_recipients WHERE campaign_id = ? AND seq IN (38, 39, 40))", id, id);
        worker.tick();
        assertThat(status(id)).isEqualTo(CampaignStatus.PAUSED);
        assertThat(kit.campaigns.get(kit.tenant, id).orElseThrow().pauseReason()).startsWith("3 of the last 10 answers were failures");
        // Resuming starts a fresh window: the same old failures do not pause it again.
        kit.campaigns.resume(kit.tenant, id);
        worker.tick();
        assertThat(status(id)).isEqualTo(CampaignStatus.COMPLETED);
    }

    private void reply(int n, long epochSeconds) {
        kit.exec("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at)
                SELECT m.tenant_id, m.conversation_id, m.contact_id, 'inbound', 'text', 'thanks!', 'delivered', to_timestamp(?) AT TIME ZONE 'UTC'
                FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE m.campaign_id IS NOT NULL AND c.phone = ?""",
                epochSeconds, "+1202555" + String.format("%04d", n));
    }

    private void postAndProcess(List<String> bodies) throws InterruptedException {
        for (String body : bodies) {
            kit.exec("INSERT INTO webhook_events (event_type, payload, status, created_at) VALUES ('whatsapp', ?::jsonb, 'unprocessed', clock_timestamp())", body);
        }
        EventPoller poller = new EventPoller(kit.db, 2, 50);
        poller.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'") > 0) {
                assertThat(System.nanoTime()).as("the poller applied every status").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            poller.stop();
        }
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'failed'")).isZero();
    }

    private static String status(String wamid, String status, long epochSeconds, Integer code, String title) {
        String errors = code == null ? "" : """
                ,"errors":[{"code":%d,"title":"%s","message":"%s","error_data":{"details":"%s"}}]""".formatted(code, title, title, title);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"waba-1","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550109999","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"12025550000"%s}]},"field":"messages"}]}]}"""
                .formatted(OutboundFixture.PHONE_NUMBER_ID, wamid, status, epochSeconds, errors);
    }

    private List<Map<String, Object>> rows(String sql) {
        return kit.db.inJdbcTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
                var md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }
}
