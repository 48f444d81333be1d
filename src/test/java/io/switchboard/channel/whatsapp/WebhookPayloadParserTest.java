package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.message.MessageStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookPayloadParserTest {
    private final WebhookPayloadParser parser = new WebhookPayloadParser();

    @Test
    void readsAStatusWithItsErrors() throws Exception {
        ParsedWebhook parsed = parser.parse(InboundKit.fixture("status_failed.json"));
        StatusUpdate s = parsed.changes().get(0).statuses().get(0);
        assertThat(s.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(s.timestamp()).isEqualTo(Instant.ofEpochSecond(1749416405));
        assertThat(s).extracting(StatusUpdate::errorCode, StatusUpdate::errorTitle, StatusUpdate::errorDetail, StatusUpdate::recipientId)
                .containsExactly("131026", "Message undeliverable", "Message Undeliverable.", "16505551234");
        assertThat(parsed.changes().get(0).phoneNumberId()).isEqualTo(InboundKit.PHONE_NUMBER_ID);
    }

    @Test
    void notesAStatusItDoesNotKnowAndKeepsTheRest() throws Exception {
        String body = StatusWebhooks.status("wamid.A", "played", 1749416405)
                .replace("\"recipient_id\":\"16505551234\"}]", "\"recipient_id\":\"16505551234\"},{\"id\":\"wamid.B\",\"status\":\"read\",\"timestamp\":\"1749416406\"}]");
        ParsedWebhook parsed = parser.parse(body);
        assertThat(parsed.changes().get(0).statuses()).extracting(StatusUpdate::wamid).containsExactly("wamid.B");
        assertThat(parsed.notes()).containsExactly("entry[0].changes[0].value.statuses[0]: ignored status \"played\"");
    }

    @Test
    void namesThePathOfWhatItCannotRead() {
        assertThatThrownBy(() -> parser.parse(StatusWebhooks.status("wamid.A", "read", 1).replace("\"timestamp\":\"1\"", "\"timestamp\":\"soon\"")))
                .isInstanceOf(WebhookParseException.class)
                .hasMessage("entry[0].changes[0].value.statuses[0].timestamp: expected Unix seconds, got \"soon\"");
        assertThatThrownBy(() -> parser.parse(StatusWebhooks.status("wamid." + "x".repeat(200), "read", 1)))
                .hasMessageContaining("longer than 120");
        assertThatThrownBy(() -> parser.parse("{\"object\":\"page\",\"entry\":[]}"))
                .hasMessage("object: expected \"whatsapp_business_account\", got \"page\"");
        assertThatThrownBy(() -> parser.parse("[1,2]")).hasMessage("the body is JSON but not an object");
        assertThatThrownBy(() -> parser.parse("\"kept as a string\"")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parser.parse(InboundKit.fixture("text.json").replace("\"id\": \"wamid.", "\"idx\": \"wamid.")))
                .hasMessage("entry[0].changes[0].value.messages[0].id: missing message id");
    }

    @Test
    void mapsEveryWhatsAppTypeToTheGuidesTypes() {
        assertThat(WebhookPayloadParser.guideType("image").code()).isEqualTo("image");
        for (String media : new String[] {"document", "audio", "video", "sticker"}) {
            assertThat(WebhookPayloadParser.guideType(media).code()).isEqualTo("doc");
        }
        for (String other : new String[] {"text", "location", "contacts", "interactive", "button", "reaction", "order", "system", "unknown", "unsupported", "hologram"}) {
            assertThat(WebhookPayloadParser.guideType(other).code()).isEqualTo("text");
        }
    }

    @Test
    void aLongUnknownTypeNameIsCutToTheColumnWidth() throws Exception {
        String type = "a".repeat(40);
        InboundMessage m = parser.parse(InboundKit.fixture("unknown_type.json").replace("\"hologram\"", "\"" + type + "\""))
                .changes().get(0).messages().get(0);
        assertThat(m.whatsappType()).hasSize(30);
        assertThat(m.metadataJson()).contains(type);
    }
}
