package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TcpProxy;
import io.switchboard.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While the database cannot be reached, webhooks are answered 503 within a second (Meta retries them)
 * and /healthz says so; once it is back, intake resumes within a second. The database sits behind a
 * real TCP relay that the test cuts (sessions break, new connections are refused) and restores.
 */
class FailFastTest {
    private ConnectionTarget direct;
    private TcpProxy proxy;
    private Database db;
    private WebhookReceiver receiver;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final byte[] body = InboundKit.fixture("text.json").getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void start() {
        direct = TestDatabase.migratedDatabase();
        proxy = new TcpProxy(direct.port());
        db = Database.connect(new ConnectionTarget(direct.host(), proxy.port(), direct.database(), direct.user(), direct.password(), false), 4, "test")
                .startHibernate(false);
        WhatsAppAccountService accounts = new WhatsAppAccountService(db, InboundKit.newSecretBox());
        accounts.connect(new TenantService(db).create("Acme").id(),
                WhatsAppConnection.of(InboundKit.PHONE_NUMBER_ID, "EAAGaccess-token-secret", InboundKit.APP_SECRET, InboundKit.VERIFY_TOKEN));
        receiver = new WebhookReceiver(db, new AccountCache(accounts), 0);
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(Duration.ZERO);
        proxy.restore();
        db.close();
        proxy.close();
    }

    @Test
    void answers503AtOnceWhileTheDatabaseIsDownAndResumesWithinASecond() throws Exception {
        assertThat(post().statusCode()).isEqualTo(200);
        assertThat(health().statusCode()).isEqualTo(200);

        proxy.cut();
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            assertThat(post().statusCode()).isEqualTo(503);
            assertThat(millisSince(t0)).as("503 while the database is down").isLessThan(1_000);
        }
        long t0 = System.nanoTime();
        HttpResponse<String> down = health();
        assertThat(millisSince(t0)).as("/healthz while the database is down").isLessThan(1_000);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"unavailable\"", "\"reachable\":false");

        proxy.restore();
        long back = System.nanoTime();
        int status;
        do {
            status = post().statusCode();
        } while (status != 200 && millisSince(back) < 5_000);
        assertThat(status).isEqualTo(200);
        assertThat(millisSince(back)).as("intake resumed after the database came back").isLessThan(1_000);
        assertThat(storedEvents()).as("only the webhooks answered 200 were stored").isEqualTo(2);
    }

    @Test
    void healthReportsTheDatabaseTheWorkersAndTheBacklog() throws Exception {
        boolean[] pollerAlive = {true};
        receiver.watch("event poller", () -> pollerAlive[0]);
        assertThat(post().statusCode()).isEqualTo(200);
        Thread.sleep(ReceiverHealth.REUSE_MILLIS + 50); // a fresh report, not the one reused from before
        HttpResponse<String> ok = health();
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(ok.body()).contains("\"status\":\"ok\"", "\"reachable\":true", "\"event poller\":\"alive\"", "\"webhook writers\":\"alive\"",
                "\"unprocessed_events\":1", "\"queued_messages\":0", "\"connections_open\":1");

        pollerAlive[0] = false;
        Thread.sleep(ReceiverHealth.REUSE_MILLIS + 50);
        HttpResponse<String> stopped = health();
        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(stopped.body()).contains("\"event poller\":\"stopped\"", "\"reachable\":true");
    }

    private HttpResponse<String> post() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH))
                .timeout(Duration.ofSeconds(15)).header(WebhookSignature.HEADER, WebhookSignature.sign(InboundKit.APP_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> health() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.HEALTH_PATH))
                .timeout(Duration.ofSeconds(15)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private long storedEvents() throws Exception {
        try (Connection c = DriverManager.getConnection(direct.jdbcUrl(), direct.user(), direct.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM webhook_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
