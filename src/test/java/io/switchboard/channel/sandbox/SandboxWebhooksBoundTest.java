package io.switchboard.channel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A burst of webhooks to a slow receiver: the sandbox's client keeps at most {@link SandboxWebhooks#MAX_IN_FLIGHT}
 * requests (and so connections) open, like Meta, and still delivers every one. Unbounded, it opened a connection
 * and a thread per waiting webhook until the process ran out of file descriptors (issue 17).
 */
class SandboxWebhooksBoundTest {

    @Test
    void aBurstToASlowReceiverUsesAtMostSixtyFourConnectionsAndDeliversEveryWebhook() throws Exception {
        int webhooks = 600;
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        ExecutorService serverThreads = Executors.newFixedThreadPool(300);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_000);
        server.createContext("/webhook", exchange -> {
            try (exchange) {
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                clientPorts.add(exchange.getRemoteAddress().getPort());
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(30); // a receiver slower than the burst: requests pile up on the client's side
                // Counted as finished before the answer leaves: the client may send its next request the moment it
                // has this answer, before this thread would get past the response.
                open.decrementAndGet();
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                open.decrementAndGet();
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(serverThreads);
        server.start();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        SandboxWebhooks client = new SandboxWebhooks(scheduler);
        try {
            SandboxNumber number = new SandboxNumber("1000001", "+15550001", "Bound test", "2000001", "token-0001", "secret-0001",
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook"));
            for (int i = 0; i < webhooks; i++) {
                client.post(number, SandboxWebhooks.statusPayload(number, "wamid.bound-" + i, "15550009999", "delivered", Instant.now(), null, null),
                        Duration.ZERO);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (client.delivered() < webhooks && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(webhooks, client.delivered(), "every webhook answered 200");
            assertTrue(mostOpen.get() <= SandboxWebhooks.MAX_IN_FLIGHT, "at most 64 requests at once, saw " + mostOpen.get());
            assertTrue(mostOpen.get() > 8, "the deliveries do run concurrently, saw " + mostOpen.get());
            assertTrue(clientPorts.size() <= SandboxWebhooks.MAX_IN_FLIGHT, "connections reused: " + clientPorts.size() + " client ports");
        } finally {
            client.close();
            scheduler.shutdownNow();
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }
}
