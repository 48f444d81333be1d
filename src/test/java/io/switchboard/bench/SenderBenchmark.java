package io.switchboard.bench;

import io.switchboard.channel.sandbox.CloudApiSandbox;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.config.SecretBox;
import io.switchboard.delivery.JdbcSendingAccounts;
import io.switchboard.delivery.OutboxSender;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

/**
 * Sender throughput against the sandbox with the rate limit lifted: queued messages → claimed (SKIP
 * LOCKED, leased) → POSTed over real HTTP on loopback → recorded as sent with their wamid, all on the
 * app's embedded PostgreSQL. The sandbox posts no webhooks here, so only the sending path is measured.
 *
 * <p>Run: {@code bench/run.sh SenderBenchmark [messages] [workers] [batch]} (defaults 20000 4 100).
 */
public final class SenderBenchmark {
    private static final String PHONE_NUMBER_ID = "100000000000777";

    private SenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        System.out.println("machine: " + BenchEnvironment.machine());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBox secrets = new SecretBox(key);
        try (BenchEnvironment env = new BenchEnvironment(workers * 2 + 4);
             CloudApiSandbox sandbox = CloudApiSandbox.start(SandboxOptions.silent(), 0, 8)) {
            String token = "EAAbench" + UUID.randomUUID();
            sandbox.register(new SandboxNumber(PHONE_NUMBER_ID, "+15550100777", "Bench", "waba-bench", token, "secret", null));
            UUID tenant = setUp(env, secrets, sandbox.baseUrl(), token);
            OutboxSender.Options options = OutboxSender.Options.defaults().withWorkers(workers).withBatchSize(batch).withIdlePoll(Duration.ofMillis(5));
            CloudApiClient client = new CloudApiClient();

            run(env, tenant, secrets, client, options, Math.min(5_000, messages), "warm-up");
            Result r = run(env, tenant, secrets, client, options, messages, "measured");
            System.out.printf("sender: %d messages in %.2f s = %.0f messages/s (workers %d, batch %d); sandbox received %d requests%n",
                    messages, r.seconds(), messages / r.seconds(), workers, batch, sandbox.requestCount());
        }
    }

    private record Result(double seconds) {
    }

    private static Result run(BenchEnvironment env, UUID tenant, SecretBox secrets, CloudApiClient client, OutboxSender.Options options, int messages,
                              String label) throws InterruptedException {
        queue(env, tenant, messages);
        long sentBefore = env.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'");
        OutboxSender sender = new OutboxSender(env.db(), new JdbcSendingAccounts(env.db(), secrets), client, options);
        long start = System.nanoTime();
        sender.start();
        while (env.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'") - sentBefore < messages) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sender.stop();
        long failed = env.count("SELECT COUNT(*) FROM messages WHERE status <> 'sent'");
        System.out.printf("%s: %d sent in %.2f s (%.0f/s), %d not sent%n", label, messages, seconds, messages / seconds, failed);
        return new Result(seconds);
    }

    /** A tenant, its account pointing at the sandbox with the rate lifted, and 1,000 contacts who wrote a minute ago. */
    private static UUID setUp(BenchEnvironment env, SecretBox secrets, String baseUrl, String token) {
        return env.db().inJdbcTransaction(c -> {
            UUID tenant;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name) VALUES ('Bench') RETURNING id"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                tenant = rs.getObject(1, UUID.class);
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc, api_base_url,
                                                   send_rate_per_second)
                    VALUES (?, ?, ?, ?, ?, ?, 1000000)""")) {
                ps.setObject(1, tenant);
                ps.setString(2, PHONE_NUMBER_ID);
                ps.setString(3, secrets.encrypt(token));
                ps.setString(4, secrets.encrypt("secret"));
                ps.setString(5, secrets.encrypt("verify"));
                ps.setString(6, baseUrl);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO contacts (tenant_id, phone, last_inbound_at)
                    SELECT ?, '+1202555' || lpad(g::text, 4, '0'), NOW() - INTERVAL '1 minute' FROM generate_series(1, 1000) g;
                    INSERT INTO conversations (tenant_id, contact_id, channel, status) SELECT tenant_id, id, 'whatsapp', 'open' FROM contacts WHERE tenant_id = ?""")) {
                ps.setObject(1, tenant);
                ps.setObject(2, tenant);
                ps.execute();
            }
            return tenant;
        });
    }

    /** Queues {@code n} text messages spread over the contacts, set-based (setup, not measured). */
    private static void queue(BenchEnvironment env, UUID tenant, int n) {
        env.db().inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH convs AS (SELECT id, contact_id, row_number() OVER (ORDER BY id) - 1 AS k FROM conversations WHERE tenant_id = ?)
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, status, created_at)
                    SELECT ?, cv.id, cv.contact_id, 'whatsapp', 'outbound', 'text', 'text', 'Benchmark message ' || g, 'queued', NOW()
                    FROM generate_series(0, ? - 1) g JOIN convs cv ON cv.k = g % 1000""")) {
                ps.setObject(1, tenant);
                ps.setObject(2, tenant);
                ps.setInt(3, n);
                return ps.executeUpdate();
            }
        });
        env.db().inJdbcTransaction(c -> c.prepareStatement("ANALYZE messages").execute());
    }
}
