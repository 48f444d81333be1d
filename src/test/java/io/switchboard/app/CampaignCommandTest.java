package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code campaign …} as a script runs it: output, and exit codes 0 (done), 1 (refused: the field and rule on stderr), 2 (usage). */
class CampaignCommandTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(false);
    private UUID tenant;
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeEach
    void tenantWithContacts() {
        tenant = cli.tenant("Shop");
        cli.execute("UPDATE tenants SET time_zone = 'America/Sao_Paulo' WHERE id = ?", tenant);
        cli.execute("""
                INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc)
                VALUES (?, '106540352249999', 'x', 'x', 'x')""", tenant);
        cli.execute("INSERT INTO templates (tenant_id, name, language, body, status) VALUES (?, 'order_update', 'en_US', 'Hi {{1}}, order {{2}}', 'approved')",
                tenant);
        cli.execute("""
                INSERT INTO contacts (tenant_id, phone, name, metadata)
                SELECT ?, '+1202555' || lpad(g::text, 4, '0'), 'C' || g, jsonb_build_object('city', CASE WHEN g <= 3 THEN 'Lisbon' ELSE 'Porto' END, 'order', g)
                FROM generate_series(1, 5) g""", tenant);
    }

    @AfterEach
    void close() {
        cli.close();
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), cli::settings, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result create(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("campaign", "create", "--tenant", tenant.toString(), "--name", "Autumn", "--template", "order_update",
                "--language", "en_US", "--param", "name|friend", "--param", "metadata.order"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void createMoveAndReadACampaignWithExitCodes() throws Exception {
        Result all = create("--all");
        assertThat(all.code()).as(all.err()).isZero();
        String id = all.lines().get(0);
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(all.lines().get(1)).contains("draft: 5 recipients, 0 opted out and 0 with an invalid phone excluded");

        Result filtered = create("--filter", "city=Lisbon");
        assertThat(filtered.code()).isZero();
        assertThat(filtered.lines().get(1)).contains("3 recipients");

        assertThat(run("campaign", "start", id).out()).contains(id + "\trunning");
        assertThat(run("campaign", "pause", id).out()).contains("paused");
        assertThat(run("campaign", "resume", id).out()).contains("running");
        assertThat(run("campaign", "cancel", id).out()).contains("cancelled");
        Result refused = run("campaign", "resume", id);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("status: cannot resume a cancelled campaign");

        Result status = run("campaign", "status", filtered.lines().get(0), "--format", "json");
        assertThat(status.code()).as(status.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertThat(json.path("status").asText()).isEqualTo("draft");
        assertThat(json.path("funnel").path("recipients").asInt()).isEqualTo(3);
        assertThat(json.path("funnel").path("waiting").asInt()).isEqualTo(3);
        assertThat(json.path("definitions").asText()).contains("delivery rate = delivered (incl. read) / sent");
        assertThat(run("campaign", "status", id).out()).contains("cancelled").contains("recipients       5");

        List<String> list = run("campaign", "list", "--tenant", tenant.toString()).lines();
        assertThat(list).hasSize(2);
        assertThat(run("campaign", "list", "--tenant", tenant.toString(), "--status", "cancelled").lines()).singleElement().asString().startsWith(id);

        Path export = dir.resolve("waiting.csv");
        assertThat(run("campaign", "contacts", filtered.lines().get(0), "--bucket", "waiting", "--csv", export.toString()).out()).contains("Wrote 3 contacts");
        List<String> rows = Files.readAllLines(export);
        assertThat(rows.get(0)).isEqualTo("phone,name,state,message_status,error_code,error,queued_at");
        assertThat(rows.subList(1, rows.size())).containsExactlyInAnyOrder("+12025550001,C1,pending,,,,", "+12025550002,C2,pending,,,,",
                "+12025550003,C3,pending,,,,");

        // A local time is read in the tenant's zone (São Paulo, UTC-3).
        Result scheduled = create("--all", "--at", "2099-01-02T09:00");
        assertThat(scheduled.code()).as(scheduled.err()).isZero();
        assertThat(cli.one("SELECT scheduled_at::text FROM campaigns WHERE id = ?::uuid", scheduled.lines().get(0))).isEqualTo("2099-01-02 12:00:00");
    }

    @Test
    void aCsvAudienceReportsItsBadLines() throws Exception {
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "phone,name,order\n+12025550001,,7\nnonsense,X,1\n+4915112345678,Jonas,9\n");
        Result r = create("--csv", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 recipients").contains("csv line 3");
    }

    @Test
    void badInputExitsOneAndWrongUsageTwo() {
        long before = Long.parseLong(cli.one("SELECT COUNT(*) FROM campaigns"));
        assertThat(create().code()).as("no audience").isEqualTo(2);
        assertThat(create("--all", "--filter", "city=Lisbon").code()).as("two audiences").isEqualTo(2);
        assertThat(run("campaign", "start").code()).isEqualTo(2);
        assertThat(run("campaign", "start", "not-a-uuid").code()).isEqualTo(2);
        assertThat(run("campaign", "frobnicate").code()).isEqualTo(2);
        assertThat(run("campaign", "status", UUID.randomUUID().toString(), "--format", "xml").code()).isEqualTo(2);

        Result unknownCampaign = run("campaign", "start", UUID.randomUUID().toString());
        assertThat(unknownCampaign.code()).isEqualTo(1);
        assertThat(unknownCampaign.err()).contains("campaign: no campaign has id");
        Result past = create("--all", "--at", "2020-01-01T00:00:00Z");
        assertThat(past.code()).isEqualTo(1);
        assertThat(past.err()).contains("scheduled_at: must be in the future");
        Result noFallback = run("campaign", "create", "--tenant", tenant.toString(), "--name", "X", "--template", "order_update", "--language", "en_US",
                "--param", "name", "--param", "metadata.coupon", "--all");
        assertThat(noFallback.code()).isEqualTo(1);
        assertThat(noFallback.err()).contains("variable {{2}}: is filled from metadata coupon, which is empty for 5 recipients and has no fallback");
        Result template = run("campaign", "create", "--tenant", tenant.toString(), "--name", "X", "--template", "nope", "--language", "en_US", "--all");
        assertThat(template.code()).isEqualTo(1);
        assertThat(template.err()).contains("template:");
        Result empty = create("--filter", "city=Nowhere");
        assertThat(empty.code()).isEqualTo(1);
        assertThat(empty.err()).contains("audience: no contact matches");
        assertThat(Long.parseLong(cli.one("SELECT COUNT(*) FROM campaigns"))).isEqualTo(before);
    }
}
