package io.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.ValidationException;
import io.switchboard.message.MessageType;
import io.switchboard.template.TemplateLayout;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A template with a media header, body variables and button parameters, sent in the JSON Meta documents for template messages. */
class TemplateMessageJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENTS = """
            [{"type":"HEADER","format":"IMAGE","example":{"header_handle":["https://example.com/p.jpg"]}},
             {"type":"BODY","text":"Hi {{1}}, parcel {{2}} arrives today.","example":{"body_text":[["Ana","#4821"]]}},
             {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://example.com/track/{{1}}","example":["https://example.com/track/1"]},
                                          {"type":"QUICK_REPLY","text":"Talk to us"},{"type":"COPY_CODE","example":"25OFF"}]}]""";

    private static TemplateView parcel() throws Exception {
        TemplateLayout layout = TemplateLayout.of(JSON.readTree(COMPONENTS));
        return new TemplateView(UUID.randomUUID(), "parcel_tracking", "en_US", "transactional", null, layout.body(), null, List.of(),
                TemplateService.placeholders(layout.body()), layout.headerFormat(), layout.buttons());
    }

    private static TemplateParameters params(String media, List<String> buttons) {
        return new TemplateParameters(List.of(), List.of("Ana", "#4821"), media,
                buttons.stream().map(v -> new TemplateParameters.ButtonParameter(0, null, v)).toList());
    }

    @Test
    void headerMediaBodyAndButtonParametersProduceMetasDocumentedShape() throws Exception {
        OutboundContent content = TemplateService.content(parcel(), params("https://cdn.example.com/parcel-4821.jpg", List.of("4821", "SAVE25")));
        JsonNode body = MessagePayload.build(MessageType.TEMPLATE, content.content(), JSON.valueToTree(content.metadata()), "+4915112345678");

        assertThat(body).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678","type":"template",
                 "template":{"name":"parcel_tracking","language":{"code":"en_US"},"components":[
                   {"type":"header","parameters":[{"type":"image","image":{"link":"https://cdn.example.com/parcel-4821.jpg"}}]},
                   {"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"#4821"}]},
                   {"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"4821"}]},
                   {"type":"button","sub_type":"copy_code","index":"2","parameters":[{"type":"coupon_code","coupon_code":"SAVE25"}]}]}}"""));
        assertThat(content.content()).as("the thread shows what the customer saw")
                .isEqualTo("[image]\n\nHi Ana, parcel #4821 arrives today.\n[Track]\n[Talk to us]\n[Copy offer code]");
        @SuppressWarnings("unchecked")
        var template = (java.util.Map<String, Object>) content.metadata().get("template");
        assertThat(template).containsEntry("name", "parcel_tracking").containsEntry("language", "en_US");
    }

    @Test
    void anUploadedMediaIdIsSentAsIdAndTextHeadersAsTextParameters() throws Exception {
        OutboundContent byId = TemplateService.content(parcel(), params("1013859600285441", List.of("4821", "SAVE25")));
        JsonNode body = MessagePayload.build(MessageType.TEMPLATE, byId.content(), JSON.valueToTree(byId.metadata()), "+4915112345678");
        assertThat(body.at("/template/components/0")).isEqualTo(JSON.readTree("""
                {"type":"header","parameters":[{"type":"image","image":{"id":"1013859600285441"}}]}"""));

        TemplateView text = new TemplateView(UUID.randomUUID(), "order_update", "en_US", "transactional", "Order {{1}}", "Hi {{1}}", null, List.of(1),
                List.of(1));
        OutboundContent c = TemplateService.content(text, List.of("#12"), List.of("Ana"));
        assertThat(MessagePayload.build(MessageType.TEMPLATE, c.content(), JSON.valueToTree(c.metadata()), "+4915112345678").at("/template/components"))
                .isEqualTo(JSON.readTree("""
                        [{"type":"header","parameters":[{"type":"text","text":"#12"}]},{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]"""));
    }

    @Test
    void missingValuesAreRefusedNamingWhatIsMissing() throws Exception {
        assertThatThrownBy(() -> TemplateService.content(parcel(), params(null, List.of("4821", "SAVE25"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("header image"));
        assertThatThrownBy(() -> TemplateService.content(parcel(), params("https://x.example/p.jpg", List.of("4821"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("needs 2 (one per URL or copy-code button), got 1");
        assertThatThrownBy(() -> TemplateService.content(parcel(), params("https://x.example/p.jpg", List.of("4821", "WAY-TOO-LONG-CODE"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("button 2 (copy code)"));
        assertThatThrownBy(() -> TemplateService.content(parcel(), params("https://x.example/p.jpg", List.of(" ", "A"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("button 0 (Track)"));
    }

    @Test
    void theSandboxAcceptsItAndRefusesAWrongShapeLikeMeta() throws Exception {
        try (OutboundFixture f = new OutboundFixture()) {
            f.sandbox.addTemplate("waba-1", "parcel_tracking", "en_US", "UTILITY", "APPROVED", COMPONENTS);
            UUID ok = f.queue("+4915112345678", TemplateService.content(parcel(), params("https://cdn.example.com/p.jpg", List.of("4821", "SAVE25"))));
            OutboundContent noButtons = OutboundContent.template("parcel_tracking", "en_US",
                    new TemplateParameters(List.of(), List.of("Ana", "#4821"), "https://cdn.example.com/p.jpg", List.of()), "image", "x");
            UUID wrong = f.queue("+4915112345679", noButtons);
            f.sender().processBatch();
            assertThat(f.row(ok).get("status")).isEqualTo("sent");
            assertThat(f.row(wrong).get("error_code")).isEqualTo("132000");
        }
    }
}
