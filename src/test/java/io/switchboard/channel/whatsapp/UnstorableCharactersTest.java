package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Valid JSON that {@code jsonb} refuses (the escape \u0000, unpaired surrogate escapes) is still stored
 * as JSON — those characters replaced by U+FFFD, the exact bytes kept in raw_body — and its message
 * reaches the inbox. Before, such a body was kept as a JSON string and failed as "not JSON".
 */
class UnstorableCharactersTest {
    private static final String MESSAGE_TEXT = "\"body\": \"Does it come in another color?\"";
    private InboundKit kit;

    @BeforeEach
    void start() {
        kit = new InboundKit().withReceiver();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private Map<String, Object> postAndProcess(String messageBodyJson) {
        String body = InboundKit.fixture("text.json").replace(MESSAGE_TEXT, "\"body\": \"" + messageBodyJson + "\"");
        assertThat(body).contains(messageBodyJson);
        assertThat(kit.postSigned(body).statusCode()).isEqualTo(200);
        Map<String, Object> event = kit.row("SELECT jsonb_typeof(payload) AS kind, raw_body FROM webhook_events");
        assertThat(event).containsEntry("kind", "object");
        assertThat((byte[]) event.get("raw_body")).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(kit.poller().processAvailable()).isEqualTo(1);
        assertThat(kit.row("SELECT status, processing_error FROM webhook_events")).containsEntry("status", "processed");
        return kit.row("SELECT direction, content FROM messages");
    }

    @Test
    void aNulEscapeIsReplacedAndTheMessageArrives() {
        Map<String, Object> m = postAndProcess("before\\u0000after");
        assertThat(m).containsEntry("direction", "inbound").containsEntry("content", "before\uFFFDafter");
    }

    @Test
    void aLoneHighSurrogateIsReplacedAndTheMessageArrives() {
        assertThat(postAndProcess("half an emoji \\ud83d!")).containsEntry("content", "half an emoji \uFFFD!");
    }

    @Test
    void aLoneLowSurrogateIsReplacedAndTheMessageArrives() {
        assertThat(postAndProcess("\\ude00 tail")).containsEntry("content", "\uFFFD tail");
    }

    @Test
    void aBodyJsonbTakesAsSentKeepsNoCopy() {
        String body = InboundKit.fixture("text.json").replace(MESSAGE_TEXT, "\"body\": \"smile \\ud83d\\ude00, a path C:\\\\u0000\"");
        assertThat(kit.postSigned(body).statusCode()).isEqualTo(200);
        assertThat(kit.row("SELECT raw_body IS NULL AS no_copy FROM webhook_events")).containsEntry("no_copy", true);
        kit.poller().processAvailable();
        assertThat(kit.row("SELECT content FROM messages")).containsEntry("content", "smile \uD83D\uDE00, a path C:\\u0000");
    }

    @Test
    void replacesOnlyWhatJsonbRefuses() {
        assertThat(WebhookBody.jsonbSafe("{\"a\":\"x\"}")).isEqualTo("{\"a\":\"x\"}");
        assertThat(WebhookBody.jsonbSafe("\"\\u0000\"")).isEqualTo("\"\\ufffd\"");
        assertThat(WebhookBody.jsonbSafe("\"\\\\u0000\"")).isEqualTo("\"\\\\u0000\""); // an escaped backslash, then text
        assertThat(WebhookBody.jsonbSafe("\"\\uD83D\\uDE00\"")).isEqualTo("\"\\uD83D\\uDE00\"");
        assertThat(WebhookBody.jsonbSafe("\"\\ud83d\\u0041\"")).isEqualTo("\"\\ufffd\\u0041\"");
        assertThat(WebhookBody.jsonbSafe("\"\\ud83d\"")).isEqualTo("\"\\ufffd\"");
        assertThat(WebhookBody.jsonbSafe("\"a\u0000b\"")).isEqualTo("\"a\uFFFDb\"");
        assertThat(WebhookBody.jsonbSafe("\"\\u00")).isEqualTo("\"\\u00"); // truncated: left for jsonb to refuse
    }

    @Test
    void bytesThatAreNotUtf8AreKeptRaw() {
        byte[] bad = "{\"x\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        WebhookBody body = WebhookBody.of(bad);
        assertThat(body.raw()).isEqualTo(bad);
        assertThat(body.text()).isEqualTo("{\"x\":\"\uFFFD\"}");
        assertThat(WebhookBody.of("{\"x\":\"\uFFFD\"}".getBytes(StandardCharsets.UTF_8)).raw()).isNull(); // a real U+FFFD is fine
    }
}
