package io.switchboard.bench;

import io.switchboard.campaign.Audience;
import io.switchboard.campaign.CampaignDraft;
import io.switchboard.campaign.CampaignFunnel;
import io.switchboard.campaign.CampaignService;
import io.switchboard.campaign.CampaignWorker;
import io.switchboard.campaign.CreatedCampaign;
import io.switchboard.campaign.FunnelBucket;
import io.switchboard.campaign.VariableSource;
import io.switchboard.channel.sandbox.CloudApiSandbox;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.common.PeriodicJob;
import io.switchboard.config.SecretBox;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.delivery.JdbcSendingAccounts;
import io.switchboard.delivery.OutboxSender;
import io.switchboard.demo.DemoData;
import io.switchboard.ui.thread.ThreadViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Conversation switch while a 100,000-recipient campaign runs (issue 10, point 9): the service call the thread view
 * makes when an agent opens a conversation ({@code ConversationService.thread}, the newest page of 50, what the inbox
 * benchmark's "click to messages" waits for before one FX pulse paints it), timed between the 40 newest conversations
 * of a demo-data inbox — first with nothing running, then while the campaign worker enqueues and the outbox sender
 * sends every recipient to the sandbox over HTTP at a lifted rate while delivery statuses are applied in poller-sized
 * batches (200 per statement, as the event poller writes them), then with nothing running again. The first page of
 * the conversation list is timed alongside (the campaign moves conversations to the top).
 * Usage: bench/run.sh CampaignSwitchBenchmark [contacts=100000] [messages=500000] [rate per second=1000] [seconds of campaign to sample=120]
 */
public final class CampaignSwitchBenchmark {
    private static final String PHONE_NUMBER_ID = "100000000000778";

    private CampaignSwitchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long messages = args.length > 1 ? Long.parseLong(args[1]) : 500_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int sampleSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        System.out.println(BenchEnvironment.machine());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBox secrets = new SecretBox(key);
        String token = "bench-token-" + UUID.randomUUID();
        try (BenchEnvironment env = new BenchEnvironment(12);
             CloudApiSandbox sandbox = CloudApiSandbox.start(SandboxOptions.silent(), 0, 8)) {
            sandbox.register(new SandboxNumber(PHONE_NUMBER_ID, "+15550100778", "Bench", "waba-bench", token, "secret", null));
            UUID tenant = env.db().inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name) VALUES ('Switch bench') RETURNING id");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            });
            exec(env, """
                    INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc, api_base_url,
                                                   send_rate_per_second)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""", tenant, PHONE_NUMBER_ID, secrets.encrypt(token), secrets.encrypt("secret"),
                    secrets.encrypt("verify"), sandbox.baseUrl(), rate);
            sandbox.registerTemplate(PHONE_NUMBER_ID, "promo", "en_US", 0, 2);
            exec(env, "INSERT INTO templates (tenant_id, name, language, body, status) VALUES (?, 'promo', 'en_US', 'Hi {{1}}, {{2}} off today', 'approved')",
                    tenant);
            long t0 = System.nanoTime();
            new DemoData(env.db()).fill(tenant, contacts, messages, 3);
            exec(env, "ANALYZE");
            System.out.printf("demo-data: %,d contacts and conversations, %,d messages in %.1f s%n", contacts, messages, (System.nanoTime() - t0) / 1e9);

            ConversationService conversations = new ConversationService(env.db());
            List<UUID> newest = conversations.list(tenant, ConversationFilter.ALL, "", null, 40).items().stream().map(ConversationSummary::id).toList();
            Random random = new Random(1);
            sample(conversations, tenant, newest, random, 10, null); // warm-up
            Samples quiet = sample(conversations, tenant, newest, random, 200, null);
            quiet.print("no campaign running", load());

            CampaignService campaigns = new CampaignService(env.db());
            CampaignDraft draft = new CampaignDraft(tenant, "Switch bench", null, "promo", "en_US",
                    List.of(VariableSource.parse("name|there"), VariableSource.parse("text:20%")), new Audience.All(), null, null);
            long t1 = System.nanoTime();
            CreatedCampaign created = campaigns.create(draft);
            System.out.printf("campaign materialized: %,d recipients in %.2f s%n", created.recipients(), (System.nanoTime() - t1) / 1e9);
            campaigns.start(tenant, created.id());
            PeriodicJob worker = new CampaignWorker(env.db()).start(Duration.ZERO, CampaignWorker.EVERY);
            OutboxSender sender = new OutboxSender(env.db(), new JdbcSendingAccounts(env.db(), secrets), new CloudApiClient(),
                    OutboxSender.Options.defaults().withIdlePoll(Duration.ofMillis(20)));
            sender.start();
            AtomicBoolean delivering = new AtomicBoolean(true);
            Thread statuses = new Thread(() -> {
                while (delivering.get()) {
                    exec(env, """
                            UPDATE messages SET status = 'delivered', delivered_at = NOW(), updated_at = NOW()
                            WHERE id IN (SELECT id FROM messages WHERE campaign_id = ? AND status = 'sent' LIMIT 200 FOR UPDATE SKIP LOCKED)""", created.id());
                    sleep(100);
                }
            }, "statuses");
            statuses.start();
            long started = System.nanoTime();
            Samples running = sample(conversations, tenant, newest, random, Integer.MAX_VALUE, () ->
                    (System.nanoTime() - started) / 1e9 > sampleSeconds || env.count("SELECT COUNT(*) FROM messages WHERE campaign_id = '" + created.id()
                            + "' AND status = 'queued'") == 0 && env.count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = '" + created.id()
                            + "' AND state = 'pending'") == 0);
            double elapsed = (System.nanoTime() - started) / 1e9;
            String loadWhileRunning = load();
            long sent = env.count("SELECT COUNT(*) FROM messages WHERE campaign_id = '" + created.id() + "' AND status <> 'queued'");
            long queuedMessages = env.count("SELECT COUNT(*) FROM messages WHERE campaign_id = '" + created.id() + "'");
            delivering.set(false);
            statuses.join();
            sender.stop();
            worker.close();
            running.print("campaign running", loadWhileRunning);
            System.out.printf("campaign during sampling: %.0f s, %,d messages enqueued, %,d sent (%.0f/s), sandbox requests %,d%n", elapsed, queuedMessages,
                    sent, sent / elapsed, sandbox.requestCount());
            Samples after = sample(conversations, tenant, newest, random, 200, null);
            after.print("no campaign running, after", load());
            CampaignFunnel funnel = new CampaignFunnel(env.db());
            List<Double> reads = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                long a = System.nanoTime();
                funnel.funnel(tenant, created.id());
                reads.add((System.nanoTime() - a) / 1e6);
            }
            var f = funnel.funnel(tenant, created.id());
            System.out.printf("funnel after: p50 %.1f ms, p95 %.1f ms (sent %,d delivered %,d)%n", pct(reads, 50), pct(reads, 95), f.count(FunnelBucket.SENT),
                    f.count(FunnelBucket.DELIVERED));
        }
    }

    /** Thread pages (the switch) and first list pages, alternating, ~every 100 ms, until {@code stop} says so or n switches. */
    private static Samples sample(ConversationService conversations, UUID tenant, List<UUID> ids, Random random, int n,
                                  java.util.function.BooleanSupplier stop) {
        Samples s = new Samples();
        for (int i = 0; i < n; i++) {
            if (stop != null && i % 10 == 0 && stop.getAsBoolean()) {
                break;
            }
            UUID id = ids.get(random.nextInt(ids.size()));
            long a = System.nanoTime();
            conversations.thread(tenant, id, null, ThreadViewModel.PAGE);
            s.switches.add((System.nanoTime() - a) / 1e6);
            long b = System.nanoTime();
            conversations.list(tenant, ConversationFilter.ALL, "", null, 50);
            s.lists.add((System.nanoTime() - b) / 1e6);
            if (stop != null) {
                sleep(100);
            }
        }
        return s;
    }

    private static final class Samples {
        final List<Double> switches = new ArrayList<>();
        final List<Double> lists = new ArrayList<>();

        void print(String label, String load) {
            System.out.printf("%s (%s): conversation switch (thread page of %d) n=%d p50 %.1f ms p95 %.1f ms max %.1f ms; list first page p50 %.1f ms p95 %.1f ms%n",
                    label, load, ThreadViewModel.PAGE, switches.size(), pct(switches, 50), pct(switches, 95), pct(switches, 100), pct(lists, 50), pct(lists, 95));
        }
    }

    private static String load() {
        try {
            return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "load average unknown";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void exec(BenchEnvironment env, String sql, Object... args) {
        env.db().inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    private static double pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
