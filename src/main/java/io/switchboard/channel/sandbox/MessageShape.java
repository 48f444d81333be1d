package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.Set;

/**
 * Checks a send request against the documented shape of Meta's messages endpoint, answering the first
 * problem as Meta's error JSON (null when the request is well formed): 100 for an invalid parameter,
 * 131008 for a missing one, 131051 for an unsupported type, 132001 for an unknown template and 132000 for
 * a wrong number of template parameters.
 */
final class MessageShape {
    private static final int TEXT_MAX = 4096;
    private static final Set<String> OTHER_TYPES = Set.of("audio", "video", "sticker", "location", "contacts", "interactive", "reaction");

    private MessageShape() {
    }

    static ObjectNode problem(JsonNode body, BiFunction<String, String, TemplateShape> templates) {
        if (body == null || !body.isObject()) {
            return MetaErrors.invalid(100, "Invalid parameter", "The request body must be a JSON object.");
        }
        if (!"whatsapp".equals(body.path("messaging_product").asText(null))) {
            return MetaErrors.invalid(100, "The parameter messaging_product is required.", "messaging_product must be \"whatsapp\".");
        }
        if (body.has("recipient_type") && !Set.of("individual", "group").contains(body.get("recipient_type").asText())) {
            return MetaErrors.invalid(100, "Invalid parameter", "recipient_type must be \"individual\".");
        }
        String to = body.path("to").asText("");
        if (!to.matches("\\+?\\d{6,15}")) {
            return to.isEmpty() ? MetaErrors.invalid(131008, "Required parameter is missing", "to is required.")
                    : MetaErrors.invalid(100, "Invalid parameter", "to must be a phone number in international form, not \"" + to + "\".");
        }
        String type = body.path("type").asText("text");
        return switch (type) {
            case "text" -> text(body.get("text"));
            case "template" -> template(body.get("template"), templates);
            case "image" -> media(body.get("image"), "image", false);
            case "document" -> media(body.get("document"), "document", true);
            default -> OTHER_TYPES.contains(type) && body.path(type).isObject() ? null
                    : MetaErrors.invalid(131051, "Unsupported message type", "Message type \"" + type + "\" is not supported.");
        };
    }

    private static ObjectNode text(JsonNode text) {
        if (text == null || !text.isObject() || !text.path("body").isTextual()) {
            return MetaErrors.invalid(131008, "Required parameter is missing", "text.body is required.");
        }
        String body = text.get("body").asText();
        if (body.isBlank()) {
            return MetaErrors.invalid(100, "Invalid parameter", "text.body must not be empty.");
        }
        if (body.length() > TEXT_MAX) {
            return MetaErrors.invalid(100, "Invalid parameter", "text.body must be at most " + TEXT_MAX + " characters.");
        }
        if (text.has("preview_url") && !text.get("preview_url").isBoolean()) {
            return MetaErrors.invalid(100, "Invalid parameter", "text.preview_url must be true or false.");
        }
        return null;
    }

    private static ObjectNode template(JsonNode template, BiFunction<String, String, TemplateShape> templates) {
        if (template == null || !template.isObject() || !template.path("name").isTextual()) {
            return MetaErrors.invalid(131008, "Required parameter is missing", "template.name is required.");
        }
        if (!template.path("language").path("code").isTextual()) {
            return MetaErrors.invalid(131008, "Required parameter is missing", "template.language.code is required.");
        }
        String name = template.get("name").asText();
        String language = template.get("language").get("code").asText();
        int header = 0;
        int body = 0;
        String headerMedia = null;
        Map<Integer, String> buttons = new java.util.TreeMap<>();
        JsonNode components = template.get("components");
        if (components != null) {
            if (!components.isArray()) {
                return MetaErrors.invalid(100, "Invalid parameter", "template.components must be an array.");
            }
            for (JsonNode c : components) {
                String kind = c.path("type").asText("");
                if (!Set.of("header", "body", "button").contains(kind)) {
                    return MetaErrors.invalid(100, "Invalid parameter", "template component type must be header, body or button, not \"" + kind + "\".");
                }
                JsonNode parameters = c.get("parameters");
                if (parameters == null || !parameters.isArray()) {
                    return MetaErrors.invalid(131008, "Required parameter is missing", "template " + kind + " component needs a parameters array.");
                }
                for (JsonNode p : parameters) {
                    String pType = p.path("type").asText("");
                    if (pType.equals("text") && (!p.path("text").isTextual() || p.get("text").asText().isBlank())) {
                        return MetaErrors.invalid(131008, "Required parameter is missing", "a text parameter of the " + kind + " needs a non-empty text.");
                    }
                    if (!Set.of("text", "currency", "date_time", "image", "document", "video", "payload", "coupon_code").contains(pType)) {
                        return MetaErrors.invalid(100, "Invalid parameter", "parameter type \"" + pType + "\" is not valid.");
                    }
                    if (Set.of("image", "document", "video").contains(pType)) {
                        JsonNode media = p.path(pType);
                        if (media.path("link").isTextual() == media.path("id").isTextual()) {
                            return MetaErrors.invalid(131008, "Required parameter is missing", "the " + pType + " parameter needs exactly one of link or id.");
                        }
                        headerMedia = pType;
                    }
                    if (pType.equals("coupon_code") && (!p.path("coupon_code").isTextual() || p.get("coupon_code").asText().length() > 15)) {
                        return MetaErrors.invalid(100, "Invalid parameter", "coupon_code must be text of at most 15 characters.");
                    }
                }
                if (kind.equals("button")) {
                    String subType = c.path("sub_type").asText("");
                    if (!Set.of("quick_reply", "url", "copy_code", "flow", "catalog").contains(subType)) {
                        return MetaErrors.invalid(100, "Invalid parameter", "a button component needs a sub_type (quick_reply, url, copy_code…), not \"" + subType + "\".");
                    }
                    if (!c.path("index").asText("").matches("\\d{1,2}")) {
                        return MetaErrors.invalid(131008, "Required parameter is missing", "a button component needs its index (0 to 9).");
                    }
                    buttons.put(Integer.parseInt(c.path("index").asText()), subType);
                }
                if (kind.equals("header")) {
                    header += parameters.size();
                } else if (kind.equals("body")) {
                    body += parameters.size();
                }
            }
        }
        TemplateShape shape = templates.apply(name, language);
        if (shape == null) {
            return MetaErrors.invalid(132001, "Template name does not exist in the translation",
                    "template name (" + name + ") does not exist in " + language);
        }
        if (shape.headerParams() != header || shape.bodyParams() != body) {
            return MetaErrors.invalid(132000, "Number of parameters does not match the expected number of params",
                    "body: number of localizable_params (" + body + ") does not match the expected number of params (" + shape.bodyParams() + ")"
                            + (shape.headerParams() != header ? "; header: " + header + " given, " + shape.headerParams() + " expected" : ""));
        }
        if (shape.headerMedia() != null && !shape.headerMedia().equals(headerMedia)) {
            return MetaErrors.invalid(132012, "Parameter format does not match format in the created template",
                    "header: format mismatch, expected " + shape.headerMedia().toUpperCase() + ", received " + (headerMedia == null ? "TEXT" : headerMedia.toUpperCase()));
        }
        if (shape.parameterButtons() != null) {
            Map<Integer, String> given = new java.util.TreeMap<>(buttons);
            given.values().removeIf(v -> v.equals("quick_reply"));
            if (!given.equals(shape.parameterButtons())) {
                return MetaErrors.invalid(132000, "Number of parameters does not match the expected number of params",
                        "buttons: parameters given for " + given + ", expected for " + shape.parameterButtons());
            }
        }
        return null;
    }

    private static ObjectNode media(JsonNode media, String kind, boolean document) {
        if (media == null || !media.isObject()) {
            return MetaErrors.invalid(131008, "Required parameter is missing", kind + " is required for type " + kind + ".");
        }
        boolean link = media.path("link").isTextual();
        boolean id = media.path("id").isTextual();
        if (link == id) {
            return MetaErrors.invalid(100, "Invalid parameter", kind + " needs exactly one of link or id.");
        }
        if (link && !media.get("link").asText().matches("https?://\\S+")) {
            return MetaErrors.invalid(100, "Invalid parameter", kind + ".link must be an http or https URL.");
        }
        if (!document && media.has("filename")) {
            return MetaErrors.invalid(100, "Invalid parameter", "filename is only allowed for documents.");
        }
        return null;
    }
}
