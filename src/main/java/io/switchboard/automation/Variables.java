package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.common.ValidationException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run saw, as {@code {"contact": {...}, "message": {...}, "conversation": {...}, "trigger": {...}}}, and the
 * {@code {{contact.name}}} placeholders an action's texts fill from it. A placeholder with no value renders empty
 * (a contact without a name still gets the greeting); an unknown root is refused when the automation is saved.
 */
public final class Variables {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern PATH = Pattern.compile("(contact|message|conversation|trigger)(\\.[A-Za-z0-9_\\-]+)+");
    private final ObjectNode values;

    public Variables(ObjectNode values) {
        this.values = values;
    }

    public static Variables empty() {
        return new Variables(JsonNodeFactory.instance.objectNode());
    }

    public ObjectNode json() {
        return values;
    }

    /** The object under {@code root} (contact, message, conversation, trigger), created if missing. */
    public ObjectNode section(String root) {
        JsonNode n = values.get(root);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return values.putObject(root);
    }

    /** The value at a dotted path, or empty when absent; numbers and booleans as their text. */
    public String lookup(String path) {
        JsonNode n = values;
        for (String part : path.split("\\.")) {
            if (n == null || !n.isObject()) {
                return "";
            }
            n = n.get(part);
        }
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    public String render(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(lookup(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Renders every string inside a JSON value (an HTTP body template), keeping its shape. */
    public JsonNode render(JsonNode template) {
        if (template == null) {
            return null;
        }
        if (template.isTextual()) {
            return TextNode.valueOf(render(template.asText()));
        }
        if (template instanceof ObjectNode o) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), render(e.getValue()));
            }
            return copy;
        }
        if (template instanceof ArrayNode a) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            a.forEach(e -> copy.add(render(e)));
            return copy;
        }
        return template;
    }

    /** Refuses placeholders whose root is not one a run can fill. */
    static void check(String field, String text) {
        if (text == null) {
            return;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PATH.matcher(m.group(1)).matches()) {
                throw new ValidationException(field, "{{" + m.group(1) + "}} is not a variable; use {{contact.name}}, {{contact.phone}}, "
                        + "{{contact.metadata.KEY}}, {{message.text}}, {{conversation.status}} or {{trigger.KEY}}");
            }
        }
    }

    static void check(String field, JsonNode template) {
        if (template == null) {
            return;
        }
        if (template.isTextual()) {
            check(field, template.asText());
        } else if (template.isContainerNode()) {
            if (template.isObject()) {
                template.fields().forEachRemaining(e -> check(field + "." + e.getKey(), e.getValue()));
            } else {
                for (int i = 0; i < template.size(); i++) {
                    check(field + "[" + i + "]", template.get(i));
                }
            }
        }
    }
}
