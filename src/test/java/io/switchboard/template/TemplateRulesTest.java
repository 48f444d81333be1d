package io.switchboard.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.template.TemplateDraft.Button;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every limit of Meta's the editor checks locally, each with the field it names. */
class TemplateRulesTest {
    private static final TemplateDraft OK = new TemplateDraft("order_update", "UTILITY", "en_US", "TEXT", "Order {{1}}", "#12",
            "Hi {{1}}, your order ships {{2}}.", List.of("Ana", "today"), "Reply STOP to opt out",
            List.of(Button.quickReply("Yes"), Button.quickReply("No"), Button.url("Track", "https://example.com/t/{{1}}", "https://example.com/t/12"),
                    Button.phone("Call us", "+15550051310"), Button.copyCode("25OFF")));

    private static TemplateDraft with(String name, String category, String language) {
        return new TemplateDraft(name, category, language, OK.headerFormat(), OK.headerText(), OK.headerExample(), OK.body(), OK.bodyExamples(),
                OK.footer(), OK.buttons());
    }

    private static TemplateDraft header(String format, String text, String example) {
        return new TemplateDraft(OK.name(), OK.category(), OK.language(), format, text, example, OK.body(), OK.bodyExamples(), OK.footer(), OK.buttons());
    }

    private static TemplateDraft body(String body, List<String> examples) {
        return new TemplateDraft(OK.name(), OK.category(), OK.language(), null, null, null, body, examples, OK.footer(), OK.buttons());
    }

    private static TemplateDraft footer(String footer) {
        return new TemplateDraft(OK.name(), OK.category(), OK.language(), null, null, null, OK.body(), OK.bodyExamples(), footer, List.of());
    }

    private static TemplateDraft buttons(List<Button> buttons) {
        return new TemplateDraft(OK.name(), OK.category(), OK.language(), null, null, null, OK.body(), OK.bodyExamples(), null, buttons);
    }

    /** The draft's only problem is on {@code field} and says {@code words}. */
    private static void only(TemplateDraft d, String field, String words) {
        assertThat(TemplateRules.problems(d)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(words);
        });
    }

    @Test
    void aDraftKeepingEveryLimitPasses() {
        assertThat(TemplateRules.problems(OK)).isEmpty();
        TemplateRules.check(OK);
    }

    @Test
    void nameCategoryAndLanguage() {
        only(with("", "UTILITY", "en_US"), "name", "must not be empty");
        only(with("Order Update", "UTILITY", "en_US"), "name", "lowercase letters, digits and underscores");
        only(with("order-update", "UTILITY", "en_US"), "name", "lowercase letters, digits and underscores");
        only(with("a".repeat(101), "UTILITY", "en_US"), "name", "at most 100 characters");
        only(with("order_update", "PROMOTION", "en_US"), "category", "MARKETING, UTILITY or AUTHENTICATION");
        only(with("order_update", null, "en_US"), "category", "MARKETING, UTILITY or AUTHENTICATION");
        only(with("order_update", "UTILITY", "english"), "language", "en_US");
        assertThat(TemplateRules.problems(with("order_update", "marketing", "pt_BR"))).isEmpty();
        assertThatThrownBy(() -> TemplateRules.check(with("Bad", "UTILITY", "en_US")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void header() {
        only(header("TEXT", "x".repeat(61), null), "header.text", "at most 60 characters");
        only(header("TEXT", "", null), "header.text", "must not be empty");
        only(header("TEXT", "Order {{1}} and {{2}}", "#1"), "header.text", "at most one variable");
        only(header("TEXT", "Order {{2}}", "#1"), "header.text", "must be {{1}}");
        only(header("TEXT", "Order {{1}}", ""), "header.example", "example value for {{1}}");
        only(header("TEXT", "Line one\nline two", null), "header.text", "line breaks");
        only(header("IMAGE", null, null), "header.example", "image header needs a sample");
        only(header("GIF", null, null), "header.format", "TEXT, IMAGE, VIDEO or DOCUMENT");
        assertThat(TemplateRules.problems(header("DOCUMENT", null, "4::aW1hZ2UvanBlZw=="))).isEmpty();
        assertThat(TemplateRules.problems(header("TEXT", "x".repeat(60), null))).isEmpty();
    }

    @Test
    void bodyAndItsVariables() {
        only(body(" ", List.of()), "body", "must not be empty");
        only(body("x".repeat(1025), List.of()), "body", "at most 1024 characters");
        only(body("Hi {{1}}, order {{3}} ships.", List.of("a", "b")), "body", "from {{1}} without gaps: {{2}} is missing");
        only(body("Hi {{2}}, order {{3}} ships.", List.of("a", "b")), "body", "{{1}} is missing");
        only(body("Hi {{name}}, thanks.", List.of("a")), "body", "{{name}} is not a variable");
        only(body("{{1}}, your order ships.", List.of("a")), "body", "may not start or end with a variable");
        only(body("Your order ships {{1}}", List.of("a")), "body", "may not start or end with a variable");
        only(body("Hi {{1}}, order {{2}} ships.", List.of("a")), "body.examples", "2 expected, 1 given");
        only(body("Hi {{1}}, order {{2}} ships.", List.of("a", " ")), "body.examples[2]", "{{2}} must not be empty");
        assertThat(TemplateRules.problems(body("Hi {{1}}, {{1}} again and {{2}}.", List.of("a", "b")))).isEmpty();
        assertThat(TemplateRules.problems(body("x".repeat(1024), List.of()))).isEmpty();
    }

    @Test
    void footer() {
        only(footer("x".repeat(61)), "footer", "at most 60 characters");
        only(footer("Code {{1}}"), "footer", "may not contain variables");
        assertThat(TemplateRules.problems(footer("x".repeat(60)))).isEmpty();
    }

    @Test
    void buttons() {
        only(buttons(Collections.nCopies(11, Button.quickReply("Ok"))), "buttons", "at most 10 buttons");
        assertThat(TemplateRules.problems(buttons(Collections.nCopies(10, Button.quickReply("Ok"))))).isEmpty();
        only(buttons(List.of(new Button("FLOW", "Go", null, null, null))), "buttons[0].type", "QUICK_REPLY, URL, PHONE_NUMBER or COPY_CODE");
        only(buttons(List.of(Button.quickReply("x".repeat(26)))), "buttons[0].text", "at most 25 characters");
        only(buttons(List.of(Button.quickReply(""))), "buttons[0].text", "must not be empty");
        only(buttons(List.of(Button.url("Go", "ftp://example.com", null))), "buttons[0].url", "http:// or https://");
        only(buttons(List.of(Button.url("Go", "https://example.com/" + "x".repeat(2000), null))), "buttons[0].url", "at most 2000");
        only(buttons(List.of(Button.url("Go", "https://example.com/{{1}}/x", null))), "buttons[0].url", "at its end only");
        only(buttons(List.of(Button.url("Go", "https://example.com/{{1}}", null))), "buttons[0].example", "needs an example");
        only(buttons(List.of(Button.url("A", "https://a.com", null), Button.url("B", "https://b.com", null), Button.url("C", "https://c.com", null))),
                "buttons", "at most 2 URL buttons");
        only(buttons(List.of(Button.phone("Call", "call me"))), "buttons[0].phone_number", "international form");
        only(buttons(List.of(Button.phone("Call", "+15550001"), Button.phone("Call 2", "+15550002"))), "buttons", "at most 1 phone number button");
        only(buttons(List.of(Button.copyCode("A".repeat(16)))), "buttons[0].example", "1 to 15 characters");
        only(buttons(List.of(Button.copyCode("A"), Button.copyCode("B"))), "buttons", "at most 1 copy code button");
        List<Button> split = new ArrayList<>(List.of(Button.quickReply("Yes"), Button.url("Go", "https://a.com", null), Button.quickReply("No")));
        only(buttons(split), "buttons[2]", "grouped together");
    }

    @Test
    void theMetaJsonRoundTripsThroughTheFileFormat() {
        assertThat(TemplateDraft.fromMetaJson(OK.toMetaJson())).isEqualTo(OK);
        assertThat(OK.toMetaJson().toString()).isEqualTo("""
                {"name":"order_update","language":"en_US","category":"UTILITY","components":[\
                {"type":"HEADER","format":"TEXT","text":"Order {{1}}","example":{"header_text":["#12"]}},\
                {"type":"BODY","text":"Hi {{1}}, your order ships {{2}}.","example":{"body_text":[["Ana","today"]]}},\
                {"type":"FOOTER","text":"Reply STOP to opt out"},\
                {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Yes"},{"type":"QUICK_REPLY","text":"No"},\
                {"type":"URL","text":"Track","url":"https://example.com/t/{{1}}","example":["https://example.com/t/12"]},\
                {"type":"PHONE_NUMBER","text":"Call us","phone_number":"+15550051310"},{"type":"COPY_CODE","example":"25OFF"}]}]}""");
    }
}
