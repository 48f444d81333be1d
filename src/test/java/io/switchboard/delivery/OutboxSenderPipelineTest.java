package io.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The running sender: each answer is recorded when it arrives, and only real requests count as attempts. */
class OutboxSenderPipelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutboundFixture f = new OutboundFixture();
    private HttpServer api;

    @AfterEach
    void close() {
        if (api != null) {
            api.stop(0);
        }
        f.close();
    }

    @Test
    void anAnswerIsRecordedWhileAnotherRequestOfTheSameBatchIsStillInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        String slowTo = "4915112345600";
        // A Cloud API that answers at once, except to one recipient, whose answer waits for the test.
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        api.setExecutor(Executors.newCachedThreadPool());
        api.createContext("/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            requests.incrementAndGet();
            if (body.path("to").asText().equals(slowTo)) {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + body.path("to").asText() + "\"}],"
                    + "\"messages\":[{\"id\":\"wamid.test" + UUID.randomUUID() + "\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(answer);
            }
        });
        api.start();
        f.execute("UPDATE whatsapp_accounts SET api_base_url = ?", "http://127.0.0.1:" + api.getAddress().getPort() + "/v24.0");
        UUID slow = f.queueText("+" + slowTo, "slow");
        for (int i = 1; i <= 5; i++) {
            f.queueText("+49151123456" + String.format("%02d", i), "message " + i);
        }
        OutboxSender sender = f.sender(OutboundFixture.quickOptions().withWorkers(1).withBatchSize(10));
        sender.start();
        try {
            awaitTrue(() -> f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'") == 5, Duration.ofSeconds(15));
            // One claim held all six; five answers are recorded while the sixth is still unanswered.
            assertThat(requests.get()).isEqualTo(6);
            var row = f.row(slow);
            assertThat(row.get("status")).isEqualTo("queued");
            assertThat(row.get("send_attempts")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM message_statuses WHERE status = 'sent'")).isEqualTo(5);
        } finally {
            release.countDown();
        }
        awaitTrue(() -> "sent".equals(f.row(slow).get("status")), Duration.ofSeconds(15));
        sender.stop();
        assertThat(requests.get()).isEqualTo(6);
    }

    @Test
    void messagesPutBackForWantOfATokenKeepTheirAttemptCountWhileTheSenderRuns() throws Exception {
        f.execute("UPDATE whatsapp_accounts SET send_rate_per_second = 4");
        for (int i = 0; i < 12; i++) {
            f.queueText("+49151123456" + String.format("%02d", i), "message " + i);
        }
        // Two workers holding up to 12 each against 4 tokens a second, giving up on a token after 0.3 s:
        // most messages are claimed and put back several times before their request is made.
        OutboxSender sender = f.sender(OutboundFixture.quickOptions().withWorkers(2).withBatchSize(12).withMaxTokenWait(Duration.ofMillis(300)));
        sender.start();
        awaitTrue(() -> f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'") == 12, Duration.ofSeconds(20));
        sender.stop();

        assertThat(f.sandbox.requestCount()).isEqualTo(12);
        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE send_attempts = 1")).as("one real request each, one attempt each").isEqualTo(12);
    }

    @Test
    void theSenderIsAliveFromStartToStopForTheHealthCheck() {
        OutboxSender sender = f.sender();
        assertThat(sender.alive()).as("not started").isFalse();
        sender.start();
        assertThat(sender.alive()).as("workers and recorder running").isTrue();
        sender.stop();
        assertThat(sender.alive()).as("stopped").isFalse();
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
