package io.switchboard.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.delivery.OutboundFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The funnel's counters (V22) against a recount from the rows after everything that moves a number: materializing,
 * pause, resume, cancel (messages taken back and deleted), retarget, statuses in any order, late statuses that move a
 * delivery time, replies inside and outside the 72 hours, replies that move or disappear, a contact deleted with its
 * messages — and replies racing their delivery statuses through two pollers.
 */
class CampaignFunnelCountersTest {
    private final CampaignKit kit = new CampaignKit();
    private final CampaignWorker worker = new CampaignWorker(kit.db);
    private final CampaignCounters counters = new CampaignCounters(kit.db);

    @AfterEach
    void close() {
        kit.close();
    }

    private void assertCountersEqualRecount(String when, UUID... campaigns) {
        for (UUID id : campaigns) {
            FunnelRecount.assertEqual(kit.db, kit.funnel, kit.tenant, id, when);
        }
    }

    /** Sets the status columns of the campaign's messages to phones whose number n satisfies {@code nCondition}. */
    private void set(UUID campaign, String set, String nCondition) {
        kit.exec("UPDATE messages m SET " + set + " FROM contacts c WHERE c.id = m.contact_id AND m.campaign_id = ? AND "
                + nCondition.replace("n", "substr(c.phone, 9)::int"), campaign);
    }

    /** An inbound text from customer n at the campaign message's delivery time plus {@code offset}. */
    private void reply(UUID campaign, int n, String offset) {
        kit.exec("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at)
                SELECT m.tenant_id, m.conversation_id, m.contact_id, 'inbound', 'text', 'thanks!', 'delivered', m.delivered_at + ?::interval
                FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE m.campaign_id = ? AND c.phone = ?""",
                offset, campaign, "+1202555" + String.format("%04d", n));
    }

    @Test
    void countersEqualTheRecountThroughALifeOfStatusesRepliesAndStateChanges() {
        kit.contacts(1, 50, "Lisbon");
        kit.exec("UPDATE contacts SET opted_out_at = NOW(), opt_out_source = 'agent' WHERE tenant_id = ? AND phone IN ('+12025550001', '+12025550002')",
                kit.tenant);
        UUID a = kit.createAll("Lifecycle").id();
        assertCountersEqualRecount("after materializing", a);
        assertThat(kit.funnel.funnel(kit.tenant, a).count(FunnelBucket.OPTED_OUT)).isEqualTo(2);

        kit.campaigns.start(kit.tenant, a);
        worker.tick();
        assertCountersEqualRecount("after the first enqueue", a);
        kit.campaigns.pause(kit.tenant, a);
        assertCountersEqualRecount("paused", a);
        kit.campaigns.resume(kit.tenant, a);
        worker.tick();
        assertCountersEqualRecount("resumed", a);
        assertThat(kit.funnel.funnel(kit.tenant, a).count(FunnelBucket.QUEUED)).isEqualTo(48);

        // Accepted by Meta except n%10 = 1 (refused at once with 131049); then outcomes by n%10.
        set(a, "status = 'sent', sent_at = NOW() - INTERVAL '2 hours'", "n % 10 <> 1");
        set(a, "status = 'failed', failed_at = NOW(), error_code = '131049'", "n % 10 = 1");
        assertCountersEqualRecount("sent", a);
        set(a, "status = 'failed', failed_at = NOW(), error_code = '131026', error_title = 'Message undeliverable'", "n % 10 = 0");
        set(a, "status = 'failed', failed_at = NOW(), error_code = '999001', error_title = 'Something Meta alone knows'", "n % 10 = 2");
        set(a, "status = 'failed', failed_at = NOW(), error_code = NULL", "n = 12");
        set(a, "status = 'delivered', delivered_at = NOW() - INTERVAL '1 hour'", "n % 10 BETWEEN 3 AND 9");
        set(a, "status = 'read', read_at = NOW() - INTERVAL '30 minutes'", "n % 10 BETWEEN 6 AND 9");
        assertCountersEqualRecount("after delivery and read statuses", a);
        Funnel f = kit.funnel.funnel(kit.tenant, a);
        assertThat(f.failures()).extracting(Funnel.Failure::code).containsExactly("131026", "999001", "unknown");
        assertThat(f.failures().get(1).title()).isEqualTo("Something Meta alone knows");

        // Replies: inside the 72 hours, the same second as delivery, after them, before delivery, twice.
        reply(a, 3, "1 hour");
        reply(a, 13, "0 seconds");
        reply(a, 4, "4 days");
        reply(a, 5, "-1 hour");
        reply(a, 6, "2 hours");
        reply(a, 6, "3 hours");
        reply(a, 10, "1 hour"); // failed: answering does not make it a reply to a delivered message
        assertCountersEqualRecount("after replies", a);
        assertThat(kit.funnel.funnel(kit.tenant, a).count(FunnelBucket.REPLIED)).isEqualTo(3);

        // Late statuses: n=4's delivery turns out two days later (its reply falls inside), n=0 is delivered after failing,
        // n=3's read arrives without a delivery time.
        set(a, "delivered_at = delivered_at + INTERVAL '2 days'", "n = 4");
        set(a, "status = 'delivered', delivered_at = NOW()", "n = 10");
        set(a, "status = 'read', delivered_at = NULL, read_at = read_at", "n = 3");
        assertCountersEqualRecount("after late statuses", a);

        // Replies that move or go: n=13's reply moves out of the window; one of n=6's two replies is deleted, then the other.
        kit.exec("UPDATE messages SET created_at = created_at + INTERVAL '10 days' WHERE direction = 'inbound' AND contact_id = "
                + "(SELECT id FROM contacts WHERE tenant_id = ? AND phone = '+12025550013')", kit.tenant);
        assertCountersEqualRecount("after a reply moved", a);
        String six = "(SELECT id FROM contacts WHERE tenant_id = '" + kit.tenant + "' AND phone = '+12025550006')";
        kit.exec("DELETE FROM messages WHERE id = (SELECT id FROM messages WHERE direction = 'inbound' AND contact_id = " + six + " ORDER BY created_at LIMIT 1)");
        assertCountersEqualRecount("after one of two replies was deleted", a);
        kit.exec("DELETE FROM messages WHERE direction = 'inbound' AND contact_id = " + six);
        assertCountersEqualRecount("after both replies were deleted", a);

        // A second campaign, paused and cancelled with its untried messages taken back out of the outbox.
        UUID b = kit.createAll("Cancelled").id();
        kit.campaigns.start(kit.tenant, b);
        worker.tick();
        kit.campaigns.pause(kit.tenant, b);
        kit.campaigns.cancel(kit.tenant, b);
        assertCountersEqualRecount("after cancelling", a, b);
        assertThat(kit.funnel.funnel(kit.tenant, b).count(FunnelBucket.CANCELLED)).isEqualTo(48);

        // Retarget the unread; then delete a contact that is in both, with its messages and replies.
        UUID c = kit.campaigns.retarget(kit.tenant, a, FunnelBucket.UNREAD).id();
        assertCountersEqualRecount("after retargeting", a, b, c);
        reply(a, 4, "1 day");
        kit.exec("DELETE FROM contacts WHERE tenant_id = ? AND phone = '+12025550004'", kit.tenant);
        kit.exec("DELETE FROM contacts WHERE tenant_id = ? AND phone = '+12025550007'", kit.tenant);
        assertCountersEqualRecount("after deleting contacts with their messages", a, b, c);

        // Folding moves deltas into counts without changing a number; the guide's counters follow the funnel.
        assertThat(counters.fold()).isPositive();
        assertThat(kit.count("SELECT COUNT(*) FROM campaign_funnel_deltas")).isZero();
        assertCountersEqualRecount("after folding", a, b, c);
        counters.refreshActive(Duration.ofDays(1));
        Funnel af = kit.funnel.funnel(kit.tenant, a);
        CampaignSummary s = kit.campaigns.get(kit.tenant, a).orElseThrow();
        assertThat(List.of(s.sent(), s.delivered(), s.read(), s.failed(), s.limited())).containsExactly(af.count(FunnelBucket.SENT),
                af.count(FunnelBucket.DELIVERED), af.count(FunnelBucket.READ), af.count(FunnelBucket.FAILED), af.count(FunnelBucket.LIMITED));
    }

    @Test
    void aRecipientsMessageMustBeOneOfItsCampaign() {
        kit.contacts(1, 3, "Lisbon");
        UUID a = kit.createAll("Opens the conversations").id();
        kit.campaigns.start(kit.tenant, a);
        worker.tick();
        UUID b = kit.createAll("Own messages").id();
        kit.exec("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status)
                SELECT m.tenant_id, m.conversation_id, m.contact_id, 'outbound', 'text', 'not from a campaign', 'queued' FROM messages m
                WHERE m.campaign_id = ? LIMIT 1""", a);
        assertThatThrownBy(() -> kit.exec("""
                UPDATE campaign_recipients SET state = 'queued', queued_at = NOW(),
                       message_id = (SELECT id FROM messages WHERE campaign_id IS NULL AND direction = 'outbound' LIMIT 1)
                WHERE campaign_id = ? AND seq = 1""", b)).hasMessageContaining("must name a message of the same campaign");
        assertCountersEqualRecount("after the refused link", a, b);
    }

    @Test
    void repliesRacingTheirDeliveryStatusesThroughTwoPollersAreCountedOnce() throws Exception {
        int customers = 120;
        kit.contacts(1, customers, "Lisbon");
        UUID a = kit.createAll("Race").id();
        kit.campaigns.start(kit.tenant, a);
        worker.tick();
        kit.exec("UPDATE messages SET status = 'sent', sent_at = NOW(), external_message_id = 'wamid.race.' || id WHERE campaign_id = ?", a);
        long t0 = Instant.now().getEpochSecond() - 3600;
        List<String> events = new ArrayList<>();
        for (int n = 1; n <= customers; n++) {
            String wamid = kit.one("SELECT m.external_message_id FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE m.campaign_id = ? AND c.phone = ?",
                    a, phone(n));
            events.add(status(wamid, "delivered", t0));
            if (n % 2 == 0) {
                events.add(status(wamid, "read", t0 + 60));
            }
            if (n % 3 != 0) { // two of three answer, within the hour: the reply and its delivery status race
                events.add(inbound(phone(n).substring(1), "wamid.in." + n, t0 + 30 + n));
            }
        }
        Random random = new Random(7);
        List<String> shuffled = new ArrayList<>(events);
        for (String e : events) {
            if (random.nextInt(4) == 0) {
                shuffled.add(e);
            }
        }
        Collections.shuffle(shuffled, random);
        for (String body : shuffled) {
            kit.exec("INSERT INTO webhook_events (event_type, payload, status, created_at) VALUES ('whatsapp', ?::jsonb, 'unprocessed', clock_timestamp())", body);
        }
        EventPoller poller = new EventPoller(kit.db, 2, 4);
        poller.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (kit.count("SELECT COUNT(*) FROM webhook_events WHERE status <> 'processed'") > 0) {
                assertThat(System.nanoTime()).as("the pollers applied every event").isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            poller.stop();
        }
        assertCountersEqualRecount("after racing replies and statuses", a);
        Funnel f = kit.funnel.funnel(kit.tenant, a);
        assertThat(f.count(FunnelBucket.DELIVERED)).isEqualTo(customers);
        assertThat(f.count(FunnelBucket.READ)).isEqualTo(customers / 2);
        assertThat(f.count(FunnelBucket.REPLIED)).isEqualTo(customers - customers / 3);
    }

    private static String phone(int n) {
        return "+1202555" + String.format("%04d", n);
    }

    private static String status(String wamid, String status, long epochSeconds) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"waba-1","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550109999","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"12025550000"}]},"field":"messages"}]}]}"""
                .formatted(OutboundFixture.PHONE_NUMBER_ID, wamid, status, epochSeconds);
    }

    private static String inbound(String waId, String wamid, long epochSeconds) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"waba-1","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550109999","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Customer"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"thanks"}}]},"field":"messages"}]}]}"""
                .formatted(OutboundFixture.PHONE_NUMBER_ID, waId, waId, wamid, epochSeconds);
    }
}
