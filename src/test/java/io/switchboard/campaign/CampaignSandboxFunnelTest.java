package io.switchboard.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.delivery.OutboxSender;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The demo's campaign, end to end over HTTP: the sandbox reads most campaign messages, some recipients reply (one
 * says STOP), Meta's marketing limit (131049) and undeliverable numbers (131026) show up; statuses and replies come
 * back through the real receiver and poller, and the funnel shows all of it.
 */
class CampaignSandboxFunnelTest {

    @Test
    void aDemoCampaignGetsARealisticFunnel() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SandboxOptions fast = new SandboxOptions(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(80), Duration.ofMillis(50), null,
                java.util.Set.of());
        try (CampaignKit kit = new CampaignKit(fast, 1_000, URI.create("http://127.0.0.1:" + port + WebhookReceiver.PATH))) {
            WebhookReceiver receiver = new WebhookReceiver(kit.db, new AccountCache(new WhatsAppAccountService(kit.db, kit.fx.secrets)), port).loopbackOnly();
            receiver.start();
            EventPoller poller = new EventPoller(kit.db, 2, 200);
            receiver.onStored(poller::wake);
            poller.start();
            OutboxSender sender = kit.fx.sender();
            sender.start();
            try {
                kit.contacts(1, 300, "Lisbon");
                UUID id = kit.createAll("Demo").id();
                kit.campaigns.start(kit.tenant, id);
                CampaignWorker worker = new CampaignWorker(kit.db);
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                Funnel f;
                do {
                    Funnel now = kit.funnel.funnel(kit.tenant, id);
                    assertThat(System.nanoTime()).as("the funnel filled: %s; events %s", now.counts(),
                            kit.one("SELECT string_agg(status || ':' || COALESCE(processing_error, ''), ', ') FROM (SELECT status, processing_error FROM webhook_events LIMIT 5) x"))
                            .isLessThan(deadline);
                    worker.tick();
                    Thread.sleep(100);
                    f = kit.funnel.funnel(kit.tenant, id);
                } while (f.count(FunnelBucket.QUEUED) + f.count(FunnelBucket.WAITING) > 0
                        || f.count(FunnelBucket.SENT) - f.count(FunnelBucket.DELIVERED) - f.count(FunnelBucket.FAILED) - f.count(FunnelBucket.LIMITED) > 0
                        || kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'") > 0
                        || f.count(FunnelBucket.REPLIED) == 0);
                Thread.sleep(500);
                f = kit.funnel.funnel(kit.tenant, id);
                int recipients = f.count(FunnelBucket.RECIPIENTS);
                assertThat(recipients).isEqualTo(300);
                assertThat(f.count(FunnelBucket.LIMITED)).as("held back by Meta").isBetween(1, 30);
                assertThat(f.failures()).extracting(Funnel.Failure::code).containsExactly("131026");
                assertThat(f.count(FunnelBucket.FAILED)).isBetween(1, 25);
                assertThat(f.readRate()).as("most read").isGreaterThan(0.6);
                assertThat(f.replyRate()).as("some reply").isBetween(0.02, 0.3);
                assertThat(kit.count("SELECT COUNT(*) FROM contacts WHERE opt_out_source = 'keyword'")).as("a reply said STOP").isPositive();
                assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'failed'")).isZero();
                System.out.printf("demo funnel: %d recipients, sent %d, delivered %d, read %d, replied %d, failed %d, limited %d%n", recipients,
                        f.count(FunnelBucket.SENT), f.count(FunnelBucket.DELIVERED), f.count(FunnelBucket.READ), f.count(FunnelBucket.REPLIED),
                        f.count(FunnelBucket.FAILED), f.count(FunnelBucket.LIMITED));
            } finally {
                sender.stop();
                poller.stop();
                receiver.stop(Duration.ofSeconds(1));
            }
        }
    }
}
