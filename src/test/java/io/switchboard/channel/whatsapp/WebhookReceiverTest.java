package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookReceiverTest {
    private InboundKit kit;

    @BeforeEach
    void start() {
        kit = new InboundKit().withReceiver();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private HttpResponse<String> get(String query) {
        return kit.send(HttpRequest.newBuilder(kit.webhookUri(query)).GET().build());
    }

    private long storedEvents() {
        return kit.count("SELECT COUNT(*) FROM webhook_events");
    }

    @Test
    void answersMetasVerificationHandshakeWithTheChallenge() {
        HttpResponse<String> ok = get("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=" + InboundKit.VERIFY_TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void refusesTheHandshakeWithAWrongTokenOrMode() {
        assertThat(get("hub.mode=subscribe&hub.challenge=42&hub.verify_token=guess").statusCode()).isEqualTo(403);
        assertThat(get("hub.mode=unsubscribe&hub.challenge=42&hub.verify_token=" + InboundKit.VERIFY_TOKEN).statusCode()).isEqualTo(403);
        assertThat(get("hub.mode=subscribe&hub.challenge=42").statusCode()).isEqualTo(403);
        assertThat(get(null).statusCode()).isEqualTo(403);
    }

    @Test
    void storesASignedBodyRawAndUnprocessed() {
        String body = InboundKit.fixture("text.json");
        HttpResponse<String> response = kit.postSigned(body);
        assertThat(response.statusCode()).isEqualTo(200);
        var event = kit.row("SELECT event_type, status, tenant_id, payload = ?::jsonb AS same FROM webhook_events", body);
        assertThat(event).containsEntry("event_type", "whatsapp").containsEntry("status", "unprocessed").containsEntry("same", true);
        assertThat(event.get("tenant_id")).isNull();
    }

    @Test
    void refusesAMissingSignatureWith401AndStoresNothing() {
        HttpResponse<String> response = kit.post(InboundKit.fixture("text.json").getBytes(StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void refusesForgedAndMalformedSignaturesWith403AndStoresNothing() {
        byte[] body = InboundKit.fixture("text.json").getBytes(StandardCharsets.UTF_8);
        String forged = WebhookSignature.sign("not-the-app-secret", body);
        String valid = WebhookSignature.sign(InboundKit.APP_SECRET, body);
        byte[] tampered = InboundKit.fixture("text.json").replace("another color", "a refund").getBytes(StandardCharsets.UTF_8);

        assertThat(kit.post(body, forged).statusCode()).isEqualTo(403);
        assertThat(kit.post(tampered, valid).statusCode()).isEqualTo(403);
        assertThat(kit.post(body, "sha256=zz").statusCode()).isEqualTo(403);
        assertThat(kit.post(body, "sha1=" + valid.substring(7)).statusCode()).isEqualTo(403);
        assertThat(kit.post(body, valid.substring(0, valid.length() - 2) + "gg").statusCode()).isEqualTo(403);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void aBodyNamingANumberMustBeSignedWithThatNumbersAppSecret() {
        var other = kit.accounts.connect(new io.switchboard.tenant.TenantService(kit.db).create("Other").id(),
                WhatsAppConnection.of("200000000000001", "other-token-123456", "other-app-secret", "other-verify"));
        kit.cache.refresh();
        byte[] body = InboundKit.fixture("text.json").getBytes(StandardCharsets.UTF_8); // names PHONE_NUMBER_ID
        assertThat(kit.post(body, WebhookSignature.sign("other-app-secret", body)).statusCode()).isEqualTo(403);
        assertThat(storedEvents()).isZero();

        byte[] unnamed = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(kit.post(unnamed, WebhookSignature.sign("other-app-secret", unnamed)).statusCode()).isEqualTo(200);
        assertThat(other.phoneNumberId()).isEqualTo("200000000000001");
        assertThat(storedEvents()).isEqualTo(1);
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        byte[] big = new byte[WebhookReceiver.DEFAULT_MAX_BODY_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        HttpResponse<String> response = kit.post(big, WebhookSignature.sign(InboundKit.APP_SECRET, big));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void keepsASignedBodyThatIsNotJsonAsAJsonString() {
        HttpResponse<String> response = kit.postSigned("this is {not json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(kit.row("SELECT jsonb_typeof(payload) AS kind, payload #>> '{}' AS text FROM webhook_events"))
                .containsEntry("kind", "string").containsEntry("text", "this is {not json");
    }

    @Test
    void answersOnlyItsPathAndMethods() {
        var wrongPath = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + kit.receiver().port() + "/webhookx")).GET().build();
        assertThat(kit.send(wrongPath).statusCode()).isEqualTo(404);
        var put = HttpRequest.newBuilder(kit.webhookUri(null)).PUT(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(kit.send(put).statusCode()).isEqualTo(405);
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWhileReadingIt() {
        byte[] big = new byte[WebhookReceiver.DEFAULT_MAX_BODY_BYTES + 10];
        Arrays.fill(big, (byte) 'x');
        var chunked = HttpRequest.newBuilder(kit.webhookUri(null))
                .header(WebhookSignature.HEADER, WebhookSignature.sign(InboundKit.APP_SECRET, big))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        assertThat(kit.send(chunked).statusCode()).isEqualTo(413);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void acceptsANumberConnectedAfterTheCacheWasLoaded() {
        var other = new io.switchboard.tenant.TenantService(kit.db).create("Late").id();
        kit.accounts.connect(other, WhatsAppConnection.of("200000000000002", "late-token-123456", "late-app-secret", "late-verify"));
        byte[] body = InboundKit.fixture("text.json").replace(InboundKit.PHONE_NUMBER_ID, "200000000000002").getBytes(StandardCharsets.UTF_8);
        assertThat(kit.post(body, WebhookSignature.sign("late-app-secret", body)).statusCode()).isEqualTo(200);
        assertThat(storedEvents()).isEqualTo(1);
    }

    @Test
    void stopsListeningWhenStopped() {
        int port = kit.receiver().port();
        kit.receiver().stop(java.time.Duration.ofSeconds(1));
        var request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/webhook")).GET().build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kit.send(request)).hasCauseInstanceOf(java.net.ConnectException.class);
    }
}
