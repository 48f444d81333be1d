package io.switchboard.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating, materializing, moving and queueing campaigns against the real database. */
class CampaignEngineTest {
    private final CampaignKit kit = new CampaignKit();

    @AfterEach
    void close() {
        kit.close();
    }

    private long campaignsAndRecipients() {
        return kit.count("SELECT (SELECT COUNT(*) FROM campaigns) * 1000000 + (SELECT COUNT(*) FROM campaign_recipients)");
    }

    @Test
    void materializesOnceExcludingOptedOutAndInvalidAndFillsVariablesWithFallbacks() {
        kit.contacts(1, 10, "Lisbon");
        kit.contacts(11, 5, "Porto");
        kit.exec("UPDATE contacts SET opted_out_at = NOW(), opt_out_source = 'agent' WHERE phone = '+12025550003'");
        kit.exec("UPDATE contacts SET name = NULL WHERE phone = '+12025550004'");
        kit.exec("INSERT INTO contacts (tenant_id, phone, name, metadata) VALUES (?, '+0123', 'Bad', '{\"city\":\"Lisbon\",\"order\":\"X\"}')", kit.tenant);

        CampaignDraft draft = kit.draft("Lisbon shipping", new Audience.Filter(Map.of("city", "Lisbon"), null, null, null, null));
        CampaignPreview preview = kit.campaigns.preview(draft, 2);
        assertThat(preview.matched()).isEqualTo(11);
        assertThat(preview.recipients()).isEqualTo(9);
        assertThat(preview.samples()).hasSize(2).allSatisfy(sample -> assertThat(sample.text())
                .isEqualTo("Hi " + (sample.name() == null ? "there" : sample.name()) + ", your order A-" + sample.phone().substring(8).replaceFirst("^0+", "") + " has shipped."));
        assertThat(preview.problems()).isEmpty();

        CreatedCampaign created = kit.campaigns.create(draft);
        assertThat(created.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(created.recipients()).isEqualTo(9);
        assertThat(created.optedOut()).isEqualTo(1);
        assertThat(created.invalid()).isEqualTo(1);
        assertThat(kit.count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?", created.id())).isEqualTo(11);
        assertThat(kit.one("SELECT array_to_string(params, '|') FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id WHERE c.phone = '+12025550004'"))
                .isEqualTo("there|A-4");
        assertThat(kit.one("SELECT reason FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id WHERE c.phone = '+0123'")).isEqualTo("invalid_phone");
        // The guide's recipients array holds exactly the phones that will get it.
        assertThat(kit.count("SELECT cardinality(recipients) FROM campaigns WHERE id = ?", created.id())).isEqualTo(9);
        assertThat(kit.count("SELECT COUNT(*) FROM campaigns cp, unnest(cp.recipients) p WHERE cp.id = ? AND p = '+12025550003'", created.id())).isZero();
        Funnel f = kit.funnel.funnel(kit.tenant, created.id());
        assertThat(f.count(FunnelBucket.AUDIENCE)).isEqualTo(11);
        assertThat(f.count(FunnelBucket.RECIPIENTS)).isEqualTo(9);
        assertThat(f.count(FunnelBucket.OPTED_OUT)).isEqualTo(1);
        assertThat(f.count(FunnelBucket.INVALID)).isEqualTo(1);
        assertThat(f.count(FunnelBucket.WAITING)).isEqualTo(9);
    }

    @Test
    void everyAudienceKindSelectsItsContacts() {
        kit.contacts(1, 6, "Lisbon");
        kit.exec("INSERT INTO contacts (tenant_id, phone, name, metadata, last_inbound_at, created_at) VALUES "
                + "(?, '+5511987650001', 'Ana', '{\"order\":\"B-1\"}', NOW() - INTERVAL '2 days', '2026-01-10'),"
                + "(?, '+5511987650002', 'Bia', '{\"order\":\"B-2\"}', NOW() - INTERVAL '40 days', '2026-02-10')", kit.tenant, kit.tenant);
        assertThat(recipients(new Audience.Filter(Map.of(), "BR", null, null, null))).isEqualTo(2);
        assertThat(recipients(new Audience.Filter(Map.of(), null, null, null, 30))).isEqualTo(1);
        assertThat(recipients(new Audience.Filter(Map.of(), null, Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), null)))
                .isEqualTo(1);
        List<UUID> two = List.of(UUID.fromString(kit.one("SELECT id FROM contacts WHERE phone = '+12025550001'")),
                UUID.fromString(kit.one("SELECT id FROM contacts WHERE phone = '+12025550002'")));
        assertThat(recipients(new Audience.Contacts(two))).isEqualTo(2);
        assertThat(recipients(new Audience.All())).isEqualTo(8);

        // A CSV goes through the contact import: a new number becomes a contact, a bad line is reported by number.
        CsvAudience.Loaded csv = CsvAudience.load(kit.db, kit.tenant, "phone,name,order\n+12025550001,,A-1\n+4915112345678,Jonas,C-9\nnot-a-phone,X,Y\n");
        assertThat(csv.audience().phones()).containsExactly("+12025550001", "+4915112345678");
        assertThat(csv.report().errors()).hasSize(1);
        assertThat(csv.report().errors().get(0).line()).isEqualTo(4);
        assertThat(recipients(csv.audience())).isEqualTo(2);
    }

    private int recipients(Audience a) {
        return kit.campaigns.create(kit.draft("A " + UUID.randomUUID(), a)).recipients();
    }

    @Test
    void badInputIsRefusedWithTheFieldAndNothingIsHalfCreated() {
        kit.contacts(1, 5, "Lisbon");
        kit.exec("UPDATE contacts SET metadata = '{}' WHERE phone = '+12025550005'");
        kit.exec("INSERT INTO templates (tenant_id, name, language, body, status) VALUES (?, 'in_review', 'en_US', 'Hi {{1}}', 'pending')", kit.tenant);
        long before = campaignsAndRecipients();

        assertRefused(kit.draft("x", new Audience.All()).withName(" "), "name");
        assertRefused(new CampaignDraft(kit.tenant, "x", null, "nope", "en_US", List.of(), new Audience.All(), null, null), "template");
        assertRefused(new CampaignDraft(kit.tenant, "x", null, "in_review", "en_US", List.of(VariableSource.parse("name")), new Audience.All(), null, null),
                "template");
        assertRefused(new CampaignDraft(kit.tenant, "x", null, CampaignKit.TEMPLATE, "en_US", List.of(VariableSource.parse("name")), new Audience.All(),
                null, null), "variables");
        assertRefused(kit.draft("x", new Audience.Filter(Map.of("city", "Nowhere"), null, null, null, null)), "audience");
        assertRefused(new CampaignDraft(kit.tenant, "x", null, CampaignKit.TEMPLATE, "en_US",
                List.of(VariableSource.parse("name"), VariableSource.parse("metadata.order")), new Audience.All(), null, null), "variable {{2}}");
        assertRefused(new CampaignDraft(kit.tenant, "x", null, CampaignKit.TEMPLATE, "en_US",
                List.of(VariableSource.parse("name"), VariableSource.parse("metadata.order")), new Audience.All(), Instant.now().minusSeconds(60), null),
                "scheduled_at");
        kit.exec("UPDATE contacts SET opted_out_at = NOW()");
        assertRefused(kit.draft("x", new Audience.All()), "audience");
        assertThat(campaignsAndRecipients()).isEqualTo(before);
        assertThatThrownBy(() -> new Audience.Filter(Map.of(), "ZZ", null, null, null)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("country:");
        assertThatThrownBy(() -> VariableSource.parse("text:")).isInstanceOf(ValidationException.class);
    }

    private void assertRefused(CampaignDraft draft, String field) {
        assertThatThrownBy(() -> kit.campaigns.create(draft)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo(field));
    }

    @Test
    void everyTransitionAndTheRefusedOnes() {
        kit.contacts(1, 5, "Lisbon");
        UUID id = kit.createAll("States").id();
        assertMoveRefused(() -> kit.campaigns.pause(kit.tenant, id), "cannot pause a draft campaign");
        assertMoveRefused(() -> kit.campaigns.resume(kit.tenant, id), "cannot resume a draft campaign");
        assertThat(kit.campaigns.start(kit.tenant, id).status()).isEqualTo(CampaignStatus.RUNNING);
        assertMoveRefused(() -> kit.campaigns.start(kit.tenant, id), "cannot start a running campaign");
        assertMoveRefused(() -> kit.campaigns.resume(kit.tenant, id), "cannot resume a running campaign");
        assertThat(kit.campaigns.pause(kit.tenant, id).status()).isEqualTo(CampaignStatus.PAUSED);
        assertMoveRefused(() -> kit.campaigns.pause(kit.tenant, id), "cannot pause a paused campaign");
        assertThat(kit.campaigns.resume(kit.tenant, id).status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(kit.campaigns.cancel(kit.tenant, id).status()).isEqualTo(CampaignStatus.CANCELLED);
        assertMoveRefused(() -> kit.campaigns.resume(kit.tenant, id), "cannot resume a cancelled campaign");
        assertMoveRefused(() -> kit.campaigns.start(kit.tenant, id), "cannot start a cancelled campaign");
        assertMoveRefused(() -> kit.campaigns.cancel(kit.tenant, id), "cannot cancel a cancelled campaign");
        assertThat(kit.count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'cancelled'", id)).isEqualTo(5);
        assertMoveRefused(() -> kit.campaigns.pause(UUID.randomUUID(), id), "no campaign");

        // Scheduled: waits for its time (in UTC in the database; the CLI reads a local time in the tenant's zone).
        UUID later = kit.campaigns.create(new CampaignDraft(kit.tenant, "Later", null, CampaignKit.TEMPLATE, "en_US",
                List.of(VariableSource.parse("name"), VariableSource.parse("metadata.order")), new Audience.All(), Instant.now().plusSeconds(3600), null)).id();
        CampaignWorker worker = new CampaignWorker(kit.db);
        worker.tick();
        assertThat(kit.campaigns.get(kit.tenant, later).orElseThrow().status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", later)).isZero();
        kit.exec("UPDATE campaigns SET scheduled_at = NOW() - INTERVAL '1 second' WHERE id = ?", later);
        worker.tick();
        assertThat(kit.campaigns.get(kit.tenant, later).orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", later)).isEqualTo(5);
        // Cancel takes back the queued messages no sender has tried.
        kit.campaigns.cancel(kit.tenant, later);
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", later)).isZero();
        assertThat(kit.count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'cancelled' AND reason = 'taken_back'", later))
                .isEqualTo(5);
        assertThatThrownBy(() -> kit.campaigns.schedule(kit.tenant, later, Instant.now().minusSeconds(5))).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("scheduled_at:");
    }

    private static void assertMoveRefused(Runnable move, String message) {
        assertThatThrownBy(move::run).isInstanceOf(ValidationException.class).hasMessageContaining(message);
    }

    @Test
    void twoWorkersQueueEveryRecipientExactlyOnce() throws Exception {
        kit.contacts(1, 1_000, "Lisbon");
        UUID id = kit.createAll("Race").id();
        kit.campaigns.start(kit.tenant, id);
        TemplateView template = new TemplateService(kit.db).sendable(kit.tenant, CampaignKit.TEMPLATE, "en_US");
        CampaignEnqueuer a = new CampaignEnqueuer(kit.db);
        CampaignEnqueuer b = new CampaignEnqueuer(kit.db);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> drainA = () -> drain(a, id, template);
            Callable<Integer> drainB = () -> drain(b, id, template);
            Future<Integer> fa = pool.submit(drainA);
            Future<Integer> fb = pool.submit(drainB);
            assertThat(fa.get() + fb.get()).isEqualTo(1_000);
            assertThat(fa.get()).as("both took part").isPositive();
            assertThat(fb.get()).as("both took part").isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", id)).isEqualTo(1_000);
        assertThat(kit.count("SELECT COUNT(DISTINCT contact_id) FROM messages WHERE campaign_id = ?", id)).isEqualTo(1_000);
        assertThat(kit.count("SELECT COUNT(*) FROM campaign_recipients r JOIN messages m ON m.id = r.message_id AND m.contact_id = r.contact_id"
                + " WHERE r.campaign_id = ? AND r.state = 'queued'", id)).isEqualTo(1_000);
        assertThat(kit.one("SELECT m.metadata::text FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE c.phone = '+12025550007'"))
                .contains("\"body_params\": [\"Customer 7\", \"A-7\"]").contains("\"name\": \"order_update\"");
        assertThat(kit.one("SELECT content FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE c.phone = '+12025550007'"))
                .isEqualTo("Hi Customer 7, your order A-7 has shipped.");
        assertThat(a.enqueue(kit.tenant, id, template, 100)).isZero();
    }

    private int drain(CampaignEnqueuer e, UUID id, TemplateView template) {
        int total = 0;
        int n;
        do {
            n = e.enqueue(kit.tenant, id, template, 100);
            total += n;
        } while (n > 0);
        return total;
    }

    @Test
    void theDailyMessagingLimitAndTheCapHoldTheRestBack() {
        kit.contacts(1, 400, "Lisbon");
        kit.exec("UPDATE whatsapp_accounts SET messaging_limit_tier = 'TIER_250'");
        UUID id = kit.createAll("Big").id();
        CampaignPreview preview = kit.campaigns.preview(kit.draft("Big 2", new Audience.All()), 1);
        assertThat(preview.dailyLimit()).isEqualTo(250);
        assertThat(preview.exceedsDailyLimit()).isTrue();
        kit.campaigns.start(kit.tenant, id);
        CampaignWorker worker = new CampaignWorker(kit.db);
        worker.tick();
        worker.tick();
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", id)).isEqualTo(250);
        CampaignSummary s = kit.campaigns.get(kit.tenant, id).orElseThrow();
        assertThat(s.waitingReason()).startsWith("Daily messaging limit reached (TIER_250: 250 in 24 hours)");
        assertThat(s.waiting()).isEqualTo(150);
        // A day later the window has room again.
        kit.exec("UPDATE campaign_recipients SET queued_at = queued_at - INTERVAL '25 hours' WHERE campaign_id = ? AND state = 'queued'", id);
        worker.tick();
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", id)).isEqualTo(400);
        assertThat(kit.campaigns.get(kit.tenant, id).orElseThrow().waitingReason()).isNull();

        kit.exec("UPDATE whatsapp_accounts SET messaging_limit_tier = 'TIER_UNLIMITED'");
        kit.contacts(1001, 100, "Porto");
        UUID capped = kit.campaigns.create(new CampaignDraft(kit.tenant, "Capped", null, CampaignKit.TEMPLATE, "en_US",
                List.of(VariableSource.parse("name"), VariableSource.parse("metadata.order")),
                new Audience.Filter(Map.of("city", "Porto"), null, null, null, null), null, 30)).id();
        kit.campaigns.start(kit.tenant, capped);
        worker.tick();
        worker.tick();
        assertThat(kit.count("SELECT COUNT(*) FROM messages WHERE campaign_id = ?", capped)).isEqualTo(30);
    }

    @Test
    void anInboundStopOptsOutCaseAndAccentInsensitivelyAndLaterRecipientsAreExcluded() {
        kit.contacts(1, 6, "Lisbon");
        kit.exec("UPDATE tenants SET opt_out_keywords = ARRAY['STOP', 'PARAR', 'DÉSABONNER']");
        UUID id = kit.createAll("Stop").id();
        inbound("+12025550001", "  Stop! ");
        inbound("+12025550002", "stöp");
        inbound("+12025550003", "parar");
        inbound("+12025550004", "desabonner");
        inbound("+12025550005", "please stop sending the order updates");
        inbound("+12025550006", "STOPPED");
        assertThat(kit.count("SELECT COUNT(*) FROM contacts WHERE opted_out_at IS NOT NULL AND opt_out_source = 'keyword'")).isEqualTo(4);
        kit.campaigns.start(kit.tenant, id);
        new CampaignWorker(kit.db).tick();
        Funnel f = kit.funnel.funnel(kit.tenant, id);
        assertThat(f.count(FunnelBucket.OPTED_OUT)).isEqualTo(4);
        assertThat(f.count(FunnelBucket.QUEUED)).isEqualTo(2);
        assertThat(kit.count("SELECT excluded_count FROM campaigns WHERE id = ?", id)).isEqualTo(4);
    }

    private void inbound(String phone, String text) {
        kit.exec("""
                WITH ct AS (SELECT id FROM contacts WHERE tenant_id = ? AND phone = ?),
                     cv AS (INSERT INTO conversations (tenant_id, contact_id, channel, status) SELECT ?, id, 'whatsapp', 'open' FROM ct RETURNING id, contact_id)
                INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at)
                SELECT ?, cv.id, cv.contact_id, 'inbound', 'text', ?, 'delivered', NOW() FROM cv""", kit.tenant, phone, kit.tenant, kit.tenant, text);
    }

    @Test
    void duplicateAndRetargetMakeNewDrafts() {
        kit.contacts(1, 4, "Lisbon");
        UUID id = kit.createAll("Original").id();
        CreatedCampaign copy = kit.campaigns.duplicate(kit.tenant, id);
        assertThat(copy.recipients()).isEqualTo(4);
        assertThat(kit.campaigns.get(kit.tenant, copy.id()).orElseThrow().name()).isEqualTo("Copy of Original");
        kit.campaigns.start(kit.tenant, id);
        new CampaignWorker(kit.db).tick();
        kit.exec("UPDATE messages SET status = 'failed', error_code = '131026', failed_at = NOW() WHERE campaign_id = ? AND contact_id IN "
                + "(SELECT id FROM contacts WHERE phone IN ('+12025550001', '+12025550002'))", id);
        kit.exec("UPDATE messages SET status = 'delivered', sent_at = NOW(), delivered_at = NOW() WHERE campaign_id = ? AND status = 'queued'", id);
        CreatedCampaign retarget = kit.campaigns.retarget(kit.tenant, id, FunnelBucket.FAILED);
        assertThat(retarget.recipients()).isEqualTo(2);
        assertThat(kit.count("SELECT COUNT(*) FROM campaigns WHERE id = ? AND retarget_of = ?", retarget.id(), id)).isEqualTo(1);
        assertThat(kit.campaigns.retarget(kit.tenant, id, FunnelBucket.UNREAD).recipients()).isEqualTo(2);
        assertThatThrownBy(() -> kit.campaigns.retarget(kit.tenant, id, FunnelBucket.READ)).isInstanceOf(ValidationException.class);
        assertThat(kit.campaigns.list(kit.tenant, CampaignStatus.DRAFT)).hasSize(3);
        assertThat(kit.campaigns.list(kit.tenant, null)).hasSize(4);
        Duration.ofSeconds(1);
    }
}
