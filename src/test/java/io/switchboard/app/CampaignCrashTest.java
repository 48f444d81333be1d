package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.campaign.Audience;
import io.switchboard.campaign.CampaignDraft;
import io.switchboard.campaign.CampaignService;
import io.switchboard.campaign.VariableSource;
import io.switchboard.channel.sandbox.CloudApiSandbox;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.config.SecretBox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign run by {@code serve} in its own JVM, killed with SIGKILL mid-send (while it queues and sends), then
 * finished by TWO {@code serve} processes at once. Counted at the Cloud API (the sandbox, in this JVM): every
 * recipient got the campaign, one message row each; the only requests made twice are the answers the kill kept
 * from the database (the unknown-outcome case the README documents), never a recipient queued twice.
 */
class CampaignCrashTest {
    private static final String PHONE_NUMBER_ID = "106540352240077";
    private static final int RECIPIENTS = 400;
    private final CommandLineDatabase cli = new CommandLineDatabase(false);
    private final CloudApiSandbox api = CloudApiSandbox.start(SandboxOptions.silent());
    private final List<ChildApp> serves = new ArrayList<>();

    @AfterEach
    void close() {
        serves.forEach(ChildApp::close);
        api.close();
        cli.close();
    }

    @Test
    void aKillMidCampaignAndTwoServesAfterwardsGiveEveryRecipientExactlyOneMessage() throws Exception {
        UUID tenant = cli.tenant("Crash campaign");
        String token = "EAAcamp" + UUID.randomUUID().toString().replace("-", "");
        api.register(new SandboxNumber(PHONE_NUMBER_ID, "+15550100077", "Crash Shop", "waba-camp", token, "app-secret", null));
        api.registerTemplate(PHONE_NUMBER_ID, "order_update", "en_US", 0, 1);
        SecretBox secrets = SecretBox.fromSettings(cli.settings());
        cli.execute("""
                INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc, api_base_url, send_rate_per_second)
                VALUES (?, ?, ?, ?, ?, ?, 60)""", tenant, PHONE_NUMBER_ID, secrets.encrypt(token), secrets.encrypt("app-secret"), secrets.encrypt("verify"),
                api.baseUrl());
        cli.execute("INSERT INTO templates (tenant_id, name, language, body, status) VALUES (?, 'order_update', 'en_US', 'Hi {{1}}', 'approved')", tenant);
        cli.execute("INSERT INTO contacts (tenant_id, phone, name) SELECT ?, '+1202558' || lpad(g::text, 4, '0'), 'C' || g FROM generate_series(1, ?) g",
                tenant, RECIPIENTS);
        CampaignService campaigns = new CampaignService(cli.db);
        UUID id = campaigns.create(new CampaignDraft(tenant, "Crash", null, "order_update", "en_US", List.of(VariableSource.parse("name")),
                new Audience.All(), null, null)).id();
        campaigns.start(tenant, id);

        ChildApp first = startServe();
        first.awaitTrue(() -> api.acceptedCount() > 60, Duration.ofSeconds(60));
        first.kill();
        assertThat(first.process().exitValue()).as("killed, not stopped").isNotZero();

        int acceptedBeforeCrash = api.acceptedCount();
        int recorded = count("SELECT COUNT(*) FROM messages WHERE campaign_id = ? AND status = 'sent'", id);
        int queuedRecipients = count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'queued'", id);
        System.out.printf("kill -9 mid-campaign: API accepted %d, database recorded %d sent, %d of %d recipients queued%n", acceptedBeforeCrash, recorded,
                queuedRecipients, RECIPIENTS);
        assertThat(acceptedBeforeCrash).as("the kill came mid-campaign").isLessThan(RECIPIENTS - 20);
        assertThat(queuedRecipients).as("the kill came while recipients were still being queued").isLessThan(RECIPIENTS);
        // Whatever the moment of the kill: a queued recipient has exactly its one message, a pending one has none.
        assertThat(count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", id)).isEqualTo(queuedRecipients);
        assertThat(count("SELECT COUNT(*) FROM campaign_recipients r JOIN messages m ON m.id = r.message_id WHERE r.campaign_id = ?", id))
                .isEqualTo(queuedRecipients);

        // The dead process's leases would run out after two minutes; the test makes them due now.
        cli.execute("UPDATE messages SET next_attempt_at = NOW() WHERE status = 'queued' AND send_attempts > 0");
        ChildApp second = startServe();
        ChildApp third = startServe();
        second.awaitTrue(() -> "completed".equals(cli.one("SELECT status FROM campaigns WHERE id = ?", id)), Duration.ofSeconds(90));
        second.terminate(Duration.ofSeconds(30));
        third.terminate(Duration.ofSeconds(30));

        assertThat(count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", id)).isEqualTo(RECIPIENTS);
        assertThat(count("SELECT COUNT(DISTINCT contact_id) FROM messages WHERE campaign_id = ?", id)).isEqualTo(RECIPIENTS);
        assertThat(count("SELECT COUNT(*) FROM messages WHERE campaign_id = ? AND status = 'sent'", id)).isEqualTo(RECIPIENTS);
        Map<String, Long> copies = api.requests().stream().filter(r -> r.body() != null && r.body().has("to")).collect(Collectors.groupingBy(r -> r.body().path("to").asText(), Collectors.counting()));
        assertThat(copies).hasSize(RECIPIENTS);
        long sentTwice = copies.values().stream().filter(n -> n > 1).count();
        System.out.printf("after two serves finished it: API accepted %d for %d recipients: %d sent twice%n", api.acceptedCount(), RECIPIENTS, sentTwice);
        assertThat(copies.values()).allMatch(n -> n <= 2);
        assertThat(sentTwice).as("only answers the kill kept from the database").isEqualTo(acceptedBeforeCrash - recorded);
    }

    private int count(String sql, Object... args) {
        return Integer.parseInt(cli.one(sql, args));
    }

    private ChildApp startServe() {
        ChildApp serve = ChildApp.serve(cli.environment, ChildApp.freePort());
        serves.add(serve);
        return serve;
    }
}
