package io.switchboard.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a template's components JSON (Meta's HEADER / BODY / FOOTER / BUTTONS objects) says a sender must
 * fill: header format and text, body, footer, and each button with whether it takes a parameter.
 */
public record TemplateLayout(String headerFormat, String headerText, String body, String footerText, List<Button> buttons) {

    /** A button as created: its position (Meta's index), type (QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE…), label and target. */
    public record Button(int index, String type, String text, String url, String phoneNumber) {
        /** A URL button with {{1}} in its URL takes the URL's suffix; a copy-code button takes the code. */
        public boolean takesParameter() {
            return ("URL".equals(type) && url != null && TemplateService.placeholders(url).size() > 0) || "COPY_CODE".equals(type);
        }
    }

    public static final TemplateLayout EMPTY = new TemplateLayout(null, null, "", null, List.of());

    /** Reads Meta's components array; unknown components are ignored, a missing body reads as empty. */
    public static TemplateLayout of(JsonNode components) {
        if (components == null || !components.isArray()) {
            return EMPTY;
        }
        String headerFormat = null;
        String headerText = null;
        String body = "";
        String footer = null;
        List<Button> buttons = new ArrayList<>();
        for (JsonNode c : components) {
            switch (upper(c.path("type").asText(""))) {
                case "HEADER" -> {
                    headerFormat = upper(c.path("format").asText("TEXT"));
                    headerText = "TEXT".equals(headerFormat) ? text(c, "text") : null;
                }
                case "BODY" -> body = c.path("text").asText("");
                case "FOOTER" -> footer = text(c, "text");
                case "BUTTONS" -> {
                    int i = 0;
                    for (JsonNode b : c.path("buttons")) {
                        buttons.add(new Button(i++, upper(b.path("type").asText("")), text(b, "text"), text(b, "url"), text(b, "phone_number")));
                    }
                }
                default -> {
                }
            }
        }
        return new TemplateLayout(headerFormat, headerText, body, footer, List.copyOf(buttons));
    }

    /** A media header (IMAGE, VIDEO, DOCUMENT) needs a link or media id when sending. */
    public boolean mediaHeader() {
        return headerFormat != null && List.of("IMAGE", "VIDEO", "DOCUMENT").contains(headerFormat);
    }

    /** The guide's {@code parameters} column: every placeholder the sender fills, named by where it is. */
    public String[] placeholderNames() {
        List<String> names = new ArrayList<>();
        if (mediaHeader()) {
            names.add("header " + headerFormat.toLowerCase(Locale.ROOT));
        }
        TemplateService.placeholders(headerText).forEach(n -> names.add("header {{" + n + "}}"));
        TemplateService.placeholders(body).forEach(n -> names.add("body {{" + n + "}}"));
        for (Button b : buttons) {
            if (b.takesParameter()) {
                names.add("button " + b.index() + ("COPY_CODE".equals(b.type()) ? " code" : " {{1}}"));
            }
        }
        return names.toArray(String[]::new);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static String upper(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }
}
