package io.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.delivery.OutboxSender;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inbound messages through the real pipeline (webhook row → poller → messages trigger) into runs and sends. */
class WebhookTriggerTest {
    private final AutomationKit k = new AutomationKit();

    @AfterEach
    void close() {
        k.close();
    }

    @Test
    void aKeywordRuleAnswersOnceEvenWhenMetaDeliversTheWebhookTwice() {
        UUID id = k.create("""
                {"name": "Prices", "trigger_type": "webhook",
                 "trigger_config": {"event": "message_received", "conditions": {"keywords": ["precio", "hola"]}},
                 "action_type": "send_message", "action_config": {"text": "Hi {{contact.name}}, you said {{message.text}}"}}""");
        String body = AutomationKit.inbound("5511987654321", "Ana", "wamid.DUP1", Instant.now().getEpochSecond(), " Hóla ");
        k.storeWebhook(body);
        k.storeWebhook(body); // Meta retries the same webhook
        k.customerWrites("5511987654321", "Ana", "something else", Instant.now());
        k.work();
        k.work();

        List<Map<String, Object>> runs = k.rows("SELECT status, result FROM automation_runs WHERE automation_id = ?", id);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("status")).isEqualTo("succeeded");
        Map<String, Object> sent = k.row("SELECT content, automation_id FROM messages WHERE direction = 'outbound'");
        assertThat(sent.get("content")).isEqualTo("Hi Ana, you said  Hóla ");
        assertThat(sent.get("automation_id")).isEqualTo(id);

        OutboxSender sender = k.f.sender();
        sender.processBatch();
        assertThat(k.f.sandbox.requests()).hasSize(1);
        assertThat(k.f.sandbox.requests().get(0).body().path("to").asText()).isEqualTo("5511987654321");
        assertThat(k.f.sandbox.requests().get(0).body().path("text").path("body").asText()).isEqualTo("Hi Ana, you said  Hóla ");
        k.assertCountersMatchRunLog();
        assertThat(k.service.get(k.tenant, id).orElseThrow().executionCount()).isEqualTo(1);
    }

    @Test
    void firstMessageOfANewConversationGreetsOnlyTheFirstTime() {
        UUID id = k.create(Recipes.greeting("Welcome {{contact.name}}!").toJson().toString());
        k.customerWrites("5511900000001", "Bia", "oi", Instant.now().minusSeconds(5));
        k.customerWrites("5511900000001", "Bia", "are you there?", Instant.now());
        k.work();
        assertThat(k.count("SELECT COUNT(*) FROM automation_runs WHERE automation_id = ? AND status = 'succeeded'", id)).isEqualTo(1);
        assertThat(k.row("SELECT content FROM messages WHERE direction = 'outbound'").get("content")).isEqualTo("Welcome Bia!");
    }

    @Test
    void awayMessageAnswersAtNightOncePerConversationPerDayAndNotInBusinessHours() {
        ZoneId zone = ZoneId.of("America/Sao_Paulo");
        k.execute("UPDATE tenants SET time_zone = 'America/Sao_Paulo' WHERE id = ?", k.tenant);
        new BusinessHoursService(k.db).set(k.tenant, AutomationDraft.JSON.valueToTree(Map.of("days", Map.of(
                "mon", List.of(List.of("09:00", "18:00")), "tue", List.of(List.of("09:00", "18:00")), "wed", List.of(List.of("09:00", "18:00")),
                "thu", List.of(List.of("09:00", "18:00")), "fri", List.of(List.of("09:00", "18:00"))))));
        UUID away = k.create(Recipes.away("We are closed; we answer from 9 to 18.").toJson().toString());
        // the last Tuesday before today, at 23:10 and 23:40 local time (inside the 24-hour window? only if recent: use now-based days)
        LocalDate tuesday = LocalDate.now(zone).with(TemporalAdjusters.previous(DayOfWeek.TUESDAY));
        Instant night1 = tuesday.atTime(23, 10).atZone(zone).toInstant();
        Instant night2 = tuesday.atTime(23, 40).atZone(zone).toInstant();
        Instant office = tuesday.atTime(10, 0).atZone(zone).toInstant();
        k.customerWrites("5511900000002", "Caio", "hello?", office);
        k.customerWrites("5511900000002", "Caio", "hello??", night1);
        k.customerWrites("5511900000002", "Caio", "anyone?", night2);
        k.work();
        List<Map<String, Object>> runs = k.rows("SELECT trigger_key, status, error FROM automation_runs WHERE automation_id = ?", away);
        assertThat(runs).as("one away run for the night's two messages, none for the office-hours one").hasSize(1);
        assertThat((String) runs.get(0).get("trigger_key")).endsWith(":" + tuesday);
        k.assertCountersMatchRunLog();
    }

    @Test
    void stopOptsTheContactOutAndConfirms() {
        k.create(Recipes.stopOptOut("You will get no more messages. Send START to come back.").toJson().toString());
        k.customerWrites("5511900000003", "Duda", "Stop", Instant.now());
        k.customerWrites("5511900000004", "Edu", "stopping by later", Instant.now());
        k.work();
        Map<String, Object> duda = k.row("SELECT opted_out_at IS NOT NULL AS out, opt_out_source FROM contacts WHERE phone = '+5511900000003'");
        assertThat(duda.get("out")).isEqualTo(true);
        // the built-in keyword rule (V13) opts her out as the message is stored; the recipe keeps that first record
        // and adds the confirmation
        assertThat(duda.get("opt_out_source")).isEqualTo("keyword");
        assertThat(k.row("SELECT opted_out_at IS NULL AS in FROM contacts WHERE phone = '+5511900000004'").get("in")).isEqualTo(true);
        assertThat(k.row("SELECT content FROM messages WHERE direction = 'outbound'").get("content"))
                .isEqualTo("You will get no more messages. Send START to come back.");
    }

    @Test
    void theRateGuardStopsAStormAtThreeRunsPerContactPerHour() {
        UUID echo = k.create("""
                {"name": "Echo", "trigger_type": "webhook", "trigger_config": {},
                 "action_type": "update_contact", "action_config": {"metadata": {"last_text": "{{message.text}}"}}}""");
        for (int i = 0; i < 5; i++) {
            k.customerWrites("5511900000005", "Fê", "msg " + i, Instant.now().minusSeconds(10 - i));
        }
        k.work();
        assertThat(k.count("SELECT COUNT(*) FROM automation_runs WHERE automation_id = ? AND status = 'succeeded'", echo)).isEqualTo(3);
        assertThat(k.rows("SELECT error FROM automation_runs WHERE automation_id = ? AND status = 'skipped'", echo))
                .hasSize(2).allSatisfy(r -> assertThat((String) r.get("error")).startsWith("rate guard"));
        assertThat(k.service.get(k.tenant, echo).orElseThrow().executionCount()).isEqualTo(3);
        k.assertCountersMatchRunLog();
    }

    @Test
    void twoWorkersRacingOverManyMessagesRunEachExactlyOnce() throws Exception {
        UUID id = k.create("""
                {"name": "Tag", "trigger_type": "webhook", "trigger_config": {},
                 "action_type": "update_contact", "action_config": {"metadata": {"seen": "yes"}}}""");
        k.execute("UPDATE automations SET max_runs_per_contact_hour = 1000 WHERE id = ?", id);
        for (int i = 0; i < 40; i++) {
            k.customerWrites("55119100000" + (10 + i % 20), "C" + i, "hello " + i, Instant.now().minusSeconds(100 - i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> done = List.of(pool.submit(() -> {
                go.await();
                return k.work();
            }), pool.submit(() -> {
                go.await();
                AutomationEngine other = new AutomationEngine(k.db, k.f.secrets, java.time.Duration.ofMillis(20));
                return other.work(Instant.now());
            }));
            go.countDown();
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            total += k.work();
            assertThat(total).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(k.count("SELECT COUNT(*) FROM automation_runs WHERE automation_id = ?", id)).isEqualTo(40);
        assertThat(k.count("SELECT COUNT(DISTINCT message_id) FROM automation_runs WHERE automation_id = ? AND status = 'succeeded'", id)).isEqualTo(40);
        assertThat(k.count("SELECT COUNT(*) FROM automation_events")).isZero();
        k.assertCountersMatchRunLog();
    }

    @Test
    void messagesSentByAnAutomationNeverTriggerAutomations() {
        k.create("""
                {"name": "Greeter", "trigger_type": "webhook", "trigger_config": {},
                 "action_type": "send_message", "action_config": {"text": "hi"}}""");
        UUID onStatus = k.create("""
                {"name": "Any status", "trigger_type": "webhook", "trigger_config": {"event": "message_status"},
                 "action_type": "update_contact", "action_config": {"metadata": {"status_seen": "{{trigger.status}}"}}}""");
        k.customerWrites("5511900000006", "Gil", "yo", Instant.now());
        k.work();
        k.f.sender().processBatch();
        String wamid = (String) k.row("SELECT external_message_id FROM messages WHERE direction = 'outbound'").get("external_message_id");
        k.storeWebhook(AutomationKit.failedStatus(wamid, Instant.now().getEpochSecond(), 131047, "Re-engagement message"));
        k.work();
        assertThat(k.count("SELECT COUNT(*) FROM automation_runs WHERE automation_id = ?", onStatus)).isZero();
        assertThat(k.count("SELECT COUNT(*) FROM automation_runs")).isEqualTo(1);
    }

    @Test
    void doneWhenAwayMessageOnceStopOptsOutAndTheCrmGetsOnePostPerNewConversation() throws Exception {
        java.util.List<String> posts = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer crm = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/", ex -> {
            posts.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        crm.start();
        try {
            // tonight is outside business hours (a holiday)
            new BusinessHoursService(k.db).set(k.tenant, AutomationDraft.JSON.readTree("""
                    {"days": {"mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]], "wed": [["09:00", "18:00"]], "thu": [["09:00", "18:00"]],
                              "fri": [["09:00", "18:00"]]}, "holidays": ["%s"]}""".formatted(LocalDate.now(ZoneOffset.UTC))));
            UUID away = k.service.create(k.tenant, Recipes.away("We are closed, back at 9.")).id();
            UUID keyword = k.create("""
                    {"name": "Prices", "trigger_type": "webhook", "trigger_config": {"conditions": {"keywords": ["price", "preço"]}},
                     "action_type": "send_message", "action_config": {"text": "Prices: example.com/p"}}""");
            UUID stop = k.service.create(k.tenant, Recipes.stopOptOut("You are unsubscribed.")).id();
            AutomationDraft toCrm = AutomationDraft.fromJson("""
                    {"name": "New conversation to CRM", "trigger_type": "webhook", "trigger_config": {"conditions": {"first_message": true}},
                     "action_type": "http_request", "action_config": {"method": "POST", "url": "http://127.0.0.1:%d/crm",
                       "body": {"phone": "{{contact.phone}}", "text": "{{message.text}}"}, "allow_private_network": true}}"""
                    .formatted(crm.getAddress().getPort()));
            UUID crmHook = k.service.create(k.tenant, toCrm).id();

            Instant night = Instant.now().minusSeconds(30);
            k.customerWrites("5511900000100", "Nina", "Hi, anyone there?", night);
            k.customerWrites("5511900000100", "Nina", "hello??", night.plusSeconds(5));
            k.customerWrites("5511900000200", "Otto", "PREÇO", night.plusSeconds(6));
            k.work();
            k.customerWrites("5511900000100", "Nina", "STOP", night.plusSeconds(10));
            k.work();
            k.f.sender().processBatch();

            assertThat(k.rows("SELECT content FROM messages m JOIN contacts c ON c.id = m.contact_id "
                    + "WHERE m.direction = 'outbound' AND c.phone = '+5511900000100' ORDER BY m.created_at"))
                    .extracting(r -> r.get("content")).containsExactly("We are closed, back at 9.", "You are unsubscribed.");
            assertThat(k.row("SELECT opted_out_at IS NOT NULL AS out FROM contacts WHERE phone = '+5511900000100'").get("out")).isEqualTo(true);
            assertThat(k.rows("SELECT content FROM messages m JOIN contacts c ON c.id = m.contact_id "
                    + "WHERE m.direction = 'outbound' AND c.phone = '+5511900000200' ORDER BY m.content"))
                    .extracting(r -> r.get("content")).containsExactly("Prices: example.com/p", "We are closed, back at 9.");
            assertThat(posts).hasSize(2);
            assertThat(posts).anySatisfy(p -> assertThat(p).contains("\"phone\":\"+5511900000100\"").contains("Hi, anyone there?"));
            assertThat(k.f.sandbox.requests()).hasSize(4).allSatisfy(r -> assertThat(r.answeredStatus()).isEqualTo(200));
            assertThat(k.count("SELECT COUNT(*) FROM automation_runs WHERE automation_id = ?", away)).isEqualTo(2);
            assertThat(k.count("SELECT COUNT(*) FROM automation_runs WHERE automation_id = ?", keyword)).isEqualTo(1);
            assertThat(k.count("SELECT COUNT(*) FROM automation_runs WHERE automation_id = ?", stop)).isEqualTo(1);
            assertThat(k.count("SELECT COUNT(*) FROM automation_runs WHERE automation_id = ? AND status = 'succeeded'", crmHook)).isEqualTo(2);
            k.assertCountersMatchRunLog();
        } finally {
            crm.stop(0);
        }
    }
}
