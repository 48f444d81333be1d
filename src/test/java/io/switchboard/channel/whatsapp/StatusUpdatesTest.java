package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusUpdatesTest {
    private static final String WAMID = "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA";
    private static final LocalDateTime SENDER_SENT = LocalDateTime.of(2025, 6, 8, 21, 0, 0, 250_000_000);
    private InboundKit kit;
    private UUID message;

    @BeforeEach
    void start() {
        kit = new InboundKit().withReceiver();
        message = kit.sentMessage("+16505551234", WAMID, SENDER_SENT);
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private static LocalDateTime at(long epochSeconds) {
        return LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
    }

    private void post(String... bodies) {
        for (String body : bodies) {
            assertThat(kit.postSigned(body).statusCode()).isEqualTo(200);
        }
        kit.poller().processAvailable();
    }

    private Map<String, Object> message() {
        return kit.row("SELECT status, sent_at, delivered_at, read_at, failed_at, error_code, error_title, error_detail FROM messages WHERE id = ?", message);
    }

    @Test
    void appliesMetasDocumentedStatusesInOrder() {
        post(InboundKit.fixture("status_sent.json"));
        assertThat(message()).containsEntry("status", "sent").containsEntry("sent_at", SENDER_SENT); // the sender's time stands
        post(InboundKit.fixture("status_delivered.json"));
        assertThat(message()).containsEntry("status", "delivered").containsEntry("delivered_at", at(1749416410));
        post(InboundKit.fixture("status_read.json"));
        assertThat(message()).containsEntry("status", "read").containsEntry("read_at", at(1749416420));
        assertThat(kit.rows("SELECT status, occurred_at, phone, wamid FROM message_statuses ORDER BY occurred_at"))
                .extracting(r -> r.get("status") + " " + r.get("occurred_at") + " " + r.get("phone") + " " + r.get("wamid"))
                .containsExactly("sent " + at(1749416400) + " +16505551234 " + WAMID,
                        "delivered " + at(1749416410) + " +16505551234 " + WAMID,
                        "read " + at(1749416420) + " +16505551234 " + WAMID);
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'processed' AND tenant_id = ?", kit.tenantId)).isEqualTo(3);
    }

    @Test
    void aFailedStatusStoresTheErrorCodeTitleAndDetails() {
        post(InboundKit.fixture("status_failed.json"));
        assertThat(message()).containsEntry("status", "failed").containsEntry("failed_at", at(1749416405))
                .containsEntry("error_code", "131026").containsEntry("error_title", "Message undeliverable")
                .containsEntry("error_detail", "Message Undeliverable.");
        assertThat(kit.row("SELECT error, error_code FROM message_statuses WHERE status = 'failed'"))
                .containsEntry("error", "Message undeliverable: Message Undeliverable.").containsEntry("error_code", "131026");
    }

    @Test
    void readBeforeDeliveredEndsReadWithBothTimes() {
        post(InboundKit.fixture("status_read.json"));
        assertThat(message()).containsEntry("status", "read").containsEntry("read_at", at(1749416420))
                .containsEntry("delivered_at", at(1749416420)); // read implies delivered
        post(InboundKit.fixture("status_delivered.json"), InboundKit.fixture("status_sent.json"));
        assertThat(message()).containsEntry("status", "read").containsEntry("read_at", at(1749416420))
                .containsEntry("delivered_at", at(1749416410)).containsEntry("sent_at", SENDER_SENT);
        assertThat(kit.count("SELECT COUNT(*) FROM message_statuses")).isEqualTo(3);
    }

    @Test
    void failedNeverBeatsDeliveredButDeliveredBeatsFailed() {
        post(InboundKit.fixture("status_delivered.json"), InboundKit.fixture("status_failed.json"));
        assertThat(message()).containsEntry("status", "delivered").containsEntry("failed_at", at(1749416405))
                .containsEntry("error_code", "131026");
        kit.update("UPDATE messages SET status = 'sent', delivered_at = NULL, failed_at = NULL, error_code = NULL WHERE id = ?", message);
        kit.update("DELETE FROM message_statuses");
        post(InboundKit.fixture("status_failed.json"));
        assertThat(message()).containsEntry("status", "failed");
        post(InboundKit.fixture("status_delivered.json"));
        assertThat(message()).containsEntry("status", "delivered").containsEntry("delivered_at", at(1749416410));
    }

    @Test
    void repeatedStatusesChangeNothingAndAreRecordedOnce() {
        String read = InboundKit.fixture("status_read.json");
        post(read, read, InboundKit.fixture("status_delivered.json"), read);
        post(read);
        assertThat(message()).containsEntry("status", "read").containsEntry("read_at", at(1749416420)).containsEntry("delivered_at", at(1749416410));
        assertThat(kit.rows("SELECT status FROM message_statuses ORDER BY status")).extracting(r -> r.get("status"))
                .containsExactly("delivered", "read");
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'processed'")).isEqualTo(5);
    }

    @Test
    void aStatusForAMessageNotStoredYetWaitsAndIsAppliedOnceTheMessageExists() throws Exception {
        String early = "wamid.RACED-THE-SENDER";
        EventPoller poller = kit.poller().retryPolicy(new RetryPolicy(Duration.ofMillis(300), Duration.ofSeconds(1), 5));
        kit.storeEvent(StatusWebhooks.status(early, "delivered", 1749416500));
        assertThat(poller.processAvailable()).isEqualTo(1);
        Map<String, Object> waiting = kit.row("SELECT status, attempts, processing_error, next_attempt_at > NOW() AS later FROM webhook_events");
        assertThat(waiting).containsEntry("status", "unprocessed").containsEntry("attempts", 1).containsEntry("later", true);
        assertThat((String) waiting.get("processing_error")).contains("waiting for message " + early);
        assertThat(poller.processAvailable()).isZero(); // not due yet

        UUID raced = kit.sentMessage("+16505551234", early, null);
        Thread.sleep(400);
        assertThat(poller.processAvailable()).isEqualTo(1);
        assertThat(kit.row("SELECT status, delivered_at FROM messages WHERE id = ?", raced))
                .containsEntry("status", "delivered").containsEntry("delivered_at", at(1749416500));
        assertThat(kit.row("SELECT status, attempts, processing_error FROM webhook_events"))
                .containsEntry("status", "processed").containsEntry("attempts", 2).containsEntry("processing_error", null);
        assertThat(kit.count("SELECT COUNT(*) FROM message_statuses WHERE message_id = ?", raced)).isEqualTo(1);
    }

    @Test
    void aStatusForAMessageThatNeverAppearsFailsAfterTheLastAttempt() {
        EventPoller poller = kit.poller().retryPolicy(new RetryPolicy(Duration.ZERO, Duration.ZERO, 3));
        kit.storeEvent(StatusWebhooks.status("wamid.NEVER-SENT", "read", 1749416500));
        poller.processAvailable();
        Map<String, Object> event = kit.row("SELECT status, attempts, processing_error FROM webhook_events");
        assertThat(event).containsEntry("status", "failed").containsEntry("attempts", 3);
        assertThat((String) event.get("processing_error")).contains("wamid.NEVER-SENT", "after 3 attempts");
    }

    @Test
    void statusesOfAnotherTenantsMessageWithTheSameWamidAreNotApplied() {
        UUID other = new io.switchboard.tenant.TenantService(kit.db).create("Other").id();
        kit.update("UPDATE messages SET tenant_id = ? WHERE id = ?", other, message);
        EventPoller poller = kit.poller().retryPolicy(new RetryPolicy(Duration.ZERO, Duration.ZERO, 1));
        kit.storeEvent(InboundKit.fixture("status_read.json"));
        poller.processAvailable();
        assertThat(message()).containsEntry("status", "sent").containsEntry("read_at", null);
        assertThat(kit.row("SELECT status FROM webhook_events")).containsEntry("status", "failed");
    }
}
