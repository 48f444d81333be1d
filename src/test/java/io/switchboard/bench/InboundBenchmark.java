package io.switchboard.bench;

import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WebhookSignature;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppConnection;
import io.switchboard.config.SecretBox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * (b) Status events end to end: signed status webhooks POSTed to the receiver over real HTTP → stored in
 * webhook_events → applied to messages by the event poller; rate = statuses applied per second, from the
 * first POST until every message is read and no event is left unprocessed.
 * (b') The poller alone: a backlog of status events already in webhook_events (inserted set-based, as the
 * receiver would have stored them) applied by a fresh poller; rate = events applied per second.
 * (c) Receiver acknowledgement latency: an open-loop load of signed status webhooks at a fixed rate (the
 * poller running, as in production); latency is measured from each request's scheduled start, so a
 * stalled server cannot hide its queueing (no coordinated omission); at most 64 requests are in flight.
 *
 * <p>Run: {@code bench/run.sh InboundBenchmark [messages] [rate] [seconds]} (defaults 10000 1000 10).
 */
public final class InboundBenchmark {
    static final String PHONE_NUMBER_ID = "100000000000888";
    static final String APP_SECRET = "bench-app-secret";
    static final int CONNECTIONS = 64;

    private InboundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        System.out.println("machine: " + BenchEnvironment.machine());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBox secrets = new SecretBox(key);
        try (BenchEnvironment env = new BenchEnvironment(24)) {
            WhatsAppAccountService accounts = new WhatsAppAccountService(env.db(), secrets);
            UUID tenant = setUp(env, accounts, messages);
            WebhookReceiver receiver = new WebhookReceiver(env.db(), new AccountCache(accounts), 0);
            receiver.start();
            EventPoller poller = new EventPoller(env.db(), 2, 200);
            poller.start();
            URI url = URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try {
                endToEnd(env, http, url, messages);
                ackLatency(env, http, url, messages, rate, seconds);
            } finally {
                poller.stop();
                receiver.stop(Duration.ofSeconds(5));
            }
            backlog(env, messages);
            System.out.println("tenant " + tenant + " done");
        }
    }

    private static void endToEnd(BenchEnvironment env, HttpClient http, URI url, int messages) throws Exception {
        Semaphore inFlight = new Semaphore(64);
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        for (String status : new String[] {"delivered", "read"}) {
            for (int i = 0; i < messages; i++) {
                inFlight.acquire();
                post(http, url, statusBody("wamid.bench" + i, status)).whenComplete((r, e) -> {
                    if (e != null || r.statusCode() != 200) {
                        refused.incrementAndGet();
                    }
                    inFlight.release();
                });
            }
        }
        inFlight.acquire(64);
        inFlight.release(64);
        double postSeconds = (System.nanoTime() - start) / 1e9;
        while (env.count("SELECT COUNT(*) FROM messages WHERE status = 'read'") < messages
                || env.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'") > 0) {
            Thread.sleep(20);
        }
        double total = (System.nanoTime() - start) / 1e9;
        long applied = env.count("SELECT COUNT(*) FROM message_statuses WHERE status IN ('delivered', 'read')");
        System.out.printf("(b) %d status webhooks: stored in %.2f s (%.0f/s), all applied after %.2f s = %.0f statuses/s end to end; "
                        + "%d refused; %d message_statuses rows%n",
                2 * messages, postSeconds, 2 * messages / postSeconds, total, 2 * messages / total, refused.get(), applied);
    }

    private static void backlog(BenchEnvironment env, int messages) throws InterruptedException {
        env.db().inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO webhook_events (event_type, payload, status, created_at)
                    SELECT 'whatsapp', switchboard_try_jsonb(replace(replace(?, 'WAMID', 'wamid.bench' || g), 'STATUS', s)), 'unprocessed', NOW()
                    FROM generate_series(0, ? - 1) g CROSS JOIN (VALUES ('delivered'), ('read')) AS st(s)""")) {
                ps.setString(1, new String(statusBody("WAMID", "STATUS"), StandardCharsets.UTF_8));
                ps.setInt(2, messages);
                return ps.executeUpdate();
            }
        });
        env.db().inJdbcTransaction(c -> c.prepareStatement("UPDATE messages SET status = 'sent', delivered_at = NULL, read_at = NULL; "
                + "DELETE FROM message_statuses WHERE status IN ('delivered', 'read'); ANALYZE").execute());
        EventPoller poller = new EventPoller(env.db(), 2, 200);
        long start = System.nanoTime();
        poller.start();
        while (env.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'") > 0) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        poller.stop();
        long read = env.count("SELECT COUNT(*) FROM messages WHERE status = 'read'");
        System.out.printf("(b') poller alone: %d stored status events applied in %.2f s = %.0f events/s (2 threads, batch 200); %d of %d messages read%n",
                2 * messages, seconds, 2 * messages / seconds, read, messages);
    }

    private static void ackLatency(BenchEnvironment env, HttpClient http, URI url, int messages, int rate, int seconds) throws Exception {
        int warmup = rate * 2;
        int total = warmup + rate * seconds;
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        // Like Meta, at most CONNECTIONS requests in flight: a request due while all are busy waits, and its
        // latency still counts from when it was due (no coordinated omission). Unbounded, a client on one
        // address would open a connection per late request until the receiver's per-address cap closes them.
        java.util.concurrent.ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
        long periodNanos = 1_000_000_000L / rate;
        long begin = System.nanoTime() + 10_000_000;
        AtomicInteger next = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            // Fire every request whose scheduled time has come (catches up if the timer thread was late).
            while (true) {
                int i = next.get();
                if (i >= total || begin + i * periodNanos > now || !next.compareAndSet(i, i + 1)) {
                    if (i >= total || begin + i * periodNanos > now) {
                        return;
                    }
                    continue;
                }
                long scheduled = begin + i * periodNanos;
                String status = i % 2 == 0 ? "delivered" : "read";
                byte[] body = statusBody("wamid.bench" + (i % messages), status);
                senders.execute(() -> {
                    Throwable e = null;
                    int code = -1;
                    try {
                        code = post(http, url, body).join().statusCode();
                    } catch (RuntimeException x) {
                        e = x;
                    }
                    latencies[i] = System.nanoTime() - scheduled;
                    if (e != null || code != 200) {
                        failed.incrementAndGet();
                        if (e != null) {
                            errors.add(e);
                        }
                    }
                    done.incrementAndGet();
                });
            }
        }, 0, 200, TimeUnit.MICROSECONDS);
        while (done.get() < total) {
            Thread.sleep(50);
        }
        clock.shutdownNow();
        senders.shutdownNow();
        long[] measured = Arrays.copyOfRange(latencies, warmup, total);
        Arrays.sort(measured);
        System.out.printf("(c) %d req/s for %d s (after %d warm-up requests): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; %d failed%s%n",
                rate, seconds, warmup, pct(measured, 0.50), pct(measured, 0.99), pct(measured, 0.999), measured[measured.length - 1] / 1e6,
                failed.get(), errors.isEmpty() ? "" : " (first: " + errors.peek() + ")");
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static CompletableFuture<HttpResponse<Void>> post(HttpClient http, URI url, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    /** One status in Meta's webhook shape, as Meta posts them (one change per status). */
    private static byte[] statusBody(String wamid, String status) {
        long ts = Instant.now().getEpochSecond();
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000999\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550100888\",\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},"
                + "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + ts + "\",\"recipient_id\":\"12025550001\"}]},"
                + "\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** A tenant with its number connected, and {@code n} sent outbound messages with known wamids (set-based). */
    static UUID setUp(BenchEnvironment env, WhatsAppAccountService accounts, int n) {
        UUID tenant = env.db().inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name) VALUES ('Bench') RETURNING id"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        });
        accounts.connect(tenant, new WhatsAppConnection(PHONE_NUMBER_ID, "EAAbench", APP_SECRET, "verify", "+15550100888", "100000000000999", null, null));
        env.db().inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO contacts (tenant_id, phone) SELECT ?, '+1202555' || lpad(g::text, 4, '0') FROM generate_series(1, 1000) g;
                    INSERT INTO conversations (tenant_id, contact_id, channel, status) SELECT tenant_id, id, 'whatsapp', 'open' FROM contacts WHERE tenant_id = ?;
                    WITH convs AS (SELECT id, contact_id, row_number() OVER (ORDER BY id) - 1 AS k FROM conversations WHERE tenant_id = ?)
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, status,
                                          external_message_id, sent_at, send_attempts, created_at)
                    SELECT ?, cv.id, cv.contact_id, 'whatsapp', 'outbound', 'text', 'text', 'Bench ' || g, 'sent', 'wamid.bench' || g, NOW(), 1, NOW()
                    FROM generate_series(0, ? - 1) g JOIN convs cv ON cv.k = g % 1000;
                    ANALYZE""")) {
                ps.setObject(1, tenant);
                ps.setObject(2, tenant);
                ps.setObject(3, tenant);
                ps.setObject(4, tenant);
                ps.setInt(5, n);
                return ps.execute();
            }
        });
        return tenant;
    }
}
