package io.switchboard.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.db.Database;
import io.switchboard.delivery.JdbcSendingAccounts;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxSender;
import io.switchboard.delivery.OutboxService;
import io.switchboard.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxRuntimeTest {
    private final Database db = TestDatabase.open();
    private final SecretBox secrets = new SecretBox(new byte[32]);
    private final WebhookCatcher catcher = new WebhookCatcher();

    @AfterEach
    void close() {
        catcher.close();
        db.close();
    }

    private String one(String sql) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void theFirstStartCreatesOneDemoTenantWithEncryptedSecretsAndNoTemplatesOfItsOwn() {
        assertThat(SandboxDemo.createIfFirstStart(db, secrets, "http://127.0.0.1:1/v24.0")).isPresent();
        assertThat(SandboxDemo.createIfFirstStart(db, secrets, "http://127.0.0.1:1/v24.0")).isEmpty();

        assertThat(one("SELECT COUNT(*) || ':' || MIN(name) FROM tenants")).isEqualTo("1:" + SandboxDemo.TENANT_NAME);
        assertThat(one("SELECT waba_id FROM whatsapp_accounts")).isEqualTo(SandboxDemo.SANDBOX_WABA_ID);
        String token = one("SELECT access_token_enc FROM whatsapp_accounts");
        assertThat(token).startsWith("v1:").doesNotContain("EAA");
        assertThat(secrets.decrypt(token)).startsWith("EAAsandbox");
        assertThat(one("SELECT COUNT(*) FROM templates")).as("templates come from a sync with the sandbox's WABA, not from inserts").isEqualTo("0");
    }

    @Test
    void theRuntimeServesTheDemoAccountCustomersWriteInAndTheSenderReachesIt() throws Exception {
        try (SandboxRuntime runtime = SandboxRuntime.start(db, secrets, catcher.url(), SandboxOptions.fast(), Duration.ofMillis(10), Duration.ofMillis(10))) {
            assertThat(runtime.active()).isTrue();
            assertThat(one("SELECT api_base_url FROM whatsapp_accounts")).isEqualTo(runtime.sandbox().baseUrl());
            assertThat(one("SELECT string_agg(name || '/' || status || '/' || meta_status, ',' ORDER BY name) FROM templates WHERE meta_template_id IS NOT NULL"))
                    .as("the demo tenant's templates were synced from the sandbox's WABA")
                    .isEqualTo("hello_world/approved/APPROVED,order_update/approved/APPROVED,parcel_tracking/approved/APPROVED");
            String appSecret = secrets.decrypt(one("SELECT app_secret_enc FROM whatsapp_accounts"));

            List<WebhookCatcher.Caught> openers = catcher.await(c -> c.value().has("messages"), SimulatedCustomers.DEFAULT.size(), Duration.ofSeconds(5));
            assertThat(openers).hasSize(SimulatedCustomers.DEFAULT.size()).allSatisfy(c -> assertThat(c.signedWith(appSecret)).isTrue());

            UUID tenant = UUID.fromString(one("SELECT id FROM tenants"));
            OutboxService outbox = new OutboxService(db);
            UUID ok = outbox.queueTo(tenant, "+" + SimulatedCustomers.DEFAULT.get(0).waId(),
                    OutboundContent.template("order_update", "en_US", List.of(), List.of("Ana", "#4821"), "Hi Ana")).messageId();
            UUID wrong = outbox.queueTo(tenant, "+" + SimulatedCustomers.DEFAULT.get(1).waId(),
                    OutboundContent.template("order_update", "en_US", List.of(), List.of("James"), "Hi James")).messageId();
            OutboxSender sender = new OutboxSender(db, new JdbcSendingAccounts(db, secrets), new CloudApiClient(), OutboxSender.Options.defaults());
            sender.processBatch();

            assertThat(one("SELECT status FROM messages WHERE id = '" + ok + "'")).isEqualTo("sent");
            assertThat(one("SELECT error_code FROM messages WHERE id = '" + wrong + "'")).isEqualTo("132000");
            List<WebhookCatcher.Caught> read = catcher.await(c -> c.value().path("statuses").path(0).path("status").asText().equals("read"), 1,
                    Duration.ofSeconds(5));
            assertThat(read).hasSize(1);
            assertThat(read.get(0).value().path("statuses").path(0).path("id").asText()).isEqualTo(one("SELECT external_message_id FROM messages WHERE id = '" + ok + "'"));
        }
    }

    @Test
    void aRestartedWorldContinuesItsOpeningScriptInsteadOfReplayingIt() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(db, new AccountCache(new WhatsAppAccountService(db, secrets)), 0).loopbackOnly();
        receiver.start();
        EventPoller poller = new EventPoller(db, 1, 100);
        URI webhooks = URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH);
        int customers = SimulatedCustomers.DEFAULT.size();
        String inboundText = "SELECT COUNT(*) FROM messages WHERE direction = 'inbound' AND content_type = 'text'";
        String inboundMedia = "SELECT COUNT(*) FROM messages WHERE direction = 'inbound' AND content_type <> 'text'";
        try {
            try (SandboxRuntime first = SandboxRuntime.start(db, secrets, webhooks, SandboxOptions.fast(), Duration.ofMillis(10), Duration.ofMillis(10))) {
                awaitStored(poller, inboundText, customers);
                awaitStored(poller, inboundMedia, 3);
            }
            String firstOpeners = one("SELECT string_agg(content, '|' ORDER BY content) FROM messages WHERE direction = 'inbound' AND content_type = 'text'");

            try (SandboxRuntime second = SandboxRuntime.start(db, secrets, webhooks, SandboxOptions.fast(), Duration.ofMillis(10), Duration.ofMillis(10))) {
                // the first start's script took 2 s from start to the last file; give the second one longer than that
                Thread.sleep(3_000);
                poller.processAvailable();
                assertThat(second.sandbox().postedWebhooks()).as("no customer wrote again").noneMatch(w -> new String(w.body()).contains("\"messages\""));
            }
            assertThat(one(inboundText)).isEqualTo(String.valueOf(customers));
            assertThat(one(inboundMedia)).isEqualTo("3");
            assertThat(one("SELECT string_agg(content, '|' ORDER BY content) FROM messages WHERE direction = 'inbound' AND content_type = 'text'"))
                    .isEqualTo(firstOpeners);

            // A customer whose conversation was deleted is new again: only they open, and nobody resends a file.
            SimulatedCustomers.Customer lukas = SimulatedCustomers.DEFAULT.get(3);
            db.inJdbcTransaction(c -> c.prepareStatement("DELETE FROM contacts WHERE phone = '+" + lukas.waId() + "'").executeUpdate());
            try (SandboxRuntime third = SandboxRuntime.start(db, secrets, webhooks, SandboxOptions.fast(), Duration.ofMillis(10), Duration.ofMillis(10))) {
                awaitStored(poller, inboundText, customers);
                Thread.sleep(2_500);
                poller.processAvailable();
                assertThat(third.sandbox().postedWebhooks().stream().map(w -> new String(w.body())).filter(b -> b.contains("\"messages\"")).toList())
                        .singleElement().asString().contains(lukas.opener());
            }
            assertThat(one(inboundText)).isEqualTo(String.valueOf(customers));
            assertThat(one(inboundMedia)).isEqualTo("3");
        } finally {
            receiver.stop();
        }
    }

    private void awaitStored(EventPoller poller, String countSql, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Integer.parseInt(one(countSql)) < expected) {
            assertThat(System.nanoTime()).as("waiting for " + expected + " rows of " + countSql).isLessThan(deadline);
            poller.processAvailable();
            Thread.sleep(50);
        }
    }

    @Test
    void switchedOffItCreatesNothingAndRunsNothing() throws Exception {
        Path home = Files.createTempDirectory("switchboard-home");
        Settings settings = Settings.load(Map.of("SWITCHBOARD_SANDBOX", "false", "SWITCHBOARD_HOME", home.toString()), home, "Linux", home.toString());

        try (SandboxRuntime runtime = SandboxRuntime.start(db, settings, catcher.url())) {
            assertThat(runtime.active()).isFalse();
        }
        assertThat(one("SELECT COUNT(*) FROM tenants")).isEqualTo("0");
    }

    @Test
    void withTenantsButNoSandboxAccountItStaysOff() {
        db.inJdbcTransaction(c -> c.prepareStatement("INSERT INTO tenants (name) VALUES ('Acme')").executeUpdate());

        try (SandboxRuntime runtime = SandboxRuntime.start(db, secrets, catcher.url(), SandboxOptions.fast(), Duration.ZERO, Duration.ZERO)) {
            assertThat(runtime.active()).isFalse();
        }
        assertThat(one("SELECT COUNT(*) FROM whatsapp_accounts")).isEqualTo("0");
    }

    @Test
    void countsTemplatePlaceholders() {
        assertThat(SandboxRuntime.placeholders("Hi {{1}}, order {{2}} ships {{ 3 }}")).isEqualTo(3);
        assertThat(SandboxRuntime.placeholders("no parameters")).isZero();
    }
}
