package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WebhookSignature;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppConnection;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.db.EmbeddedServer;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import io.switchboard.tenant.TenantService;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise behind the receiver's 200: {@code kill -9} of the app and of its PostgreSQL in the
 * middle of a stream of signed webhooks loses none that was acknowledged, and no queued message.
 */
class CrashWithoutLossTest {
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String APP_SECRET = "crash-test-app-secret-0123456789";
    private static final String TEXT_WEBHOOK_ID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=text";

    @TempDir
    Path home;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void killingTheAppAndThePostmasterLosesNoAcknowledgedWebhookAndNoQueuedMessage() throws Exception {
        Map<String, String> env = Map.of("SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_SANDBOX", "false");
        Settings settings = Settings.load(env, home, "Linux", home.toString());
        int port = freePort();
        Process app = serve(env, port);
        // Set up through the running app's server, as a second window would: a tenant, its number, a few queued messages.
        List<UUID> queued = new ArrayList<>();
        try (Database db = Database.connect(attach(), 2, "test").startHibernate(false)) {
            UUID tenant = new TenantService(db).create("Crash Test").id();
            // Meta is unreachable: the queued messages stay in the outbox (retrying) through both lives of the app.
            new WhatsAppAccountService(db, SecretBox.fromSettings(settings)).connect(tenant, new WhatsAppConnection(PHONE_NUMBER_ID,
                    "EAAGcrashtesttoken0000000000", APP_SECRET, "crash-verify-token", null, null, "http://127.0.0.1:" + closedPort() + "/v24.0", 80));
            for (int i = 0; i < 5; i++) {
                queued.add(new OutboxService(db).queueTo(tenant, "+4477009" + String.format("%05d", i),
                        OutboundContent.template("hello_world", "en_US", List.of(), List.of(), "Hello!")).messageId());
            }
        }
        String template = new String(resource("/webhooks/text.json"), StandardCharsets.UTF_8);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean posting = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread sender = new Thread(() -> {
                while (posting.get()) {
                    String wamid = "wamid.crash-" + next.incrementAndGet();
                    byte[] body = template.replace(TEXT_WEBHOOK_ID, wamid).getBytes(StandardCharsets.UTF_8);
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + WebhookReceiver.PATH))
                            .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                            .header(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            acknowledged.add(wamid);
                        }
                    } catch (Exception refusedOrCutOff) {
                        // not acknowledged: Meta would send it again
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }
        awaitTrue(() -> acknowledged.size() >= 150, "webhooks acknowledged before the crash: " + acknowledged.size());

        long postmaster = Long.parseLong(Files.readAllLines(home.resolve("pgdata").resolve("postmaster.pid")).get(0).strip());
        app.destroyForcibly();
        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(app.waitFor(10, TimeUnit.SECONDS)).isTrue();
        posting.set(false);
        for (Thread sender : senders) {
            sender.join(10_000);
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(150);

        Process restarted = serve(env, freePort());
        try (Database db = Database.connect(attach(), 2, "test")) {
            Set<String> stored = strings(db, "SELECT payload #>> '{entry,0,changes,0,value,messages,0,id}' FROM webhook_events");
            assertThat(difference(acknowledged, stored)).as("acknowledged webhooks lost by the crash").isEmpty();

            awaitTrue(() -> strings(db, "SELECT id::text FROM webhook_events WHERE status <> 'processed'").isEmpty(),
                    "every stored webhook processed after the restart");
            Set<String> inbound = strings(db, "SELECT external_message_id FROM messages WHERE direction = 'inbound'");
            assertThat(difference(acknowledged, inbound)).as("acknowledged webhooks without their message").isEmpty();

            Set<String> outbox = strings(db, "SELECT id::text FROM messages WHERE direction = 'outbound'");
            assertThat(outbox).as("queued outbound messages").containsAll(queued.stream().map(UUID::toString).toList());
        }
        new ProcessBuilder("kill", "-TERM", String.valueOf(restarted.pid())).inheritIO().start().waitFor();
        assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).as("the restarted app stops on SIGTERM").isTrue();
    }

    /** The server the running app owns, reached as a second window reaches it. */
    private ConnectionTarget attach() {
        ConnectionTarget[] attached = new ConnectionTarget[1];
        assertThat(EmbeddedServer.startOrAttach(home, t -> attached[0] = t)).as("the app owns the server").isEmpty();
        return attached[0];
    }

    private Process serve(Map<String, String> env, int port) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classPath,
                "io.switchboard.app.Main", "serve", "--port", String.valueOf(port)).directory(home.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        processes.add(process);
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith("Serving on port " + port)) {
            seen.add(line);
        }
        assertThat(line).as("serve started; output %s", seen).isNotNull();
        Thread drain = new Thread(() -> lines.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return process;
    }

    private static Set<String> strings(Database db, String sql) {
        return db.inJdbcTransaction(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static Set<String> difference(Set<String> all, Set<String> present) {
        Set<String> missing = new HashSet<>(all);
        missing.removeAll(present);
        return missing;
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = CrashWithoutLossTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int closedPort() throws Exception {
        return freePort();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
