package io.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.sandbox.ReceivedRequest;
import io.switchboard.channel.sandbox.SimulatedFailure;
import io.switchboard.message.MessageType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutboundFixture f = new OutboundFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private JsonNode onlyRequestBody() {
        List<ReceivedRequest> requests = f.sandbox.requests();
        assertThat(requests).hasSize(1);
        ReceivedRequest r = requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v24.0/" + OutboundFixture.PHONE_NUMBER_ID + "/messages");
        assertThat(r.authorization()).isEqualTo("Bearer " + f.accessToken);
        assertThat(r.answeredStatus()).isEqualTo(200);
        return r.body();
    }

    @Test
    void textGoesOutAsMetasJsonWithTheTokenAndTheWamidIsKept() throws Exception {
        UUID id = f.queueText("+4915112345678", "Your parcel left the warehouse.");

        assertThat(f.sender().processBatch()).isEqualTo(1);

        assertThat(onlyRequestBody()).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"text",
                 "text":{"preview_url":false,"body":"Your parcel left the warehouse."}}"""));
        var row = f.row(id);
        assertThat(row.get("status")).isEqualTo("sent");
        assertThat((String) row.get("external_message_id")).startsWith("wamid.");
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("send_attempts")).isEqualTo(1);
        assertThat(row.get("next_attempt_at")).isNull();
        assertThat(f.count("SELECT COUNT(*) FROM message_statuses WHERE message_id = ? AND status = 'sent' AND wamid = ?", id,
                row.get("external_message_id"))).isEqualTo(1);
    }

    @Test
    void templateCarriesNameLanguageAndHeaderAndBodyParameters() throws Exception {
        f.sandbox.registerTemplate(OutboundFixture.PHONE_NUMBER_ID, "order_update", "en_US", 1, 2);
        UUID id = f.queue("+4915112345678", OutboundContent.template("order_update", "en_US", List.of("Spring sale"), List.of("Ana", "#4821"), "Hi Ana"));

        f.sender().processBatch();

        assertThat(onlyRequestBody()).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"order_update","language":{"code":"en_US"},"components":[
                   {"type":"header","parameters":[{"type":"text","text":"Spring sale"}]},
                   {"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"#4821"}]}]}}"""));
        assertThat(f.row(id).get("status")).isEqualTo("sent");
    }

    @Test
    void templateWithoutParametersHasNoComponents() throws Exception {
        f.sandbox.registerTemplate(OutboundFixture.PHONE_NUMBER_ID, "hello_world", "en_US", 0, 0);
        f.queue("+4915112345678", OutboundContent.template("hello_world", "en_US", List.of(), List.of(), "Hello"));

        f.sender().processBatch();

        assertThat(onlyRequestBody()).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"hello_world","language":{"code":"en_US"}}}"""));
    }

    @Test
    void imageByLinkWithCaption() throws Exception {
        f.contactWhoWrote("+4915112345678", 1);
        f.queue("+4915112345678", OutboundContent.media(MessageType.IMAGE, "https://example.com/p.jpg", "The red one", null, "image/jpeg"));

        f.sender().processBatch();

        assertThat(onlyRequestBody()).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"image",
                 "image":{"link":"https://example.com/p.jpg","caption":"The red one"}}"""));
    }

    @Test
    void documentByMediaIdWithCaptionAndFilename() throws Exception {
        f.contactWhoWrote("+4915112345678", 1);
        f.queue("+4915112345678", OutboundContent.media(MessageType.DOC, "1037543291543636", "Invoice March", "invoice-0312.pdf", "application/pdf"));

        f.sender().processBatch();

        assertThat(onlyRequestBody()).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"document",
                 "document":{"id":"1037543291543636","caption":"Invoice March","filename":"invoice-0312.pdf"}}"""));
    }

    @Test
    void a5xxIsRetriedAndTheRetrySendsOneMessage() {
        UUID id = f.queueText("+4915112345678", "hello");
        f.sandbox.failNext(SimulatedFailure.serverError());
        OutboxSender sender = f.sender();

        sender.processBatch();
        var afterFirst = f.row(id);
        assertThat(afterFirst.get("status")).isEqualTo("queued");
        assertThat(afterFirst.get("send_attempts")).isEqualTo(1);
        assertThat(afterFirst.get("error_code")).isEqualTo("http_500");
        assertThat(afterFirst.get("next_attempt_at")).isNotNull();
        assertThat(sender.processBatch()).as("not due before its backoff").isZero();

        f.makeRetriesDue();
        sender.processBatch();

        var row = f.row(id);
        assertThat(row.get("status")).isEqualTo("sent");
        assertThat(row.get("send_attempts")).isEqualTo(2);
        assertThat(row.get("error_code")).isNull();
        assertThat(f.sandbox.requestCount()).isEqualTo(2);
        assertThat(f.sandbox.acceptedCount()).isEqualTo(1);
    }

    @Test
    void anApiThatDoesNotAnswerIsRetried() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        f.execute("UPDATE whatsapp_accounts SET api_base_url = ?", "http://127.0.0.1:" + closedPort + "/v24.0");
        UUID id = f.queueText("+4915112345678", "hello");

        f.sender().processBatch();

        var row = f.row(id);
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat(row.get("error_code")).isEqualTo("unreachable");
        assertThat(row.get("next_attempt_at")).isNotNull();
    }

    @Test
    void throttlingAnswersAreRetried() {
        UUID id = f.queueText("+4915112345678", "hello");
        f.sandbox.failNext(SimulatedFailure.tooManyRequests(), SimulatedFailure.metaError(400, 131056, "Pair rate limit hit"),
                SimulatedFailure.metaError(400, 130429, "Rate limit hit"));
        OutboxSender sender = f.sender();

        sender.processBatch();
        assertThat(f.row(id).get("error_code")).isEqualTo("http_429");
        f.makeRetriesDue();
        sender.processBatch();
        assertThat(f.row(id).get("error_code")).isEqualTo("131056");
        assertThat((String) f.row(id).get("error_detail")).contains("Attempt 2 of 4 failed; trying again.");
        f.makeRetriesDue();
        sender.processBatch();
        assertThat(f.row(id).get("error_code")).isEqualTo("130429");
        f.makeRetriesDue();
        sender.processBatch();

        assertThat(f.row(id).get("status")).isEqualTo("sent");
        assertThat(f.sandbox.requestCount()).isEqualTo(4);
        assertThat(f.sandbox.acceptedCount()).isEqualTo(1);
    }

    @Test
    void retryableFailuresGiveUpAfterTheLastAttempt() {
        UUID id = f.queueText("+4915112345678", "hello");
        f.sandbox.failNext(SimulatedFailure.serverError(), SimulatedFailure.serverError());
        OutboxSender sender = f.sender(OutboundFixture.quickOptions().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10)));

        sender.processBatch();
        f.makeRetriesDue();
        sender.processBatch();

        var row = f.row(id);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("failed_at")).isNotNull();
        assertThat((String) row.get("error_detail")).startsWith("Gave up after 2 attempts.");
        f.makeRetriesDue();
        assertThat(sender.processBatch()).isZero();
        assertThat(f.sandbox.requestCount()).isEqualTo(2);
    }

    @Test
    void metaErrorsThatCannotSucceedFailAtOnceWithAReasonAPersonUnderstands() {
        record Case(int code, String title, String detailContains) {
        }
        List<Case> cases = List.of(
                new Case(131026, "Message undeliverable", "may not use WhatsApp"),
                new Case(131047, "Re-engagement message", "24 hours"),
                new Case(131051, "Unsupported message type", "does not support"),
                new Case(100, "Invalid parameter", "rejected a parameter"),
                new Case(131030, "Recipient not in allowed list", "allowed list"),
                new Case(368, "Temporarily blocked for policy violations", "blocked"));
        OutboxSender sender = f.sender();
        for (Case c : cases) {
            UUID id = f.queueText("+4915112345678", "for " + c.code());
            f.sandbox.failNext(SimulatedFailure.metaError(400, c.code(), c.title()));
            sender.processBatch();
            var row = f.row(id);
            assertThat(row.get("status")).as("code %d", c.code()).isEqualTo("failed");
            assertThat(row.get("error_code")).isEqualTo(String.valueOf(c.code()));
            assertThat(row.get("error_title")).isEqualTo(c.title());
            assertThat((String) row.get("error_detail")).contains(c.detailContains());
            assertThat(row.get("send_attempts")).isEqualTo(1);
            assertThat(f.count("SELECT COUNT(*) FROM message_statuses WHERE message_id = ? AND status = 'failed' AND error_code = ?", id,
                    String.valueOf(c.code()))).isEqualTo(1);
        }
        f.makeRetriesDue();
        assertThat(sender.processBatch()).isZero();
        assertThat(f.sandbox.requestCount()).isEqualTo(cases.size());
    }

    @Test
    void theSandboxsOwnValidationYieldsTemplateAndTokenErrors() {
        f.sandbox.registerTemplate(OutboundFixture.PHONE_NUMBER_ID, "order_update", "en_US", 0, 2);
        UUID unknown = f.queue("+4915112345678", OutboundContent.template("no_such_template", "en_US", List.of(), List.of(), null));
        UUID mismatch = f.queue("+4915112345678", OutboundContent.template("order_update", "en_US", List.of(), List.of("Ana"), null));
        OutboxSender sender = f.sender();
        sender.processBatch();

        assertThat(f.row(unknown).get("error_code")).isEqualTo("132001");
        assertThat((String) f.row(unknown).get("error_detail")).contains("does not exist").contains("no_such_template");
        assertThat(f.row(mismatch).get("error_code")).isEqualTo("132000");
        assertThat((String) f.row(mismatch).get("error_detail")).contains("number of parameters does not match");

        f.execute("UPDATE whatsapp_accounts SET access_token_enc = ?", f.secrets.encrypt("EAAexpired"));
        UUID expired = f.queue("+4915112345678", OutboundContent.template("order_update", "en_US", List.of(), List.of("Ana", "#1"), null));
        sender.processBatch();
        var row = f.row(expired);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("error_code")).isEqualTo("190");
        assertThat((String) row.get("error_detail")).contains("reconnect").doesNotContain("EAAexpired");
    }

    @Test
    void freeFormOutsideTheWindowIsRefusedBeforeAnyHttpCallWhileTemplatesStillGo() {
        f.sandbox.registerTemplate(OutboundFixture.PHONE_NUMBER_ID, "hello_world", "en_US", 0, 0);
        UUID text = f.queueText("+4915112345678", "queued while the window was open");
        f.contactWhoWrote("+4915112345678", 25 * 60);

        f.sender().processBatch();

        var row = f.row(text);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("error_code")).isEqualTo("service_window_closed");
        assertThat(row.get("error_detail")).isEqualTo(ServiceWindow.CLOSED_REASON);
        assertThat(f.sandbox.requestCount()).isZero();

        UUID template = f.queue("+4915112345678", OutboundContent.template("hello_world", "en_US", List.of(), List.of(), null));
        f.sender().processBatch();
        assertThat(f.row(template).get("status")).isEqualTo("sent");
        assertThat(f.sandbox.requestCount()).isEqualTo(1);
    }

    @Test
    void aStoredMessageThatCannotBecomeARequestFailsWithoutAnHttpCall() {
        UUID id = f.queue("+4915112345678", OutboundContent.template("hello_world", "en_US", List.of(), List.of(), null));
        f.execute("UPDATE messages SET metadata = '{\"template\": {}}'::jsonb WHERE id = ?", id);

        f.sender().processBatch();

        var row = f.row(id);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("error_code")).isEqualTo("invalid_message");
        assertThat((String) row.get("error_detail")).contains("no template name or language");
        assertThat(f.sandbox.requestCount()).isZero();
    }

    @Test
    void aTenantWhoseNumberWasDisconnectedAfterQueueingFailsWithThatReason() {
        UUID id = f.queueText("+4915112345678", "hello");
        f.execute("UPDATE whatsapp_accounts SET status = 'inactive'");

        f.sender().processBatch();

        assertThat(f.row(id).get("error_code")).isEqualTo("no_whatsapp_account");
        assertThat(f.sandbox.requestCount()).isZero();
    }

    @Test
    void anAccountWhoseSecretsCannotBeDecryptedFailsTheMessageWithThatReason() {
        f.execute("UPDATE whatsapp_accounts SET access_token_enc = ?", new io.switchboard.config.SecretBox(new byte[16]).encrypt("EAAother"));
        UUID id = f.queueText("+4915112345678", "hello");

        f.sender().processBatch();

        var row = f.row(id);
        assertThat(row.get("status")).isEqualTo("failed");
        assertThat(row.get("error_code")).isEqualTo("account_unreadable");
        assertThat((String) row.get("error_detail")).contains("Reconnect the WhatsApp account");
        assertThat(f.sandbox.requestCount()).isZero();
    }

    @Test
    void messagesOfAPausedCampaignWaitAndGoOutWhenItResumes() {
        UUID id = f.queueText("+4915112345678", "campaign message");
        UUID campaign = UUID.randomUUID();
        f.execute("INSERT INTO campaigns (id, tenant_id, name, message, recipients, status) VALUES (?, ?, 'Spring', 'hi', ARRAY['+4915112345678'], 'paused')",
                campaign, f.tenantId);
        f.execute("UPDATE messages SET campaign_id = ? WHERE id = ?", campaign, id);
        OutboxSender sender = f.sender();

        assertThat(sender.processBatch()).isZero();
        assertThat(f.row(id).get("send_attempts")).isEqualTo(0);

        f.execute("UPDATE campaigns SET status = 'running' WHERE id = ?", campaign);
        assertThat(sender.processBatch()).isEqualTo(1);
        assertThat(f.row(id).get("status")).isEqualTo("sent");
    }

    @Test
    void aDeactivatedTenantsMessagesWaitUntilItIsActiveAgain() {
        UUID id = f.queueText("+4915112345678", "hello");
        f.execute("UPDATE tenants SET status = 'inactive' WHERE id = ?", f.tenantId);
        OutboxSender sender = f.sender();

        assertThat(sender.processBatch()).isZero();
        assertThat(f.row(id).get("status")).isEqualTo("queued");

        f.execute("UPDATE tenants SET status = 'active' WHERE id = ?", f.tenantId);
        assertThat(sender.processBatch()).isEqualTo(1);
        assertThat(f.row(id).get("status")).isEqualTo("sent");
    }

    @Test
    void aSendWhoseWorkerDiedIsRetriedOnceTheLeaseRunsOut() throws Exception {
        UUID id = f.queueText("+4915112345678", "hello");
        OutboxSender.Options shortLease = OutboundFixture.quickOptions().withLease(Duration.ofMillis(1500)).withMaxTokenWait(Duration.ofMillis(100));
        OutboxSender dead = new OutboxSender(f.db, f.accounts(),
                new io.switchboard.channel.whatsapp.CloudApiClient(Duration.ofMillis(500), Duration.ofMillis(1000)), shortLease);
        OutboxSender survivor = new OutboxSender(f.db, f.accounts(),
                new io.switchboard.channel.whatsapp.CloudApiClient(Duration.ofMillis(500), Duration.ofMillis(1000)), shortLease);

        assertThat(dead.claim(10)).extracting(OutboxSender.Claimed::id).containsExactly(id);
        // The dead worker never records anything: the message stays queued under its lease.
        assertThat(survivor.processBatch()).as("leased to the dead worker").isZero();
        assertThat(f.row(id).get("status")).isEqualTo("queued");

        Thread.sleep(1700);
        assertThat(survivor.processBatch()).isEqualTo(1);

        var row = f.row(id);
        assertThat(row.get("status")).isEqualTo("sent");
        assertThat(row.get("send_attempts")).isEqualTo(2);
        assertThat(f.sandbox.acceptedCount()).isEqualTo(1);
    }

    @Test
    void aLateAnswerFromAnAttemptThatLostItsLeaseDoesNotOverwriteTheNewerOne() {
        UUID id = f.queueText("+4915112345678", "hello");
        OutboxSender sender = f.sender();
        List<OutboxSender.Claimed> stale = sender.claim(1);
        f.makeRetriesDue();
        sender.processBatch();
        String recorded = (String) f.row(id).get("external_message_id");

        // The stalled first attempt finally goes through: Meta gets a second copy (the documented duplicate case)…
        sender.sendAndRecord(stale);

        // …but its outcome is fenced off by the attempt number: the row keeps the newer attempt's wamid.
        assertThat(f.sandbox.acceptedCount()).isEqualTo(2);
        var row = f.row(id);
        assertThat(row.get("external_message_id")).isEqualTo(recorded);
        assertThat(row.get("send_attempts")).isEqualTo(2);
        assertThat(f.count("SELECT COUNT(*) FROM message_statuses WHERE message_id = ?", id)).isEqualTo(1);
    }

    @Test
    void stopFinishesTheBatchInFlightAndLeavesNothingLeased() throws Exception {
        for (int i = 0; i < 40; i++) {
            f.queueText("+49151123456" + String.format("%02d", i), "message " + i);
        }
        OutboxSender sender = f.sender(OutboundFixture.quickOptions().withWorkers(2).withBatchSize(5));
        sender.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        sender.stop();

        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE status = 'queued' AND send_attempts > 0"))
                .as("claimed but never recorded").isZero();
        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'")).isEqualTo(f.sandbox.acceptedCount());
    }

    @Test
    void twoSendersOnOneDatabaseSendEachMessageOnce() throws Exception {
        for (int i = 0; i < 200; i++) {
            f.queueText("+4915112345" + String.format("%03d", i), "message " + i);
        }
        OutboxSender one = f.sender(OutboundFixture.quickOptions().withWorkers(3).withBatchSize(7));
        OutboxSender two = f.sender(OutboundFixture.quickOptions().withWorkers(3).withBatchSize(7));
        one.start();
        two.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'") < 200 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        one.stop();
        two.stop();

        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent' AND send_attempts = 1")).isEqualTo(200);
        assertThat(f.count("SELECT COUNT(DISTINCT external_message_id) FROM messages")).isEqualTo(200);
        assertThat(f.sandbox.requestCount()).isEqualTo(200);
        assertThat(f.sandbox.requests()).extracting(r -> r.body().path("to").asText()).doesNotHaveDuplicates();
    }

    @Test
    void theRateHoldsAcrossSendersBecauseTheBucketIsShared() throws Exception {
        f.execute("UPDATE whatsapp_accounts SET send_rate_per_second = 10");
        for (int i = 0; i < 30; i++) {
            f.queueText("+49151123456" + String.format("%02d", i), "message " + i);
        }
        OutboxSender one = f.sender(OutboundFixture.quickOptions().withWorkers(2).withBatchSize(5));
        OutboxSender two = f.sender(OutboundFixture.quickOptions().withWorkers(2).withBatchSize(5));

        long start = System.nanoTime();
        one.start();
        two.start();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'") < 30 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        one.stop();
        two.stop();

        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'")).isEqualTo(30);
        // Two private buckets would allow 20 at once and 20/s after (about 0.5 s); one shared bucket needs 2 s.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(1_950);
        assertThat(f.count("SELECT COUNT(*) FROM send_rate_buckets WHERE phone_number_id = ? AND tenant_id = ?", OutboundFixture.PHONE_NUMBER_ID,
                f.tenantId)).isEqualTo(1);
    }

    @Test
    void messagesThatGetNoTokenInTimeArePutBackUncounted() {
        f.execute("UPDATE whatsapp_accounts SET send_rate_per_second = 1");
        for (int i = 0; i < 4; i++) {
            f.queueText("+49151123456" + i, "message " + i);
        }
        OutboxSender sender = f.sender(OutboundFixture.quickOptions().withMaxTokenWait(Duration.ofMillis(200)));

        assertThat(sender.processBatch()).isEqualTo(4);

        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'")).isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE status = 'queued' AND send_attempts = 0 AND next_attempt_at IS NULL")).isEqualTo(3);
        assertThat(f.sandbox.requestCount()).isEqualTo(1);
    }

    @Test
    void aNumbersRateLimitHoldsSendsBack() throws Exception {
        f.execute("UPDATE whatsapp_accounts SET send_rate_per_second = 10");
        for (int i = 0; i < 30; i++) {
            f.queueText("+49151123456" + String.format("%02d", i), "message " + i);
        }
        OutboxSender sender = f.sender(OutboundFixture.quickOptions().withWorkers(2).withBatchSize(10));

        long start = System.nanoTime();
        sender.start();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'") < 30 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        sender.stop();

        assertThat(f.count("SELECT COUNT(*) FROM messages WHERE status = 'sent'")).isEqualTo(30);
        // A bucket of 10/s holds at most one second's worth: 30 sends need at least 2 s of refills.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(1_950);
        assertThat(f.sandbox.requestCount()).isEqualTo(30);
    }
}
