package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventPollerLifecycleTest {

    @Test
    void workersProcessWhatArrivesUntilStoppedAndThenClaimNothing() throws Exception {
        try (InboundKit kit = new InboundKit().withReceiver()) {
            EventPoller poller = new EventPoller(kit.db, 2, 10).idleWait(Duration.ofMillis(20));
            poller.start();
            assertThat(kit.postSigned(InboundKit.fixture("text.json")).statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (kit.count("SELECT COUNT(*) FROM messages") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(kit.count("SELECT COUNT(*) FROM messages")).isEqualTo(1);
            poller.stop(Duration.ofSeconds(5));

            assertThat(kit.postSigned(InboundKit.fixture("image.json")).statusCode()).isEqualTo(200);
            Thread.sleep(300);
            assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'")).isEqualTo(1);
            assertThat(poller.handledEvents()).isEqualTo(1);
        }
    }

    @Test
    void theReceiverCanWakeAnIdlePollerAsSoonAsAnEventIsStored() throws Exception {
        try (InboundKit kit = new InboundKit().withReceiver()) {
            EventPoller poller = new EventPoller(kit.db, 1, 10).idleWait(Duration.ofMinutes(10));
            poller.start();
            Thread.sleep(200); // the worker found nothing and sleeps for ten minutes unless woken
            kit.receiver().onStored(poller::wake);
            assertThat(kit.postSigned(InboundKit.fixture("text.json")).statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (kit.count("SELECT COUNT(*) FROM messages") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(kit.count("SELECT COUNT(*) FROM messages")).isEqualTo(1);
            poller.stop(Duration.ofSeconds(5));
        }
    }
}
