package io.switchboard.backup;

import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.sandbox.SandboxRuntime;
import io.switchboard.channel.sandbox.SimulatedCustomers;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.config.SecretBox;
import io.switchboard.db.Database;
import io.switchboard.delivery.JdbcSendingAccounts;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxSender;
import io.switchboard.delivery.OutboxService;
import io.switchboard.demo.DemoData;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A tenant filled the way the app fills one: the sandbox's first start (tenant, WhatsApp number
 * with encrypted secrets, templates), its simulated customers writing in through the real webhook
 * receiver and event poller, replies sent by the real outbox sender and their statuses coming
 * back as webhooks, a demo-data inbox on top, and a campaign and an automation.
 */
final class FilledTenant {
    private FilledTenant() {
    }

    static UUID fill(Database db) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBox secrets = new SecretBox(key);
        WebhookReceiver receiver = new WebhookReceiver(db, new AccountCache(new WhatsAppAccountService(db, secrets)), 0).loopbackOnly();
        receiver.start();
        EventPoller poller = new EventPoller(db, 1, 100);
        try (SandboxRuntime runtime = SandboxRuntime.start(db, secrets, URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH),
                SandboxOptions.fast(), Duration.ofMillis(10), Duration.ofMillis(10))) {
            UUID tenant = UUID.fromString(one(db, "SELECT id FROM tenants"));
            int customers = SimulatedCustomers.DEFAULT.size();
            await(() -> {
                poller.processAvailable();
                return count(db, "SELECT count(*) FROM messages WHERE direction = 'inbound'") >= customers;
            }, "every simulated customer wrote in");
            OutboxService outbox = new OutboxService(db);
            for (SimulatedCustomers.Customer c : SimulatedCustomers.DEFAULT) {
                outbox.queueTo(tenant, "+" + c.waId(), OutboundContent.text("Thanks " + c.name() + ", on it\nline two\ttab \\ backslash"));
            }
            outbox.queueTo(tenant, "+" + SimulatedCustomers.DEFAULT.get(0).waId(),
                    OutboundContent.template("order_update", "en_US", List.of(), List.of("only one"), "Hi"));
            new OutboxSender(db, new JdbcSendingAccounts(db, secrets), new CloudApiClient(), OutboxSender.Options.defaults()).processBatch();
            await(() -> {
                poller.processAvailable();
                return count(db, "SELECT count(*) FROM messages WHERE direction = 'outbound' AND status = 'read'") >= customers;
            }, "the sandbox's read receipts came back");
            new DemoData(db).fill(tenant, 40, 400, 7);
            // demo-data recounts the tenant's stats; a reply queued after it leaves unfolded stats deltas, as a running app has
            outbox.queueTo(tenant, "+" + SimulatedCustomers.DEFAULT.get(1).waId(), OutboundContent.text("One more thing"));
            db.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO campaigns (tenant_id, name, message, template_id, recipients, status)
                        SELECT tenant_id, 'Spring sale', 'Our spring sale', id, ARRAY['+15550001', 'with, comma', 'quote"d', NULL], 'draft'
                        FROM templates WHERE tenant_id = ? AND name = 'order_update'""")) {
                    ps.setObject(1, tenant);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO automations (tenant_id, name, trigger_type, trigger_config, action_type, action_config)
                        VALUES (?, 'Greet', 'webhook', '{"on":"inbound"}', 'send_message', '{"text":"Hi ☺ — ünïcode"}')""")) {
                    ps.setObject(1, tenant);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        WITH agent AS (INSERT INTO agents (login, display_name) VALUES ('ana', 'Ana Souza') RETURNING id),
                             membership AS (INSERT INTO agent_tenants (agent_id, tenant_id, role) SELECT id, ?, 'supervisor' FROM agent),
                             assigned AS (UPDATE conversations SET assigned_agent_id = (SELECT id FROM agent)
                                          WHERE id = (SELECT id FROM conversations WHERE tenant_id = ? ORDER BY id LIMIT 1))
                        UPDATE messages SET sent_by_agent_id = (SELECT id FROM agent)
                        WHERE id = (SELECT id FROM messages WHERE tenant_id = ? AND direction = 'outbound' ORDER BY id LIMIT 1)""")) {
                    ps.setObject(1, tenant);
                    ps.setObject(2, tenant);
                    ps.setObject(3, tenant);
                    ps.executeUpdate();
                }
                // Campaigns: recipients in every state, one holding its queued message, params with a comma and a quote.
                // (A recipient's message is a message of its campaign, V22.)
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE messages SET campaign_id = (SELECT id FROM campaigns WHERE tenant_id = ? AND name = 'Spring sale')
                        WHERE id = (SELECT id FROM messages WHERE tenant_id = ? AND direction = 'outbound' ORDER BY id LIMIT 1)""")) {
                    ps.setObject(1, tenant);
                    ps.setObject(2, tenant);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO campaign_recipients (campaign_id, contact_id, tenant_id, seq, phone, params, state, reason, message_id, queued_at)
                        SELECT cp.id, ct.id, cp.tenant_id, ct.n::int, ct.phone, ARRAY[ct.phone, 'a, "b"'],
                               CASE ct.n WHEN 1 THEN 'queued' WHEN 2 THEN 'excluded' WHEN 3 THEN 'cancelled' ELSE 'pending' END,
                               CASE ct.n WHEN 2 THEN 'opted_out' WHEN 3 THEN 'not_queued' END,
                               CASE ct.n WHEN 1 THEN (SELECT id FROM messages WHERE tenant_id = cp.tenant_id AND direction = 'outbound' ORDER BY id LIMIT 1) END,
                               CASE ct.n WHEN 1 THEN NOW() END
                        FROM campaigns cp, (SELECT id, phone, row_number() OVER (ORDER BY id) AS n FROM contacts WHERE tenant_id = ? ORDER BY id LIMIT 4) ct
                        WHERE cp.tenant_id = ? AND cp.name = 'Spring sale'""")) {
                    ps.setObject(1, tenant);
                    ps.setObject(2, tenant);
                    ps.executeUpdate();
                }
                // automations (issue 12): business hours, a run in the log, an event waiting for the worker
                try (PreparedStatement ps = c.prepareStatement("""
                        WITH hours AS (INSERT INTO business_hours (tenant_id, time_zone, weekly, holidays)
                                       VALUES (?, 'Europe/Lisbon', '{"mon": [["09:00", "18:00"]]}', ARRAY['2026-12-25'::date])),
                             run AS (INSERT INTO automation_runs (tenant_id, automation_id, trigger_key, trigger_type, contact_id, message_id, variables,
                                                                  status, result, duration_ms, started_at, finished_at)
                                     SELECT a.tenant_id, a.id, 'message:' || m.id, 'webhook', m.contact_id, m.id, '{"message": {"text": "olá \\"q\\""}}',
                                            'succeeded', 'queued text', 12, NOW(), NOW()
                                     FROM automations a, (SELECT * FROM messages WHERE tenant_id = ? AND direction = 'inbound' ORDER BY id LIMIT 1) m
                                     WHERE a.tenant_id = ?)
                        INSERT INTO automation_events (tenant_id, kind, message_id)
                        SELECT tenant_id, 'message_received', id FROM messages WHERE tenant_id = ? AND direction = 'inbound' ORDER BY id LIMIT 1""")) {
                    for (int i = 1; i <= 4; i++) {
                        ps.setObject(i, tenant);
                    }
                    ps.executeUpdate();
                }
                // The team inbox (V16): rules, a note mentioning the agent, a label on a conversation, a canned reply, a typing row.
                try (PreparedStatement ps = c.prepareStatement("""
                        WITH ana AS (SELECT id FROM agents WHERE login = 'ana'),
                             cv AS (SELECT id FROM conversations WHERE tenant_id = ? ORDER BY id LIMIT 1),
                             rules AS (INSERT INTO assignment_rules (tenant_id, mode, max_open_per_agent, last_agent_id)
                                       SELECT ?, 'round_robin', 7, id FROM ana),
                             note AS (INSERT INTO conversation_notes (tenant_id, conversation_id, author_agent_id, body)
                                      SELECT ?, cv.id, ana.id, 'Private: call back after 3 pm, @ana' FROM cv, ana RETURNING id),
                             mention AS (INSERT INTO note_mentions (tenant_id, note_id, agent_id) SELECT ?, note.id, ana.id FROM note, ana),
                             label AS (INSERT INTO labels (tenant_id, name, color) VALUES (?, 'VIP ☆', '#ff8800') RETURNING id),
                             labelled AS (INSERT INTO conversation_labels (tenant_id, conversation_id, label_id) SELECT ?, cv.id, label.id FROM cv, label),
                             canned AS (INSERT INTO canned_replies (tenant_id, shortcut, body) VALUES (?, 'greet', 'Hi {{contact.name|there}}, "quoted"'))
                        INSERT INTO conversation_typing (tenant_id, conversation_id, agent_id) SELECT ?, cv.id, ana.id FROM cv, ana""")) {
                    for (int i = 1; i <= 8; i++) {
                        ps.setObject(i, tenant);
                    }
                    ps.executeUpdate();
                }
                return null;
            });
            // Media: the simulated customers' photo, invoice and voice note downloaded by the worker (media_downloads,
            // media_files), and an upload id remembered for the invoice (media_uploads).
            await(() -> {
                poller.processAvailable();
                return count(db, "SELECT count(*) FROM media_downloads") >= 3;
            }, "the simulated customers' media arrived");
            new io.switchboard.media.MediaDownloadWorker(db, new JdbcSendingAccounts(db, secrets), new io.switchboard.media.MediaApi(),
                    new io.switchboard.media.MediaLibrary(db), io.switchboard.media.MediaDownloadWorker.Options.defaults()).drain();
            db.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO media_uploads (tenant_id, sha256, phone_number_id, media_id)
                        SELECT f.tenant_id, f.sha256, a.phone_number_id, '1234567890123456' FROM media_files f
                        JOIN whatsapp_accounts a ON a.tenant_id = f.tenant_id WHERE f.tenant_id = ? AND f.mime_type = 'application/pdf'""")) {
                    ps.setObject(1, tenant);
                    ps.executeUpdate();
                }
                return null;
            });
            // The campaign funnel (V22): counts folded, then a change that leaves a delta unfolded, as a running app has.
            new io.switchboard.campaign.CampaignCounters(db).fold();
            db.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE campaign_recipients SET state = 'cancelled', reason = 'not_queued'
                        WHERE tenant_id = ? AND state = 'pending' AND seq = (SELECT MAX(seq) FROM campaign_recipients WHERE tenant_id = ? AND state = 'pending')""")) {
                    ps.setObject(1, tenant);
                    ps.setObject(2, tenant);
                    ps.executeUpdate();
                }
                return null;
            });
            return tenant;
        } finally {
            receiver.stop();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static String one(Database db, String sql) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    static long count(Database db, String sql) {
        return Long.parseLong(one(db, sql));
    }
}
