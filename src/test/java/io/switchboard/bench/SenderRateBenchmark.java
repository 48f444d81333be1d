package io.switchboard.bench;

import io.switchboard.app.Workers;
import io.switchboard.channel.sandbox.SandboxDemo;
import io.switchboard.config.Settings;
import io.switchboard.db.DatabaseStartup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Does a burst go out at the number's configured rate? Everything runs as {@code serve} runs it
 * ({@link Workers} with the sandbox on: receiver, event poller, outbox sender with its default options,
 * the sandbox posting sent/delivered/read webhooks back and simulated customers replying), on the app's
 * embedded PostgreSQL. The demo number's {@code send_rate_per_second} is set, then {@code messages} text
 * messages to 1,000 contacts inside their 24-hour window are queued in one transaction.
 *
 * <p>Reported: the sustained rate (messages recorded sent between the 10th and the 90th percentile of
 * {@code sent_at}, over that span — the bucket's first second's worth of burst and the tail left out),
 * the overall rate from queueing to the last send, and how many HTTP attempts each message was counted.
 *
 * <p>Run: {@code bench/run.sh SenderRateBenchmark [messages=3000] [rate=80] [rate...]}; each rate gets its own
 * burst on the same database, one after the other. With {@code -Dmode=sender} only the sender runs, against
 * a silent sandbox (no webhooks, no simulated customers), and the rate is measured where Meta would see it:
 * from the sandbox's own clock at each acceptance — the figure that matters for Meta's throttling, free of
 * the receiver's and the poller's load.
 */
public final class SenderRateBenchmark {
    private SenderRateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        List<Integer> rates = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        if (rates.isEmpty()) {
            rates.add(80);
        }
        System.out.println("machine: " + BenchEnvironment.machine());
        if ("sender".equals(System.getProperty("mode"))) {
            senderOnly(messages, rates);
            return;
        }
        Path home = Files.createTempDirectory("switchboard-rate-bench");
        Settings settings = Settings.load(Map.of("SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_SANDBOX", "true"), home, System.getProperty("os.name"),
                home.toString());
        try (DatabaseStartup.Running running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 16);
             Workers workers = Workers.desktop(running.database(), settings)) {
            var db = running.database();
            UUID tenant = db.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM whatsapp_accounts WHERE waba_id = ?")) {
                    ps.setString(1, SandboxDemo.SANDBOX_WABA_ID);
                    ResultSet rs = ps.executeQuery();
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            });
            addContacts(running, tenant);
            for (int rate : rates) {
                burst(running, tenant, messages, rate);
            }
        }
    }

    private static void burst(DatabaseStartup.Running running, UUID tenant, int messages, int rate) throws InterruptedException {
        var db = running.database();
        String batchTag = "burst " + rate + "/s " + UUID.randomUUID();
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE whatsapp_accounts SET send_rate_per_second = ? WHERE tenant_id = ?")) {
                ps.setInt(1, rate);
                ps.setObject(2, tenant);
                ps.executeUpdate();
            }
            // A full bucket at the new rate, as a number that has been quiet for a while has.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM send_rate_buckets WHERE tenant_id = ?")) {
                ps.setObject(1, tenant);
                ps.executeUpdate();
            }
            return null;
        });
        // The sender caches accounts briefly; let the new rate reach it before the burst.
        Thread.sleep(6_000);
        long queuedAt = System.nanoTime();
        Timestamp queuedTs = db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH convs AS (SELECT cv.id, cv.contact_id, row_number() OVER (ORDER BY cv.id) - 1 AS k FROM conversations cv
                                   JOIN contacts ct ON ct.id = cv.contact_id WHERE cv.tenant_id = ? AND ct.phone LIKE '+1202555%')
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, status, created_at)
                    SELECT ?, cv.id, cv.contact_id, 'whatsapp', 'outbound', 'text', 'text', ? || ' #' || g, 'queued', NOW()
                    FROM generate_series(0, ? - 1) g JOIN convs cv ON cv.k = g % 1000""")) {
                ps.setObject(1, tenant);
                ps.setObject(2, tenant);
                ps.setString(3, batchTag);
                ps.setInt(4, messages);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()::timestamp"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1);
            }
        });
        String like = batchTag + " #%";
        while (count(running, "SELECT COUNT(*) FROM messages WHERE content LIKE ? AND status <> 'queued'", like) < messages) {
            if (System.nanoTime() - queuedAt > 600_000_000_000L) {
                throw new IllegalStateException("burst not done after 10 minutes");
            }
            Thread.sleep(50);
        }
        double wall = (System.nanoTime() - queuedAt) / 1e9;
        List<Timestamp> sentAt = db.inJdbcTransaction(c -> {
            List<Timestamp> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sent_at FROM messages WHERE content LIKE ? AND sent_at IS NOT NULL ORDER BY sent_at")) {
                ps.setString(1, like);
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    out.add(rs.getTimestamp(1));
                }
            }
            return out;
        });
        long sent = sentAt.size();
        int p10 = (int) (sent * 0.10);
        int p90 = (int) (sent * 0.90) - 1;
        double span = (sentAt.get(p90).getTime() - sentAt.get(p10).getTime()) / 1e3;
        double sustained = (p90 - p10) / span;
        double overall = sent / ((sentAt.get(sentAt.size() - 1).getTime() - queuedTs.getTime()) / 1e3);
        String attempts = db.inJdbcTransaction(c -> {
            StringBuilder sb = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT send_attempts, status, COUNT(*) FROM messages WHERE content LIKE ? GROUP BY 1, 2 ORDER BY 1, 2")) {
                ps.setString(1, like);
                ResultSet rs = ps.executeQuery();
                while (rs.next()) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(rs.getLong(3)).append(' ').append(rs.getString(2)).append(" with ")
                            .append(rs.getInt(1)).append(" attempt(s)");
                }
            }
            return sb.toString();
        });
        System.out.printf("rate %d/s: %d messages, %d sent; sustained %.1f/s (%.1f %% of configured, p10..p90 of sent_at over %.2f s); "
                        + "overall %.1f/s (queue → last sent, %.2f s wall until none queued); %s; load average %s%n",
                rate, messages, sent, sustained, 100 * sustained / rate, span, overall, wall, attempts, loadAverage());
    }

    private static void senderOnly(int messages, List<Integer> rates) throws InterruptedException {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        io.switchboard.config.SecretBox secrets = new io.switchboard.config.SecretBox(key);
        String phoneNumberId = "100000000000888";
        String token = "EAArate" + UUID.randomUUID();
        java.util.concurrent.ConcurrentLinkedQueue<Long> acceptedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();
        try (BenchEnvironment env = new BenchEnvironment(16);
             io.switchboard.channel.sandbox.CloudApiSandbox sandbox = io.switchboard.channel.sandbox.CloudApiSandbox.start(
                     io.switchboard.channel.sandbox.SandboxOptions.silent())) {
            sandbox.register(new io.switchboard.channel.sandbox.SandboxNumber(phoneNumberId, "+15550100888", "Rate", "waba-rate", token, "secret", null));
            sandbox.addListener((number, to, wamid, type) -> acceptedAt.add(System.nanoTime()));
            UUID tenant = env.db().inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name) VALUES ('Rate') RETURNING id"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            });
            env.db().inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc, api_base_url)
                        VALUES (?, ?, ?, ?, ?, ?)""")) {
                    ps.setObject(1, tenant);
                    ps.setString(2, phoneNumberId);
                    ps.setString(3, secrets.encrypt(token));
                    ps.setString(4, secrets.encrypt("secret"));
                    ps.setString(5, secrets.encrypt("verify"));
                    ps.setString(6, sandbox.baseUrl());
                    return ps.executeUpdate();
                }
            });
            addContacts(env.running, tenant);
            io.switchboard.delivery.OutboxSender sender = new io.switchboard.delivery.OutboxSender(env.db(),
                    new io.switchboard.delivery.JdbcSendingAccounts(env.db(), secrets), new io.switchboard.channel.whatsapp.CloudApiClient(),
                    io.switchboard.delivery.OutboxSender.Options.defaults());
            sender.start();
            try {
                for (int rate : rates) {
                    acceptedAt.clear();
                    burst(env.running, tenant, messages, rate);
                    List<Long> times = new ArrayList<>(acceptedAt);
                    java.util.Collections.sort(times);
                    int p10 = (int) (times.size() * 0.10);
                    int p90 = (int) (times.size() * 0.90) - 1;
                    double span = (times.get(p90) - times.get(p10)) / 1e9;
                    System.out.printf("rate %d/s at the API: %d accepted; sustained %.1f/s (%.1f %% of configured, p10..p90 of the sandbox's acceptance"
                            + " times over %.2f s); sandbox received %d requests in all%n", rate, times.size(), (p90 - p10) / span,
                            100 * (p90 - p10) / span / rate, span, sandbox.requestCount());
                }
            } finally {
                sender.stop();
            }
        }
    }

    private static long count(DatabaseStartup.Running running, String sql, String arg) {
        return running.database().inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** 1,000 contacts who wrote a minute ago (inside the 24-hour window), each with an open conversation. */
    private static void addContacts(DatabaseStartup.Running running, UUID tenant) {
        running.database().inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO contacts (tenant_id, phone, last_inbound_at)
                    SELECT ?, '+1202555' || lpad(g::text, 4, '0'), NOW() - INTERVAL '1 minute' FROM generate_series(1, 1000) g;
                    INSERT INTO conversations (tenant_id, contact_id, channel, status)
                    SELECT tenant_id, id, 'whatsapp', 'open' FROM contacts WHERE tenant_id = ? AND phone LIKE '+1202555%'""")) {
                ps.setObject(1, tenant);
                ps.setObject(2, tenant);
                ps.execute();
            }
            return null;
        });
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
