package io.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Crashes, missed schedules, the API trigger's token, the dry run: what must hold whatever happens. */
class RunGuaranteesTest {
    private final AutomationKit k = new AutomationKit();

    @AfterEach
    void close() {
        k.close();
    }

    @Test
    void aCrashBeforeTheCommitLeavesTheRunPendingAndNothingSentThenItRunsOnce() throws Exception {
        UUID id = k.create("""
                {"name": "Hi", "trigger_type": "webhook", "trigger_config": {}, "action_type": "send_message", "action_config": {"text": "hi"}}""");
        k.customerWrites("5511900000010", "Jo", "hello", Instant.now());
        k.engine.intake(100);
        UUID run = (UUID) k.row("SELECT id FROM automation_runs WHERE automation_id = ?", id).get("id");
        // a worker claims the run and performs the action, then its process dies before committing
        try (Connection c = k.db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM automation_runs WHERE id = ? FOR UPDATE SKIP LOCKED")) {
                ps.setObject(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThat(k.engine.executeNext(null)).as("another worker skips the locked run").isEmpty();
            RunContext ctx = new RunContext(k.tenant, id, run, (UUID) k.row("SELECT contact_id FROM automation_runs WHERE id = ?", run).get("contact_id"),
                    null, Variables.empty(), (com.fasterxml.jackson.databind.node.ObjectNode) AutomationKit.JSON.readTree("{\"text\": \"hi\"}"), false);
            assertThat(k.engine.perform(c, "send_message", ctx).succeeded()).isTrue();
            c.rollback(); // the connection drops: PostgreSQL rolls the transaction back
        }
        assertThat(k.count("SELECT COUNT(*) FROM messages WHERE direction = 'outbound'")).isZero();
        assertThat(k.row("SELECT status FROM automation_runs WHERE id = ?", run).get("status")).isEqualTo("pending");
        k.work();
        k.work();
        assertThat(k.count("SELECT COUNT(*) FROM messages WHERE direction = 'outbound'")).isEqualTo(1);
        assertThat(k.row("SELECT status FROM automation_runs WHERE id = ?", run).get("status")).isEqualTo("succeeded");
        k.assertCountersMatchRunLog();
    }

    @Test
    void anHttpRunInterruptedByACrashIsFailedNotRepeated() {
        UUID id = k.create("""
                {"name": "CRM", "trigger_type": "manual", "trigger_config": {}, "action_type": "http_request",
                 "action_config": {"method": "POST", "url": "https://crm.example.com/hook"}}""");
        UUID run = k.service.runFor(k.tenant, id, List.of("+4915100000010"), Map.of()).get(0);
        k.execute("UPDATE automation_runs SET status = 'running', started_at = NOW() - INTERVAL '3 minutes', attempts = 1 WHERE id = ?", run);
        k.work();
        Map<String, Object> row = k.row("SELECT status, error FROM automation_runs WHERE id = ?", run);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat((String) row.get("error")).startsWith("interrupted");
        assertThat(k.service.get(k.tenant, id).orElseThrow().failureCount()).isEqualTo(1);
        k.assertCountersMatchRunLog();
    }

    @Test
    void aMissedScheduleRunsOnceAtTheNextStartNotOncePerMissedSlot() {
        k.execute("INSERT INTO contacts (tenant_id, phone, name, metadata) VALUES (?, '+4915100000021', 'A', '{\"tier\": \"gold\"}'), "
                + "(?, '+4915100000022', 'B', '{\"tier\": \"silver\"}'), (?, '+4915100000023', 'C', '{\"tier\": \"gold\"}')", k.tenant, k.tenant, k.tenant);
        k.execute("UPDATE contacts SET opted_out_at = NOW() WHERE phone = '+4915100000023'");
        UUID id = k.create("""
                {"name": "Daily gold", "trigger_type": "schedule", "trigger_config": {"cron": "0 9 * * *", "audience": {"kind": "filter", "metadata": {"tier": "gold"}}},
                 "action_type": "update_contact", "action_config": {"metadata": {"pinged": "{{trigger.slot}}"}}}""");
        k.execute("UPDATE automations SET schedule_fired_at = NOW() - INTERVAL '4 days', created_at = NOW() - INTERVAL '5 days' WHERE id = ?", id);
        Instant now = Instant.now();
        assertThat(k.engine.schedule(now)).isEqualTo(1);
        assertThat(k.engine.schedule(now.plusSeconds(30))).as("the same slot never fires twice").isZero();
        k.work();
        List<Map<String, Object>> runs = k.rows("SELECT trigger_key, status FROM automation_runs WHERE automation_id = ?", id);
        assertThat(runs).as("one run for the one gold contact who did not opt out, for the latest slot only").hasSize(1);
        assertThat(runs.get(0).get("status")).isEqualTo("succeeded");
        assertThat(k.row("SELECT metadata->>'pinged' AS p FROM contacts WHERE phone = '+4915100000021'").get("p")).asString().endsWith(":00Z");
    }

    @Test
    void theApiTriggerNeedsTheAutomationsOwnTokenAndAnswers202WithTheRunId() throws Exception {
        UUID id = k.create("""
                {"name": "Order shipped", "trigger_type": "api", "trigger_config": {},
                 "action_type": "update_contact", "action_config": {"metadata": {"order": "{{trigger.order_id}}"}}}""");
        UUID other = k.create("""
                {"name": "Other", "trigger_type": "api", "trigger_config": {},
                 "action_type": "update_contact", "action_config": {"metadata": {"x": "y"}}}""");
        String token = k.service.issueApiToken(k.tenant, id);
        String otherToken = k.service.issueApiToken(k.tenant, other);
        assertThat(k.row("SELECT api_token_hash FROM automations WHERE id = ?", id).get("api_token_hash")).isNotEqualTo(token);
        assertThat(k.service.get(k.tenant, id).orElseThrow().apiTokenLast4()).isEqualTo(token.substring(token.length() - 4));
        WebhookReceiver receiver = new WebhookReceiver(k.db, new AccountCache(new WhatsAppAccountService(k.db, k.f.secrets)), 0)
                .api(new AutomationApi(k.service));
        receiver.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("http://127.0.0.1:" + receiver.port() + "/api/automations/" + id + "/run");
            String body = "{\"phone\": \"+4915100000031\", \"variables\": {\"order_id\": \"A-17\"}}";
            assertThat(post(http, uri, null, body, null).statusCode()).isEqualTo(401);
            assertThat(post(http, uri, "Bearer " + otherToken, body, null).statusCode()).isEqualTo(401);
            assertThat(post(http, uri, "Bearer " + token, "not json", null).statusCode()).isEqualTo(400);
            HttpResponse<String> ok = post(http, uri, "Bearer " + token, body, "order-A-17");
            assertThat(ok.statusCode()).isEqualTo(202);
            UUID run = UUID.fromString(AutomationKit.JSON.readTree(ok.body()).get("run_id").asText());
            HttpResponse<String> again = post(http, uri, "Bearer " + token, body, "order-A-17");
            assertThat(AutomationKit.JSON.readTree(again.body()).get("run_id").asText()).isEqualTo(run.toString());
            assertThat(k.count("SELECT COUNT(*) FROM automation_runs WHERE automation_id = ?", id)).isEqualTo(1);
            k.work();
            assertThat(k.row("SELECT metadata->>'order' AS o FROM contacts WHERE phone = '+4915100000031'").get("o")).isEqualTo("A-17");
            assertThat(k.row("SELECT status FROM automation_runs WHERE id = ?", run).get("status")).isEqualTo("succeeded");
            assertThat(http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        } finally {
            receiver.stop(Duration.ofSeconds(1));
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String auth, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aDryRunShowsWhatWouldHappenAndLeavesNothingBehind() {
        AutomationDraft greeting = Recipes.greeting("Welcome {{contact.name}}!");
        DryRun dry = k.service.dryRun(k.tenant, greeting, null, "hello", "+4915100000041");
        assertThat(dry.matched()).isTrue();
        assertThat(dry.wouldSucceed()).isTrue();
        assertThat(dry.outcome()).startsWith("would have queued text message").contains("Welcome !");
        AutomationDraft keyword = AutomationDraft.fromJson("""
                {"name": "k", "trigger_type": "webhook", "trigger_config": {"conditions": {"keywords": ["price"]}},
                 "action_type": "send_message", "action_config": {"text": "x"}}""");
        DryRun miss = k.service.dryRun(k.tenant, keyword, null, "hello", "+4915100000041");
        assertThat(miss.matched()).isFalse();
        assertThat(miss.unmet()).singleElement().asString().contains("keywords");
        assertThat(k.count("SELECT COUNT(*) FROM messages")).isZero();
        assertThat(k.count("SELECT COUNT(*) FROM contacts")).isZero();
        assertThat(k.count("SELECT COUNT(*) FROM automation_runs")).isZero();
    }
}
