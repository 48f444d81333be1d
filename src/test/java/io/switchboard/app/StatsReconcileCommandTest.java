package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.sandbox.CloudApiSandbox;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.CloudApiResponse;
import io.switchboard.common.ValidationException;
import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stats reconcile as a script runs it: the tenant's number is asked at the sandbox over HTTP, JSON and table out. */
class StatsReconcileCommandTest {
    private static final String TOKEN = "EAAGm0PX4ZCpsBAKZAreconcile9f2c";
    private static final String NUMBER = "106540352242922";
    @TempDir
    Path home;
    private Settings settings;
    private Database db;
    // Statuses are "posted" to no URL: Meta delivers, Switchboard never hears of it.
    private final CloudApiSandbox sandbox = CloudApiSandbox.start(SandboxOptions.fast());
    private String tenant;
    private final String today = LocalDate.now(ZoneOffset.UTC).toString();

    @BeforeEach
    void start() {
        ConnectionTarget target = TestDatabase.migratedDatabase();
        db = Database.connect(target, 2, "test");
        settings = Settings.load(Map.of("DB_HOST", target.host(), "DB_PORT", Integer.toString(target.port()), "DB_NAME", target.database(),
                "DB_USERNAME", target.user(), "DB_PASSWORD", target.password(), "SWITCHBOARD_HOME", home.toString(),
                "SWITCHBOARD_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32])), home, "Linux", home.toString());
        sandbox.register(new SandboxNumber(NUMBER, "+1 555-010-0100", "Florist", "102290129340777", TOKEN, "app-secret-123456", null));
        tenant = run("tenant", "create", "--name", "Florist").trim();
        run("whatsapp", "connect", "--tenant", tenant, "--phone-number-id", NUMBER, "--access-token", TOKEN, "--app-secret", "app-secret-123456",
                "--verify-token", "verify-me-please", "--display-phone", "+1 555-010-0100", "--waba-id", "102290129340777", "--api-base-url", sandbox.baseUrl());
    }

    @AfterEach
    void close() {
        sandbox.close();
        db.close();
    }

    @Test
    void aDeliveryOnlyMetaKnowsIsFlaggedInTheJsonAndTheTable() throws Exception {
        // The send went out and Switchboard recorded it as sent; its delivered status never arrived here.
        CloudApiResponse answer = new CloudApiClient().sendMessage(sandbox.baseUrl(), NUMBER, TOKEN,
                "{\"messaging_product\":\"whatsapp\",\"to\":\"+4915112345601\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}".getBytes(StandardCharsets.UTF_8)).get();
        String wamid = ((CloudApiResponse.Accepted) answer).wamid();
        db.inJdbcTransaction(c -> {
            try (var ps = c.prepareStatement("""
                    WITH ct AS (INSERT INTO contacts (tenant_id, phone) VALUES (?::uuid, '+4915112345601') RETURNING id, tenant_id),
                         cv AS (INSERT INTO conversations (tenant_id, contact_id) SELECT tenant_id, id FROM ct RETURNING id, tenant_id, contact_id)
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, external_message_id, sent_at)
                    SELECT tenant_id, id, contact_id, 'outbound', 'text', 'hi', 'sent', ?, NOW() AT TIME ZONE 'UTC' FROM cv""")) {
                ps.setString(1, tenant);
                ps.setString(2, wamid);
                return ps.executeUpdate();
            }
        });
        Thread.sleep(300); // the sandbox's delivery comes 60 ms after the acceptance

        JsonNode json = new ObjectMapper().readTree(run("stats", "reconcile", "--tenant", tenant, "--from", today, "--to", today, "--format", "json"));

        assertThat(json.get("method").asText()).isEqualTo("counters");
        assertThat(json.get("flagged").asInt()).isEqualTo(1);
        JsonNode row = json.get("rows").get(0);
        assertThat(row.get("day_utc").asText()).isEqualTo(today);
        assertThat(row.get("number").asText()).isEqualTo("+1 555-010-0100");
        assertThat(row.get("sent_ours").asLong()).isEqualTo(1);
        assertThat(row.get("sent_meta").asLong()).isEqualTo(1);
        assertThat(row.get("delivered_ours").asLong()).isZero();
        assertThat(row.get("delivered_meta").asLong()).isEqualTo(1);
        assertThat(row.get("delivered_diff").asLong()).isEqualTo(-1);
        assertThat(row.get("reason").asText()).contains("Meta counted messages we have no record of").contains("webhook");

        String table = run("stats", "reconcile", "--tenant", tenant, "--from", today, "--to", today);
        assertThat(table).contains("Reconcile with Meta, " + today + " to " + today).contains("1 row(s) differ by more than 1 %.");
        assertThatThrownBy(() -> run("stats", "reconcile", "--tenant", tenant, "--from", today, "--to", "2020-01-01"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("to:");
    }

    @Test
    void byTemplateComparesEachTemplatesDaysWithMetasTemplateAnalytics() throws Exception {
        String id = sandbox.addTemplate("102290129340777", "order_update", "en_US", "UTILITY", "APPROVED",
                "[{\"type\":\"BODY\",\"text\":\"Your order has shipped\"}]");
        db.inJdbcTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO templates (tenant_id, name, language, body, status, meta_template_id)"
                    + " VALUES (?::uuid, 'order_update', 'en_US', 'Your order has shipped', 'approved', ?)")) {
                ps.setString(1, tenant);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
        // WhatsApp Manager sends the template: Meta counts it, Switchboard has no record of it.
        CloudApiResponse answer = new CloudApiClient().sendMessage(sandbox.baseUrl(), NUMBER, TOKEN, ("{\"messaging_product\":\"whatsapp\",\"to\":\"+4915112345601\","
                + "\"type\":\"template\",\"template\":{\"name\":\"order_update\",\"language\":{\"code\":\"en_US\"}}}").getBytes(StandardCharsets.UTF_8)).get();
        assertThat(answer).isInstanceOf(CloudApiResponse.Accepted.class);

        JsonNode json = new ObjectMapper().readTree(run("stats", "reconcile", "--tenant", tenant, "--from", today, "--to", today, "--by", "template",
                "--format", "json"));

        assertThat(json.get("flagged").asInt()).isEqualTo(1);
        JsonNode row = json.get("rows").get(0);
        assertThat(row.get("template").asText()).isEqualTo("order_update");
        assertThat(row.get("template_id").asText()).isEqualTo(id);
        assertThat(row.get("sent_ours").asLong()).isZero();
        assertThat(row.get("sent_meta").asLong()).isEqualTo(1);
        assertThat(row.get("sent_diff").asLong()).isEqualTo(-1);
        assertThat(row.get("reason").asText()).contains("no record of");
        assertThat(run("stats", "reconcile", "--tenant", tenant, "--from", today, "--to", today, "--by", "template"))
                .contains("Reconcile templates with Meta").contains("1 row(s) differ by more than 1 %.");
        assertThatThrownBy(() -> run("stats", "reconcile", "--tenant", tenant, "--by", "campaign"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("by: must be number or template");
    }

    private String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> all = List.of(args);
        int code = Commands.dispatch(all.get(0), all.subList(1, all.size()), settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Main.OK);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
