package io.switchboard.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A template as an admin writes it before submitting it to Meta: what the editor and
 * {@code template submit --file} produce. {@link #toMetaJson()} is the body of POST /{waba_id}/message_templates;
 * {@link #fromMetaJson(JsonNode)} reads that same shape (Meta's documented creation JSON) back.
 *
 * @param headerFormat  null (no header), TEXT, IMAGE, VIDEO or DOCUMENT
 * @param headerExample for TEXT: the example value of {{1}}; for media: the sample's media handle or link Meta reviews
 */
public record TemplateDraft(String name, String category, String language, String headerFormat, String headerText, String headerExample,
                            String body, List<String> bodyExamples, String footer, List<Button> buttons) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A button: QUICK_REPLY (text), URL (text, url with an optional {{1}} at its end, example = the full example URL),
     * PHONE_NUMBER (text, phoneNumber) or COPY_CODE (example = the sample code).
     */
    public record Button(String type, String text, String url, String phoneNumber, String example) {
        public static Button quickReply(String text) {
            return new Button("QUICK_REPLY", text, null, null, null);
        }

        public static Button url(String text, String url, String example) {
            return new Button("URL", text, url, null, example);
        }

        public static Button phone(String text, String phoneNumber) {
            return new Button("PHONE_NUMBER", text, null, phoneNumber, null);
        }

        public static Button copyCode(String example) {
            return new Button("COPY_CODE", null, null, null, example); // WhatsApp shows its own label
        }
    }

    public TemplateDraft {
        bodyExamples = bodyExamples == null ? List.of() : List.copyOf(bodyExamples);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** A body-only draft. */
    public static TemplateDraft of(String name, String category, String language, String body, List<String> bodyExamples) {
        return new TemplateDraft(name, category, language, null, null, null, body, bodyExamples, null, List.of());
    }

    public TemplateDraft withName(String newName) {
        return new TemplateDraft(newName, category, language, headerFormat, headerText, headerExample, body, bodyExamples, footer, buttons);
    }

    /** Meta's creation JSON: {name, language, category, components: [HEADER?, BODY, FOOTER?, BUTTONS?]}. */
    public ObjectNode toMetaJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", name);
        root.put("language", language);
        root.put("category", category == null ? null : category.toUpperCase(Locale.ROOT));
        ArrayNode components = root.putArray("components");
        if (headerFormat != null && !headerFormat.isBlank()) {
            ObjectNode h = components.addObject();
            h.put("type", "HEADER");
            String format = headerFormat.toUpperCase(Locale.ROOT);
            h.put("format", format);
            if (format.equals("TEXT")) {
                h.put("text", headerText);
                if (!TemplateService.placeholders(headerText).isEmpty()) {
                    h.putObject("example").putArray("header_text").add(headerExample);
                }
            } else if (headerExample != null) {
                h.putObject("example").putArray("header_handle").add(headerExample);
            }
        }
        ObjectNode b = components.addObject();
        b.put("type", "BODY");
        b.put("text", body);
        if (!bodyExamples.isEmpty()) {
            ArrayNode row = b.putObject("example").putArray("body_text").addArray();
            bodyExamples.forEach(row::add);
        }
        if (footer != null && !footer.isBlank()) {
            ObjectNode f = components.addObject();
            f.put("type", "FOOTER");
            f.put("text", footer);
        }
        if (!buttons.isEmpty()) {
            ObjectNode group = components.addObject();
            group.put("type", "BUTTONS");
            ArrayNode list = group.putArray("buttons");
            for (Button button : buttons) {
                ObjectNode o = list.addObject();
                String type = button.type() == null ? "" : button.type().toUpperCase(Locale.ROOT);
                o.put("type", type);
                switch (type) {
                    case "COPY_CODE" -> o.put("example", button.example());
                    case "URL" -> {
                        o.put("text", button.text());
                        o.put("url", button.url());
                        if (button.example() != null && !button.example().isBlank()) {
                            o.putArray("example").add(button.example());
                        }
                    }
                    case "PHONE_NUMBER" -> {
                        o.put("text", button.text());
                        o.put("phone_number", button.phoneNumber());
                    }
                    default -> o.put("text", button.text());
                }
            }
        }
        return root;
    }

    /** Reads Meta's creation JSON (as {@code template submit --file} takes it, or a stored template's components). */
    public static TemplateDraft fromMetaJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new io.switchboard.common.ValidationException("file", "must hold one JSON object: {name, language, category, components}");
        }
        return fromComponents(text(root, "name"), text(root, "category"), text(root, "language"), root.get("components"));
    }

    static TemplateDraft fromComponents(String name, String category, String language, JsonNode components) {
        String headerFormat = null;
        String headerText = null;
        String headerExample = null;
        String body = null;
        List<String> examples = new ArrayList<>();
        String footer = null;
        List<Button> buttons = new ArrayList<>();
        if (components != null && components.isArray()) {
            for (JsonNode c : components) {
                switch (c.path("type").asText("").toUpperCase(Locale.ROOT)) {
                    case "HEADER" -> {
                        headerFormat = c.path("format").asText("TEXT").toUpperCase(Locale.ROOT);
                        headerText = text(c, "text");
                        JsonNode ex = c.path("example");
                        headerExample = ex.path("header_text").path(0).isTextual() ? ex.path("header_text").path(0).asText()
                                : ex.path("header_handle").path(0).isTextual() ? ex.path("header_handle").path(0).asText() : null;
                    }
                    case "BODY" -> {
                        body = text(c, "text");
                        for (JsonNode e : c.path("example").path("body_text").path(0)) {
                            examples.add(e.asText());
                        }
                    }
                    case "FOOTER" -> footer = text(c, "text");
                    case "BUTTONS" -> {
                        for (JsonNode o : c.path("buttons")) {
                            JsonNode ex = o.path("example");
                            String example = ex.isArray() ? (ex.path(0).isTextual() ? ex.path(0).asText() : null) : ex.isTextual() ? ex.asText() : null;
                            buttons.add(new Button(o.path("type").asText("").toUpperCase(Locale.ROOT), text(o, "text"), text(o, "url"), text(o, "phone_number"),
                                    example));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return new TemplateDraft(name, category, language, headerFormat, headerText, headerExample, body, examples, footer, buttons);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
