package io.switchboard.bench;

import io.switchboard.campaign.Audience;
import io.switchboard.campaign.CampaignCounters;
import io.switchboard.campaign.CampaignDraft;
import io.switchboard.campaign.CampaignEnqueuer;
import io.switchboard.campaign.CampaignFunnel;
import io.switchboard.campaign.CampaignService;
import io.switchboard.campaign.CreatedCampaign;
import io.switchboard.campaign.Funnel;
import io.switchboard.campaign.FunnelBucket;
import io.switchboard.campaign.VariableSource;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
import io.switchboard.tenant.TenantService;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A 100,000-recipient campaign: materialization (create), enqueueing into the outbox (the worker's transactions,
 * 1,000 recipients each, without the rate limits so the enqueuer itself is measured), then the funnel query over
 * its messages once statuses and replies are in, and the counters' recount.
 * Usage: bench/run.sh CampaignBenchmark [recipients=100000] [runs=30]
 */
public final class CampaignBenchmark {
    private CampaignBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.println(BenchEnvironment.machine());
        try (BenchEnvironment env = new BenchEnvironment(4)) {
            UUID tenant = new TenantService(env.db()).create("Campaign bench").id();
            exec(env, """
                    INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc)
                    VALUES (?, '106540352241111', 'x', 'x', 'x')""", tenant);
            exec(env, "INSERT INTO templates (tenant_id, name, language, body, status) VALUES (?, 'promo', 'en_US', 'Hi {{1}}, {{2}} off today', 'approved')",
                    tenant);
            exec(env, """
                    INSERT INTO contacts (tenant_id, phone, name, metadata, created_at)
                    SELECT ?, '+1' || (2025000000 + g)::text, CASE WHEN g % 7 = 0 THEN NULL ELSE 'Customer ' || g END,
                           jsonb_build_object('tier', CASE WHEN g % 2 = 0 THEN 'gold' ELSE 'silver' END), NOW() - (g || ' seconds')::interval
                    FROM generate_series(1, ?) g""", tenant, n);
            exec(env, "UPDATE contacts SET opted_out_at = NOW() WHERE tenant_id = ? AND phone LIKE '%17'", tenant);
            exec(env, "ANALYZE");
            CampaignService campaigns = new CampaignService(env.db());
            CampaignDraft draft = new CampaignDraft(tenant, "Bench", null, "promo", "en_US",
                    List.of(VariableSource.parse("name|there"), VariableSource.parse("text:20%")), new Audience.All(), null, null);
            long t0 = System.nanoTime();
            CreatedCampaign created = campaigns.create(draft);
            double materialize = (System.nanoTime() - t0) / 1e9;
            System.out.printf("materialize %,d contacts (%,d recipients, %,d opted out): %.2f s%n", n, created.recipients(), created.optedOut(), materialize);
            long t1 = System.nanoTime();
            campaigns.create(draft.withAudience(new Audience.Filter(Map.of("tier", "gold"), null, null, null, null)).withName("Bench gold"));
            System.out.printf("materialize with a metadata filter (half of them): %.2f s%n", (System.nanoTime() - t1) / 1e9);

            campaigns.start(tenant, created.id());
            TemplateView template = new TemplateService(env.db()).sendable(tenant, "promo", "en_US");
            CampaignEnqueuer enqueuer = new CampaignEnqueuer(env.db());
            long t2 = System.nanoTime();
            int queued = 0;
            int k;
            while ((k = enqueuer.enqueue(tenant, created.id(), template, 1_000)) > 0) {
                queued += k;
            }
            double enqueue = (System.nanoTime() - t2) / 1e9;
            System.out.printf("enqueue %,d messages in transactions of 1,000: %.2f s = %,.0f messages/s%n", queued, enqueue, queued / enqueue);

            // Statuses as a finished campaign has them: 90 % sent, of those 90 % delivered, half read, some failed; 5 % replied.
            exec(env, "UPDATE messages SET status = 'sent', sent_at = NOW(), external_message_id = 'wamid.' || id WHERE campaign_id = ? AND random() < 0.9",
                    created.id());
            exec(env, "UPDATE messages SET status = 'delivered', delivered_at = NOW() WHERE campaign_id = ? AND status = 'sent' AND random() < 0.9", created.id());
            exec(env, "UPDATE messages SET status = 'read', read_at = NOW() WHERE campaign_id = ? AND status = 'delivered' AND random() < 0.5", created.id());
            exec(env, "UPDATE messages SET status = 'failed', failed_at = NOW(), error_code = CASE WHEN random() < 0.5 THEN '131026' ELSE '131049' END "
                    + "WHERE campaign_id = ? AND status = 'queued' AND random() < 0.5", created.id());
            exec(env, """
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at)
                    SELECT tenant_id, conversation_id, contact_id, 'inbound', 'text', 'thanks', 'delivered', delivered_at + INTERVAL '1 hour'
                    FROM messages WHERE campaign_id = ? AND delivered_at IS NOT NULL AND random() < 0.05""", created.id());
            exec(env, "ANALYZE");
            CampaignFunnel funnel = new CampaignFunnel(env.db());
            List<Double> times = new ArrayList<>();
            Funnel f = null;
            for (int i = 0; i < runs; i++) {
                long a = System.nanoTime();
                f = funnel.funnel(tenant, created.id());
                times.add((System.nanoTime() - a) / 1e6);
            }
            System.out.printf("funnel of %,d recipients (%d runs): p50 %.1f ms, p95 %.1f ms; sent %,d delivered %,d read %,d replied %,d failed %,d limited %,d%n",
                    f.count(FunnelBucket.RECIPIENTS), runs, pct(times, 50), pct(times, 95), f.count(FunnelBucket.SENT), f.count(FunnelBucket.DELIVERED),
                    f.count(FunnelBucket.READ), f.count(FunnelBucket.REPLIED), f.count(FunnelBucket.FAILED), f.count(FunnelBucket.LIMITED));
            List<Double> counters = new ArrayList<>();
            CampaignCounters recount = new CampaignCounters(env.db());
            for (int i = 0; i < 10; i++) {
                long a = System.nanoTime();
                recount.refreshActive(Duration.ofDays(1));
                counters.add((System.nanoTime() - a) / 1e6);
            }
            System.out.printf("guide counters refresh (fold + copy from the funnel counters; 10 runs): p50 %.1f ms, p95 %.1f ms%n", pct(counters, 50), pct(counters, 95));
            List<Double> drill = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long a = System.nanoTime();
                funnel.contacts(tenant, created.id(), FunnelBucket.FAILED, "131026", 200);
                drill.add((System.nanoTime() - a) / 1e6);
            }
            System.out.printf("drill-down failed 131026, first 200 (10 runs): p50 %.1f ms%n", pct(drill, 50));
            for (FunnelBucket b : List.of(FunnelBucket.REPLIED, FunnelBucket.LIMITED, FunnelBucket.UNREAD, FunnelBucket.WAITING)) {
                List<Double> t = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    long a = System.nanoTime();
                    funnel.contacts(tenant, created.id(), b, null, 200);
                    t.add((System.nanoTime() - a) / 1e6);
                }
                System.out.printf("drill-down %s (%,d), first 200 (10 runs): p50 %.1f ms, p95 %.1f ms%n", b.key(), f.count(b), pct(t, 50), pct(t, 95));
            }
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
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
