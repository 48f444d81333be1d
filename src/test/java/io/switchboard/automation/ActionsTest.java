package io.switchboard.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each action against the sandbox's tenant and a local HTTP server. */
class ActionsTest {
    private final AutomationKit k = new AutomationKit();
    private HttpServer server;
    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @AfterEach
    void close() {
        if (server != null) {
            server.stop(0);
        }
        k.close();
    }

    private String startServer(int okStatus, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new String[] {ex.getRequestMethod(), ex.getRequestURI().toString(), new String(body, StandardCharsets.UTF_8),
                    String.valueOf(ex.getRequestHeaders().getFirst("Authorization")), String.valueOf(ex.getRequestHeaders().getFirst("X-Source"))});
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : okStatus;
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void failedMessageAlertPostsOncePerFailureWithTheCodeAndKeepsTheResponse() throws Exception {
        String base = startServer(200, "x".repeat(3000));
        var alert = Recipes.failedAlert(base + "/crm/failed");
        alert.actionConfig().put("allow_private_network", true);
        alert.actionConfig().putObject("secret_headers").put("Authorization", "Bearer crm-secret-token-12345");
        alert.actionConfig().putObject("headers").put("X-Source", "switchboard");
        UUID id = k.service.create(k.tenant, alert).id();
        k.f.contactWhoWrote("+4915112345678", 5);
        UUID msg = k.f.queueText("+4915112345678", "hello");
        k.f.sender().processBatch();
        String wamid = (String) k.row("SELECT external_message_id FROM messages WHERE id = ?", msg).get("external_message_id");
        failuresLeft.set(1); // the CRM stumbles once: the retry delivers
        String failed = AutomationKit.failedStatus(wamid, Instant.now().getEpochSecond(), 131047, "Re-engagement message");
        k.storeWebhook(failed);
        k.storeWebhook(failed);
        k.work();
        k.work();

        assertThat(received).hasSize(2);
        String[] last = received.get(1);
        assertThat(last[0]).isEqualTo("POST");
        assertThat(last[1]).isEqualTo("/crm/failed");
        assertThat(AutomationKit.JSON.readTree(last[2]).path("error_code").asText()).isEqualTo("131047");
        assertThat(AutomationKit.JSON.readTree(last[2]).path("phone").asText()).isEqualTo("+4915112345678");
        assertThat(last[3]).isEqualTo("Bearer crm-secret-token-12345");
        assertThat(last[4]).isEqualTo("switchboard");
        Map<String, Object> run = k.row("SELECT status, response_code, result FROM automation_runs WHERE automation_id = ?", id);
        assertThat(run.get("status")).isEqualTo("succeeded");
        assertThat(run.get("response_code")).isEqualTo(200);
        String result = (String) run.get("result");
        assertThat(result).contains("→ 200 (attempt 2)");
        assertThat(result.chars().filter(ch -> ch == 'x').count()).isEqualTo(1024);
        // the secret is stored encrypted and shown only by its last 4 characters
        String stored = (String) k.row("SELECT action_config::text AS c FROM automations WHERE id = ?", id).get("c");
        assertThat(stored).doesNotContain("crm-secret-token");
        assertThat(k.service.get(k.tenant, id).orElseThrow().actionConfig().path("secret_headers").path("Authorization").asText()).isEqualTo("••••2345");
        k.assertCountersMatchRunLog();
    }

    @Test
    void serverErrorsAreRetriedThenTheRunFailsWithTheCode() throws Exception {
        String base = startServer(200, "down");
        failuresLeft.set(10);
        UUID id = k.create("""
                {"name": "CRM", "trigger_type": "manual", "trigger_config": {}, "action_type": "http_request",
                 "action_config": {"method": "PUT", "url": "%s/contacts/{{contact.phone}}", "body": {"name": "{{contact.name}}"},
                                   "allow_private_network": true}}""".formatted(base));
        UUID run = k.service.runFor(k.tenant, id, List.of("+4915112345678"), Map.of()).get(0);
        var done = k.service.execute(run).orElseThrow();
        assertThat(done.outcome().succeeded()).isFalse();
        assertThat(received).hasSize(HttpAction.ATTEMPTS);
        assertThat(received.get(0)[1]).isEqualTo("/contacts/+4915112345678");
        Map<String, Object> row = k.row("SELECT status, response_code, error FROM automation_runs WHERE id = ?", run);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("response_code")).isEqualTo(503);
        assertThat((String) row.get("error")).contains("503 after 3 attempts");
        // a retry from the run log is a new run; the failed one stays
        failuresLeft.set(0);
        UUID again = k.service.retry(k.tenant, run);
        assertThat(k.service.execute(again).orElseThrow().outcome().succeeded()).isTrue();
        assertThat(k.service.runs(k.tenant, id, "failed", 10)).extracting(RunView::id).containsExactly(run);
        assertThat(k.service.runs(k.tenant, id, null, 10)).hasSize(2);
        k.assertCountersMatchRunLog();
    }

    @Test
    void loopbackAndPrivateAddressesAreRefusedUnlessAllowed() throws Exception {
        String base = startServer(200, "ok");
        UUID id = k.create("""
                {"name": "Leak", "trigger_type": "manual", "trigger_config": {}, "action_type": "http_request",
                 "action_config": {"method": "GET", "url": "%s/internal"}}""".formatted(base));
        UUID run = k.service.runFor(k.tenant, id, List.of("+4915112345678"), Map.of()).get(0);
        var done = k.service.execute(run).orElseThrow();
        assertThat(done.outcome().error()).contains("refused").contains("loopback or private address");
        assertThat(received).isEmpty();
        assertThat(HttpAction.refusal(java.net.URI.create("http://10.1.2.3/x"), false)).contains("private");
        assertThat(HttpAction.refusal(java.net.URI.create("http://192.168.0.10/x"), false)).contains("private");
        assertThat(HttpAction.refusal(java.net.URI.create("http://169.254.169.254/latest/meta-data"), false)).contains("private");
        assertThat(HttpAction.refusal(java.net.URI.create("http://[::1]/x"), false)).contains("loopback");
        assertThat(HttpAction.refusal(java.net.URI.create("http://93.184.215.14/x"), false)).isNull();
    }

    @Test
    void sendMessageOutsideTheWindowFailsWithTheReasonOrFallsBackToTheTemplate() {
        k.approvedTemplate("follow_up", "Hello {{1}}, we have news about your order.", 1);
        UUID plain = k.create("""
                {"name": "Plain", "trigger_type": "manual", "trigger_config": {}, "action_type": "send_message",
                 "action_config": {"text": "Hi {{contact.name}}"}}""");
        UUID withFallback = k.create("""
                {"name": "Fallback", "trigger_type": "manual", "trigger_config": {}, "action_type": "send_message",
                 "action_config": {"text": "Hi {{contact.name}}",
                   "fallback_template": {"name": "follow_up", "language": "en_US", "body_params": ["{{contact.name}}"]}}}""");
        k.execute("INSERT INTO contacts (tenant_id, phone, name, last_inbound_at) VALUES (?, '+4915100000001', 'Hanna', NOW() - INTERVAL '2 days')", k.tenant);
        var failed = k.service.execute(k.service.runFor(k.tenant, plain, List.of("+4915100000001"), Map.of()).get(0)).orElseThrow();
        assertThat(failed.outcome().error()).contains("24-hour window");
        var fellBack = k.service.execute(k.service.runFor(k.tenant, withFallback, List.of("+4915100000001"), Map.of()).get(0)).orElseThrow();
        assertThat(fellBack.outcome().succeeded()).isTrue();
        assertThat(fellBack.outcome().result()).contains("fell back to template follow_up");
        Map<String, Object> m = k.row("SELECT type, content, metadata->'template'->'body_params'->>0 AS p FROM messages WHERE direction = 'outbound'");
        assertThat(m.get("type")).isEqualTo("template");
        assertThat(m.get("p")).isEqualTo("Hanna");
        k.f.sender().processBatch();
        assertThat(k.f.sandbox.requests()).hasSize(1);
        assertThat(k.f.sandbox.requests().get(0).body().path("template").path("name").asText()).isEqualTo("follow_up");
        assertThat(k.f.sandbox.requests().get(0).answeredStatus()).isEqualTo(200);
        k.assertCountersMatchRunLog();
    }

    @Test
    void aTemplateGoneAtRunTimeFailsTheRunAndPausesTheAutomationSayingWhy() {
        k.approvedTemplate("promo", "Deals for {{1}}", 1);
        UUID id = k.create("""
                {"name": "Promo", "trigger_type": "manual", "trigger_config": {}, "action_type": "send_template",
                 "action_config": {"name": "promo", "language": "en_US", "body_params": ["{{contact.name}}"]}}""");
        // the row vanished without a status change (removed by hand): the run finds out, fails and pauses the automation
        k.execute("DELETE FROM templates WHERE name = 'promo'");
        var done = k.service.execute(k.service.runFor(k.tenant, id, List.of("+4915100000002"), Map.of()).get(0)).orElseThrow();
        assertThat(done.outcome().succeeded()).isFalse();
        AutomationView v = k.service.get(k.tenant, id).orElseThrow();
        assertThat(v.status()).isEqualTo(AutomationStatus.PAUSED);
        assertThat(v.statusReason()).isEqualTo("template promo (en_US) cannot be sent: no longer exists in this tenant");
        assertThat(k.count("SELECT COUNT(*) FROM messages")).isZero();
        k.assertCountersMatchRunLog();
    }

    @Test
    void aTemplatePausedAtMetaPausesTheAutomationsThatSendItAtOnce() {
        k.approvedTemplate("renewal", "Renew, {{1}}?", 1);
        k.approvedTemplate("other", "Other {{1}}", 1);
        UUID direct = k.create("""
                {"name": "Renewal", "trigger_type": "manual", "trigger_config": {}, "action_type": "send_template",
                 "action_config": {"name": "renewal", "language": "en_US", "body_params": ["{{contact.name}}"]}}""");
        UUID fallback = k.create("""
                {"name": "Nudge", "trigger_type": "manual", "trigger_config": {}, "action_type": "send_message",
                 "action_config": {"text": "hi", "fallback_template": {"name": "renewal", "language": "en_US", "body_params": ["x"]}}}""");
        UUID unrelated = k.create("""
                {"name": "Other", "trigger_type": "manual", "trigger_config": {}, "action_type": "send_template",
                 "action_config": {"name": "other", "language": "en_US", "body_params": ["x"]}}""");
        // what template sync writes when Meta reports PAUSED
        k.execute("UPDATE templates SET status = 'disabled', meta_status = 'PAUSED', status_reason = 'Quality: low' WHERE name = 'renewal'");
        for (UUID id : List.of(direct, fallback)) {
            AutomationView v = k.service.get(k.tenant, id).orElseThrow();
            assertThat(v.status()).isEqualTo(AutomationStatus.PAUSED);
            assertThat(v.statusReason()).isEqualTo("template renewal (en_US) cannot be sent: paused: Quality: low");
        }
        assertThat(k.service.get(k.tenant, unrelated).orElseThrow().status()).isEqualTo(AutomationStatus.ACTIVE);
        assertThat(k.count("SELECT COUNT(*) FROM automation_runs")).isZero();
    }

    @Test
    void sendTemplateQueuesTheTemplateWithRenderedParameters() {
        k.approvedTemplate("order_ready", "Order {{1}} is ready", 1);
        UUID id = k.create("""
                {"name": "Ready", "trigger_type": "manual", "trigger_config": {}, "action_type": "send_template",
                 "action_config": {"name": "order_ready", "language": "en_US", "body_params": ["{{trigger.order}}"]}}""");
        var done = k.service.execute(k.service.runFor(k.tenant, id, List.of("+4915100000003"), Map.of("order", "A-17")).get(0)).orElseThrow();
        assertThat(done.outcome().succeeded()).isTrue();
        assertThat(k.row("SELECT content FROM messages").get("content")).isEqualTo("Order A-17 is ready");
        k.f.sender().processBatch();
        assertThat(k.f.sandbox.requests().get(0).answeredStatus()).isEqualTo(200);
    }

    @Test
    void updateContactSetsFieldsMetadataAndClosesTheConversation() {
        k.customerWrites("5511900000009", "Ivo", "order 123 please", Instant.now());
        k.create("""
                {"name": "CRM tag", "trigger_type": "webhook", "trigger_config": {"conditions": {"regex": "order\\\\s+(\\\\d+)"}},
                 "action_type": "update_contact", "action_config": {"name": "Ivo (VIP)", "external_ref": "crm-{{contact.phone}}",
                   "metadata": {"last": "{{message.text}}", "tier": "gold"}, "conversation": "close"}}""");
        k.execute("UPDATE contacts SET metadata = '{\"old\": 1, \"tier\": \"silver\"}' WHERE phone = '+5511900000009'");
        k.customerWrites("5511900000009", "Ivo", "Order 456 status?", Instant.now());
        k.work();
        Map<String, Object> c = k.row("SELECT name, external_ref, metadata->>'last' AS last, metadata->>'tier' AS tier, metadata->>'old' AS old "
                + "FROM contacts WHERE phone = '+5511900000009'");
        assertThat(c.get("name")).isEqualTo("Ivo (VIP)");
        assertThat(c.get("external_ref")).isEqualTo("crm-+5511900000009");
        assertThat(c.get("last")).isEqualTo("Order 456 status?");
        assertThat(c.get("tier")).isEqualTo("gold");
        assertThat(c.get("old")).isEqualTo("1");
        assertThat(k.row("SELECT status FROM conversations").get("status")).isEqualTo("closed");
    }
}
