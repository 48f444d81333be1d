package io.switchboard.bench;

import io.switchboard.automation.AutomationDraft;
import io.switchboard.automation.AutomationEngine;
import io.switchboard.automation.AutomationService;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.config.SecretBox;
import io.switchboard.tenant.TenantService;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;

/**
 * What automations cost the inbound path and how fast the worker drains: N inbound text webhooks (one message each,
 * 1,000 contacts) stored set-based, then applied by the event poller (2 threads, batch 200, as serve runs it) —
 * (1) with no automation, (2) with an active webhook automation that listens but never matches (the enqueue
 * trigger writes one automation_events row per message), alternated twice so the ratio is back to back; then
 * (5) the worker matching that backlog and (6) executing one update_contact run per message.
 * Run: {@code bench/run.sh AutomationBenchmark [messages]} (default 10000).
 */
public final class AutomationBenchmark {
    private static final String PHONE_NUMBER_ID = "106540352249999";

    private AutomationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        System.out.println(BenchEnvironment.machine());
        try (BenchEnvironment env = new BenchEnvironment(8)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            SecretBox secrets = new SecretBox(key);
            UUID tenant = new TenantService(env.db()).create("Bench").id();
            env.db().inJdbcTransaction(c -> c.prepareStatement("INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, "
                    + "verify_token_enc) VALUES ('" + tenant + "', '" + PHONE_NUMBER_ID + "', 'x', 'x', 'x')").executeUpdate());
            AutomationService service = new AutomationService(env.db(), secrets);
            UUID listening = service.create(tenant, AutomationDraft.fromJson("""
                    {"name": "never", "trigger_type": "webhook", "trigger_config": {"conditions": {"keywords": ["zzz-never"]}},
                     "action_type": "update_contact", "action_config": {"metadata": {"x": "1"}}, "status": "inactive"}""")).id();
            int round = 0;
            for (boolean on : new boolean[] {false, true, false, true}) {
                env.db().inJdbcTransaction(c -> c.prepareStatement("UPDATE automations SET status = '" + (on ? "active" : "inactive") + "' WHERE id = '"
                        + listening + "'").executeUpdate());
                double rate = inbound(env, n, ++round);
                System.out.printf("(%d) poller, %s: %d inbound messages applied at %.0f messages/s; automation_events rows: %d%n", round,
                        on ? "a webhook automation listening" : "no automation", n, rate, env.count("SELECT COUNT(*) FROM automation_events"));
            }
            AutomationEngine engine = new AutomationEngine(env.db(), secrets, Duration.ofSeconds(1));
            long start = System.nanoTime();
            int events = 0;
            for (int taken; (taken = engine.intake(200)) > 0; ) {
                events += taken;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("(5) worker matching: %d events in %.2f s = %.0f events/s (none matched)%n", events, seconds, events / seconds);

            env.db().inJdbcTransaction(c -> c.prepareStatement("UPDATE automations SET status = 'inactive'").executeUpdate());
            UUID acting = service.create(tenant, AutomationDraft.fromJson("""
                    {"name": "tag", "trigger_type": "webhook", "trigger_config": {},
                     "action_type": "update_contact", "action_config": {"metadata": {"last": "{{message.text}}"}}}""")).id();
            env.db().inJdbcTransaction(c -> c.prepareStatement("UPDATE automations SET max_runs_per_contact_hour = 1000000 WHERE id = '" + acting + "'")
                    .executeUpdate());
            inbound(env, n, ++round);
            start = System.nanoTime();
            int runs = 0;
            while (engine.intake(200) > 0) {
                // all events become pending runs first
            }
            double matchSeconds = (System.nanoTime() - start) / 1e9;
            while (engine.executeNext(null).isPresent()) {
                runs++;
            }
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("(6) worker acting (one thread): %d update_contact runs matched in %.2f s, executed by %.2f s = %.0f runs/s; "
                            + "counters %s%n", runs, matchSeconds, seconds, runs / seconds,
                    env.count("SELECT execution_count FROM automations WHERE id = '" + acting + "'") == runs ? "equal the log" : "DIFFER");
        }
    }

    /** Stores n inbound webhooks set-based and times the poller applying them. */
    private static double inbound(BenchEnvironment env, int n, int round) throws InterruptedException {
        env.db().inJdbcTransaction(c -> {
            String template = """
                    {"object":"whatsapp_business_account","entry":[{"id":"waba","changes":[{"field":"messages","value":{
                    "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550109999","phone_number_id":"%s"},
                    "contacts":[{"profile":{"name":"Customer"},"wa_id":"WAID"}],
                    "messages":[{"from":"WAID","id":"WAMID","timestamp":"TS","type":"text","text":{"body":"hello"}}]}}]}]}"""
                    .formatted(PHONE_NUMBER_ID);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO webhook_events (event_type, payload, status, created_at)
                    SELECT 'whatsapp', replace(replace(replace(?, 'WAID', (5511900000000 + g % 1000)::text), 'WAMID', 'wamid.r' || ? || '.' || g),
                                               'TS', (extract(epoch FROM NOW())::bigint - 60 + g % 60)::text)::jsonb,
                           'unprocessed', NOW() + g * INTERVAL '1 microsecond'
                    FROM generate_series(1, ?) g""")) {
                ps.setString(1, template);
                ps.setInt(2, round);
                ps.setInt(3, n);
                return ps.executeUpdate();
            }
        });
        env.db().inJdbcTransaction(c -> c.prepareStatement("ANALYZE").execute());
        EventPoller poller = new EventPoller(env.db(), 2, 200);
        long start = System.nanoTime();
        poller.start();
        while (env.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'") > 0) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        poller.stop();
        if (env.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'failed'") > 0) {
            throw new IllegalStateException("some bench webhooks failed to apply");
        }
        return n / seconds;
    }
}
