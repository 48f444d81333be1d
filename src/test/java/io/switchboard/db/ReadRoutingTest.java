package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.config.SecretBox;
import io.switchboard.contact.ContactService;
import io.switchboard.contact.ContactSort;
import io.switchboard.contact.ContactView;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationService;
import io.switchboard.testing.TcpProxy;
import io.switchboard.testing.TestDatabase;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Searches and exports follow the read replica while it answers, fall back to the primary the moment it does not, and
 * return to it when a check finds it back; /healthz reports it. The "replica" is a second database (with rows of its own,
 * so each answer shows where it came from) behind a TCP proxy that can be cut. Replay lag needs a real standby:
 * bench/replica-reads.sh (ReplicaReadsCheck) pauses replay on one.
 */
class ReadRoutingTest {
    private final UUID tenant = UUID.randomUUID();
    private Database primary;
    private Database replica;
    private TcpProxy proxy;
    private ReadRouting routing;

    @BeforeEach
    void setUp() {
        primary = TestDatabase.open();
        ConnectionTarget second = TestDatabase.migratedDatabase();
        proxy = new TcpProxy(second.port());
        replica = Database.connect(new ConnectionTarget(HostList.single("127.0.0.1", proxy.port()), second.database(), second.user(),
                second.password(), false, ConnectionTarget.Role.READ_REPLICA), 2, "test");
        contactNamed(primary, "Ana on the primary");
        contactNamed(replica, "Ana on the replica");
    }

    @AfterEach
    void tearDown() {
        if (routing != null) {
            routing.close(); // closes the replica's pool
        } else {
            replica.close();
        }
        proxy.close();
        primary.close();
    }

    /** The same tenant id in both databases, a contact and a conversation whose name says which database holds it. */
    private void contactNamed(Database db, String name) {
        // The replica's pool is read-only: its rows go in through a plain connection, as replication would bring them.
        Database writable = db == replica ? Database.connect(new ConnectionTarget("127.0.0.1", proxy.port(), db.target().database(),
                db.target().user(), db.target().password(), false), 1, "test") : db;
        try {
            writable.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        WITH t AS (INSERT INTO tenants (id, name) VALUES (?, 'Acme') RETURNING id),
                             ct AS (INSERT INTO contacts (tenant_id, phone, name) SELECT id, '+15550001111', ? FROM t RETURNING id, tenant_id)
                        INSERT INTO conversations (tenant_id, contact_id) SELECT tenant_id, id FROM ct""")) {
                    ps.setObject(1, tenant);
                    ps.setString(2, name);
                    return ps.executeUpdate();
                }
            });
        } finally {
            if (writable != db) {
                writable.close();
            }
        }
    }

    private String searched(ContactService contacts) {
        return contacts.page(tenant, "Ana", ContactSort.NAME, true, null, 10).items().stream().map(ContactView::name).findFirst().orElse("none");
    }

    @Test
    void searchesAndExportsReadTheReplicaFallBackWhenItIsCutAndReturnWhenItIsBack() throws Exception {
        routing = ReadRouting.withReplica(primary, replica, ReadRouting.MAX_LAG);
        ContactService contacts = new ContactService(primary, routing);
        ConversationService conversations = new ConversationService(primary, routing);

        assertThat(routing.status().inUse()).isTrue();
        assertThat(routing.status().lag()).isEqualTo(Duration.ZERO);
        assertThat(searched(contacts)).isEqualTo("Ana on the replica");
        assertThat(conversations.list(tenant, ConversationFilter.OPEN, "Ana", null, 10).items()).singleElement()
                .satisfies(c -> assertThat(c.toString()).contains("Ana on the replica"));
        StringWriter csv = new StringWriter();
        contacts.exportCsv(tenant, csv);
        assertThat(csv.toString()).contains("Ana on the replica");
        assertThat(contacts.page(tenant, "", ContactSort.NAME, true, null, 10).items()).as("the plain list stays on the primary")
                .extracting(ContactView::name).containsExactly("Ana on the primary");

        proxy.cut();
        long asked = System.nanoTime();
        assertThat(searched(contacts)).as("the read that finds the replica gone runs again on the primary").isEqualTo("Ana on the primary");
        assertThat((System.nanoTime() - asked) / 1_000_000).as("ms until the fallback answered").isLessThan(8_000);
        assertThat(routing.status().inUse()).isFalse();
        assertThat(routing.status().problem()).startsWith("unreachable");
        assertThat(routing.status().note()).get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("Replica 127.0.0.1:" + proxy.port()).contains("not used: unreachable").endsWith("reading from the primary");
        assertThat(routing.status().json()).contains("\"configured\":true,\"in_use\":false,\"lag_seconds\":null").contains("\"problem\":\"unreachable");
        assertThat(searched(contacts)).as("left aside: no waiting on it").isEqualTo("Ana on the primary");

        proxy.restore();
        await(() -> routing.status().inUse());
        assertThat(searched(contacts)).isEqualTo("Ana on the replica");
        assertThat(routing.status().note()).isEmpty();
    }

    @Test
    void campaignFunnelsReadTheReplicaWhileItKeepsUp() {
        routing = ReadRouting.withReplica(primary, replica, ReadRouting.MAX_LAG);
        UUID campaign = UUID.randomUUID();
        // only the replica holds this campaign, so only a funnel read there finds it
        Database writable = Database.connect(new ConnectionTarget("127.0.0.1", proxy.port(), replica.target().database(),
                replica.target().user(), replica.target().password(), false), 1, "test");
        try {
            writable.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO campaigns (id, tenant_id, name, message, recipients) VALUES (?, ?, 'On the replica', 'Hi', '{}')")) {
                    ps.setObject(1, campaign);
                    ps.setObject(2, tenant);
                    return ps.executeUpdate();
                }
            });
        } finally {
            writable.close();
        }
        io.switchboard.campaign.Campaigns campaigns = io.switchboard.campaign.Campaigns.of(primary, routing);
        assertThat(campaigns.funnel().funnel(tenant, campaign)).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.switchboard.campaign.Campaigns.of(primary).funnel().funnel(tenant, campaign))
                .hasMessageContaining("no campaign");
    }

    @Test
    void healthzCarriesTheReplicaAndWithoutOneSaysItIsNotConfigured() throws Exception {
        routing = ReadRouting.withReplica(primary, replica, ReadRouting.MAX_LAG);
        WebhookReceiver receiver = new WebhookReceiver(primary, new AccountCache(new WhatsAppAccountService(primary, new SecretBox(new byte[32]))), 0)
                .report("read_replica", () -> routing.status().json());
        receiver.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.HEALTH_PATH))
                    .timeout(Duration.ofSeconds(5)).build();
            String body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).endsWith(",\"read_replica\":{\"configured\":true,\"in_use\":true,\"lag_seconds\":0.0,\"max_lag_seconds\":10}}");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("read_replica").path("in_use").asBoolean()).isTrue();
        } finally {
            receiver.stop(Duration.ofSeconds(1));
        }
        assertThat(ReadRouting.primaryOnly(primary).status().json()).isEqualTo("{\"configured\":false}");
        assertThat(ReadRouting.primaryOnly(primary).database()).isSameAs(primary);
    }

    @Test
    void aReplicaDownAtStartLeavesReadsOnThePrimaryAndIsTakenUpWhenItAnswers() throws Exception {
        proxy.cut();
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("DB_READ_HOST", "127.0.0.1:" + proxy.port()));
        env.put("SWITCHBOARD_HOME", java.nio.file.Path.of("target", "replica-home").toAbsolutePath().toString());
        io.switchboard.config.Settings settings = io.switchboard.config.Settings.load(env, java.nio.file.Path.of("target").toAbsolutePath(), "Linux", "/nonexistent");

        try (ReadRouting late = ReadReplica.routing(settings, primary, 2)) {
            assertThat(late.status().configured()).isTrue();
            assertThat(late.status().inUse()).isFalse();
            assertThat(late.status().problem()).startsWith("unreachable");
            assertThat(late.database()).isSameAs(primary);
            assertThat(searched(new ContactService(primary, late))).isEqualTo("Ana on the primary");

            proxy.restore();
            await(() -> late.status().inUse());
            assertThat(late.database()).isNotSameAs(primary);
            assertThat(late.database().target().describe()).endsWith("(reads)");
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
