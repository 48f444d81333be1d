package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Meta's documented inbound payloads, posted signed over HTTP, then processed by the poller. */
class InboundMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDateTime SENT = LocalDateTime.of(2025, 6, 8, 20, 59, 43); // 1749416383
    private InboundKit kit;

    @BeforeEach
    void start() {
        kit = new InboundKit().withReceiver();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private Map<String, Object> receive(String fixture) {
        assertThat(kit.postSigned(InboundKit.fixture(fixture)).statusCode()).isEqualTo(200);
        assertThat(kit.poller().processAvailable()).isEqualTo(1);
        assertThat(kit.row("SELECT status, processing_error, tenant_id FROM webhook_events"))
                .containsEntry("status", "processed").containsEntry("processing_error", null).containsEntry("tenant_id", kit.tenantId);
        return kit.row("SELECT m.*, m.metadata::text AS meta FROM messages m");
    }

    private static JsonNode metadata(Map<String, Object> message) throws Exception {
        return JSON.readTree((String) message.get("meta"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            text.json                     | text  | text        | Does it come in another color?
            image.json                    | image | image       | Here is the receipt
            document.json                 | doc   | document    | Signed contract
            video.json                    | doc   | video       | The box arrived damaged
            location.json                 | text  | location    | 📍 Main Office 1 Hacker Way, Menlo Park, CA 94025
            contacts.json                 | text  | contacts    | 👤 Barbara J. Johnson (+1 (940) 555-1234)
            interactive_button_reply.json | text  | interactive | Change
            interactive_list_reply.json   | text  | interactive | Express Shipping — Next Day to 2 Days
            button.json                   | text  | button      | Unsubscribe
            reaction.json                 | text  | reaction    | 👍
            order.json                    | text  | order       | Please send before Friday
            system.json                   | text  | system      | User A changed from 16505551234 to 16505559876
            unsupported.json              | text  | unsupported | Unsupported message (unsupported): Message type unknown
            """)
    void storesEveryInboundTypeWithItsHumanText(String fixture, String type, String contentType, String content) {
        Map<String, Object> m = receive(fixture);
        assertThat(m).containsEntry("type", type).containsEntry("content_type", contentType).containsEntry("content", content)
                .containsEntry("direction", "inbound").containsEntry("channel", "whatsapp").containsEntry("tenant_id", kit.tenantId)
                .containsEntry("created_at", SENT);
        assertThat((String) m.get("external_message_id")).startsWith("wamid.");
    }

    @Test
    void createsTheContactInE164WithTheProfileNameAndOpensAConversation() {
        Map<String, Object> m = receive("text.json");
        Map<String, Object> contact = kit.row("SELECT id, phone, name, metadata::text AS meta, last_inbound_at FROM contacts");
        assertThat(contact).containsEntry("phone", "+16505551234").containsEntry("name", "Sheena Nelson")
                .containsEntry("last_inbound_at", SENT);
        assertThat((String) contact.get("meta")).contains("\"whatsapp_profile_name\": \"Sheena Nelson\"", "\"wa_id\": \"16505551234\"");
        Map<String, Object> conversation = kit.row("SELECT id, status, last_message_at, contact_id FROM conversations");
        assertThat(conversation).containsEntry("status", "open").containsEntry("last_message_at", SENT)
                .containsEntry("contact_id", contact.get("id"));
        assertThat(m).containsEntry("conversation_id", conversation.get("id")).containsEntry("contact_id", contact.get("id"));
    }

    @Test
    void keepsAKnownContactNameButRecordsTheProfileName() {
        kit.update("INSERT INTO contacts (tenant_id, phone, name) VALUES (?, '+16505551234', 'Sheena (VIP)')", kit.tenantId);
        receive("text.json");
        Map<String, Object> contact = kit.row("SELECT name, metadata->>'whatsapp_profile_name' AS profile FROM contacts");
        assertThat(contact).containsEntry("name", "Sheena (VIP)").containsEntry("profile", "Sheena Nelson");
    }

    @Test
    void keepsMediaIdMimeTypeShaCaptionAndFilename() throws Exception {
        JsonNode media = metadata(receive("document.json")).path("media");
        assertThat(media.path("id").asText()).isEqualTo("1003383421387257");
        assertThat(media.path("mime_type").asText()).isEqualTo("application/pdf");
        assertThat(media.path("sha256").asText()).isEqualTo("9h6ePnrfG+2xLtaX7sDrvmvKoAk5xJzbT0XfGqVx3rA=");
        assertThat(media.path("caption").asText()).isEqualTo("Signed contract");
        assertThat(media.path("filename").asText()).isEqualTo("contract.pdf");
    }

    @Test
    void storesAudioAndStickersAsDocsWithTheirMedia() throws Exception {
        Map<String, Object> audio = receive("audio.json");
        assertThat(audio).containsEntry("type", "doc").containsEntry("content_type", "audio");
        assertThat(metadata(audio).path("media").path("voice").asBoolean()).isTrue();
        kit.update("DELETE FROM webhook_events");
        assertThat(kit.postSigned(InboundKit.fixture("sticker.json")).statusCode()).isEqualTo(200);
        kit.poller().processAvailable();
        Map<String, Object> stored = kit.row("SELECT type, metadata->'media'->>'mime_type' AS mime FROM messages WHERE content_type = 'sticker'");
        assertThat(stored).containsEntry("type", "doc").containsEntry("mime", "image/webp");
    }

    @Test
    void keepsLocationReplyContextReactionTargetAndInteractiveDetails() throws Exception {
        JsonNode location = metadata(receive("location.json")).path("location");
        assertThat(location.path("latitude").asDouble()).isEqualTo(37.483307);
        assertThat(location.path("longitude").asDouble()).isEqualTo(-122.148981);
        kit.update("DELETE FROM messages");
        kit.update("DELETE FROM webhook_events");

        JsonNode reply = metadata(receive("interactive_button_reply.json"));
        assertThat(reply.path("interactive").path("button_reply").path("id").asText()).isEqualTo("change-button");
        assertThat(reply.path("context").path("id").asText()).startsWith("wamid.");
        kit.update("DELETE FROM messages");
        kit.update("DELETE FROM webhook_events");

        JsonNode reaction = metadata(receive("reaction.json")).path("reaction");
        assertThat(reaction.path("message_id").asText()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBIzQjU3N0E5NkRDNjVDRDgyNjAA");
        assertThat(reaction.path("emoji").asText()).isEqualTo("👍");
    }

    @Test
    void aRemovedReactionIsKeptAsRemoved() throws Exception {
        Map<String, Object> m = receive("reaction_removed.json");
        assertThat(m.get("content")).isNull();
        assertThat(metadata(m).path("reaction").path("removed").asBoolean()).isTrue();
    }

    @Test
    void keepsAnUnknownTypeWithItsRawJson() throws Exception {
        Map<String, Object> m = receive("unknown_type.json");
        assertThat(m).containsEntry("type", "text").containsEntry("content_type", "hologram")
                .containsEntry("content", "Unsupported message (hologram)");
        JsonNode raw = metadata(m).path("raw");
        assertThat(raw.path("hologram").path("frames").asInt()).isEqualTo(24);
        assertThat(raw.path("type").asText()).isEqualTo("hologram");
    }

    @Test
    void keepsTheErrorsOfAnUnsupportedMessage() throws Exception {
        JsonNode meta = metadata(receive("unsupported.json"));
        assertThat(meta.path("errors").path(0).path("code").asInt()).isEqualTo(131051);
        assertThat(meta.path("raw").path("unsupported").path("type").asText()).isEqualTo("poll_creation");
    }

    @Test
    void aWebhookDeliveredTwiceCreatesOneMessage() {
        String body = InboundKit.fixture("text.json");
        assertThat(kit.postSigned(body).statusCode()).isEqualTo(200);
        assertThat(kit.postSigned(body).statusCode()).isEqualTo(200);
        assertThat(kit.poller().processAvailable()).isEqualTo(2);
        assertThat(kit.postSigned(body).statusCode()).isEqualTo(200);
        assertThat(kit.poller().processAvailable()).isEqualTo(1);
        assertThat(kit.count("SELECT COUNT(*) FROM messages")).isEqualTo(1);
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'processed'")).isEqualTo(3);
        assertThat(kit.count("SELECT COUNT(*) FROM contacts")).isEqualTo(1);
        assertThat(kit.count("SELECT COUNT(*) FROM conversations")).isEqualTo(1);
    }

    @Test
    void aClosedConversationReopensOnANewInboundMessage() {
        receive("text.json");
        kit.update("UPDATE conversations SET status = 'closed'");
        kit.update("DELETE FROM webhook_events");
        receiveAnother("image.json");
        assertThat(kit.rows("SELECT status FROM conversations")).containsExactly(Map.of("status", "open"));
        assertThat(kit.count("SELECT COUNT(DISTINCT conversation_id) FROM messages")).isEqualTo(1);
    }

    @Test
    void anArchivedConversationStaysArchivedAndANewOneOpens() {
        receive("text.json");
        kit.update("UPDATE conversations SET status = 'archived'");
        kit.update("DELETE FROM webhook_events");
        receiveAnother("image.json");
        assertThat(kit.rows("SELECT status FROM conversations ORDER BY created_at, status"))
                .extracting(r -> r.get("status")).containsExactlyInAnyOrder("archived", "open");
        Map<String, Object> image = kit.row("SELECT conversation_id FROM messages WHERE type = 'image'");
        assertThat(kit.row("SELECT status FROM conversations WHERE id = ?", image.get("conversation_id"))).containsEntry("status", "open");
    }

    @Test
    void aDuplicateOfAnOldMessageDoesNotReopenAClosedConversation() {
        receive("text.json");
        kit.update("UPDATE conversations SET status = 'closed'");
        kit.update("DELETE FROM webhook_events");
        receiveAnother("text.json");
        assertThat(kit.rows("SELECT status FROM conversations")).containsExactly(Map.of("status", "closed"));
    }

    private void receiveAnother(String fixture) {
        assertThat(kit.postSigned(InboundKit.fixture(fixture)).statusCode()).isEqualTo(200);
        assertThat(kit.poller().processAvailable()).isEqualTo(1);
        assertThat(kit.row("SELECT status FROM webhook_events")).containsEntry("status", "processed");
    }

    @Test
    void aBodyThatIsNotJsonIsKeptAsFailedWithTheReason() {
        assertThat(kit.postSigned("{\"object\": \"whatsapp_business_account\", \"entry\": [").statusCode()).isEqualTo(200);
        assertThat(kit.poller().processAvailable()).isEqualTo(1);
        Map<String, Object> event = kit.row("SELECT status, processing_error, processed_at FROM webhook_events");
        assertThat(event).containsEntry("status", "failed");
        assertThat((String) event.get("processing_error")).contains("not JSON");
        assertThat(event.get("processed_at")).isNotNull();
        assertThat(kit.count("SELECT COUNT(*) FROM messages")).isZero();
    }

    @Test
    void anEventForAnUnconnectedNumberIsFailedWithTheReasonAndTheBatchGoesOn() {
        kit.storeEvent(InboundKit.fixture("text.json").replace(InboundKit.PHONE_NUMBER_ID, "999999999999999"));
        kit.storeEvent("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":[]}}]}]}");
        kit.storeEvent(InboundKit.fixture("text.json").replace("\"from\": \"16505551234\"", "\"from\": \"12\""));
        kit.storeEvent(InboundKit.fixture("image.json"));
        assertThat(kit.poller().processAvailable()).isEqualTo(4);
        assertThat(kit.rows("SELECT status, processing_error FROM webhook_events ORDER BY created_at"))
                .extracting(r -> r.get("status") + ": " + r.get("processing_error"))
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("failed: no WhatsApp account is connected with phone_number_id 999999999999999"),
                        r -> assertThat(r).startsWith("failed: entry[0].changes[0].value.metadata.phone_number_id: missing"),
                        r -> assertThat(r).startsWith("failed: entry[0].changes[0].value.messages[0].from").contains("\"12\""),
                        r -> assertThat(r).isEqualTo("processed: null"));
        assertThat(kit.rows("SELECT content_type FROM messages")).containsExactly(Map.of("content_type", "image"));
    }

    @Test
    void aChangeOfAnotherFieldIsProcessedWithANote() {
        kit.storeEvent("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","time":1749416383,"changes":[
                 {"value":{"ban_info":{"waba_ban_state":"SCHEDULE_FOR_DISABLE"},"event":"DISABLED_UPDATE"},"field":"account_update"}]}]}""");
        kit.poller().processAvailable();
        assertThat(kit.row("SELECT status, processing_error FROM webhook_events"))
                .containsEntry("status", "processed")
                .containsEntry("processing_error", "entry[0].changes[0]: ignored field \"account_update\"");
    }

    @Test
    void aTemplateChangeForAWabaNoNumberBelongsToFailsWithItsReason() {
        kit.storeEvent(InboundKit.fixture("template_status_update.json"));
        kit.poller().processAvailable();
        assertThat(kit.row("SELECT status, processing_error FROM webhook_events"))
                .containsEntry("status", "failed")
                .containsEntry("processing_error", "no WhatsApp account is connected with waba_id 102290129340398; connect a number with --waba-id and reprocess the event");
    }

    @Test
    void aReplyKeepsWhatItRepliesTo() throws Exception {
        JsonNode context = metadata(receive("text_reply.json")).path("context");
        assertThat(context.path("id").asText()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2NjU2NjlFOEI3QjIxMAA=");
    }
}
