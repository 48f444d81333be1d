package io.switchboard.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.contact.PhoneNumbers;
import io.switchboard.message.MessageType;
import java.util.List;

/**
 * Meta's request body for POST /{phone_number_id}/messages, built from a stored outbound message
 * (type, content and the metadata shapes of {@link OutboundContent}).
 */
final class MessagePayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessagePayload() {
    }

    /** The JSON body; throws IllegalArgumentException when the stored message cannot be expressed (bad metadata). */
    static ObjectNode build(MessageType type, String content, JsonNode metadata, String e164) {
        ObjectNode body = JSON.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", PhoneNumbers.toWaId(e164));
        switch (type) {
            case TEXT -> {
                if (content == null || content.isBlank()) {
                    throw new IllegalArgumentException("the text message has no body");
                }
                body.put("type", "text");
                ObjectNode text = body.putObject("text");
                text.put("preview_url", false);
                text.put("body", content);
            }
            case TEMPLATE -> template(body, metadata == null ? null : metadata.get("template"));
            case IMAGE -> media(body, "image", metadata == null ? null : metadata.get("media"), false);
            case DOC -> media(body, "document", metadata == null ? null : metadata.get("media"), true);
        }
        return body;
    }

    private static void template(ObjectNode body, JsonNode stored) {
        if (stored == null || !stored.path("name").isTextual() || !stored.path("language").isTextual()) {
            throw new IllegalArgumentException("the template message has no template name or language in its metadata");
        }
        body.put("type", "template");
        ObjectNode template = body.putObject("template");
        template.put("name", stored.get("name").asText());
        template.putObject("language").put("code", stored.get("language").asText());
        ArrayNode components = JSON.createArrayNode();
        JsonNode media = stored.get("header_media");
        if (media != null && media.isObject()) {
            String kind = media.path("type").asText("");
            if (!List.of("image", "video", "document").contains(kind) || !(media.path("link").isTextual() || media.path("id").isTextual())) {
                throw new IllegalArgumentException("the template's header media needs a type (image, video, document) and a link or id");
            }
            ObjectNode header = components.addObject();
            header.put("type", "header");
            ObjectNode parameter = header.putArray("parameters").addObject();
            parameter.put("type", kind);
            ObjectNode ref = parameter.putObject(kind);
            if (media.path("id").isTextual()) {
                ref.put("id", media.get("id").asText());
            } else {
                ref.put("link", media.get("link").asText());
            }
        } else {
            addComponent(components, "header", stored.get("header_params"));
        }
        addComponent(components, "body", stored.get("body_params"));
        for (JsonNode b : stored.path("buttons")) {
            String subType = b.path("sub_type").asText("");
            ObjectNode button = components.addObject();
            button.put("type", "button");
            button.put("sub_type", subType);
            button.put("index", String.valueOf(b.path("index").asInt()));
            ObjectNode parameter = button.putArray("parameters").addObject();
            switch (subType) {
                case "copy_code" -> {
                    parameter.put("type", "coupon_code");
                    parameter.put("coupon_code", b.path("value").asText());
                }
                case "quick_reply" -> {
                    parameter.put("type", "payload");
                    parameter.put("payload", b.path("value").asText());
                }
                default -> {
                    parameter.put("type", "text");
                    parameter.put("text", b.path("value").asText());
                }
            }
        }
        if (!components.isEmpty()) {
            template.set("components", components);
        }
    }

    private static void addComponent(ArrayNode components, String type, JsonNode params) {
        if (params == null || !params.isArray() || params.isEmpty()) {
            return;
        }
        ObjectNode component = components.addObject();
        component.put("type", type);
        ArrayNode parameters = component.putArray("parameters");
        for (JsonNode p : params) {
            ObjectNode parameter = parameters.addObject();
            parameter.put("type", "text");
            parameter.put("text", p.asText());
        }
    }

    private static void media(ObjectNode body, String kind, JsonNode stored, boolean document) {
        if (stored == null || !(stored.path("link").isTextual() || stored.path("id").isTextual())) {
            throw new IllegalArgumentException("the " + kind + " message has neither a link nor a media id in its metadata");
        }
        // A file from disk carries WhatsApp's own kind (audio, video, sticker travel in the guide's "doc" type).
        String own = stored.path("kind").asText("");
        if (List.of("image", "document", "audio", "video", "sticker").contains(own)) {
            kind = own;
            document = own.equals("document");
        }
        body.put("type", kind);
        ObjectNode media = body.putObject(kind);
        if (stored.path("id").isTextual()) {
            media.put("id", stored.get("id").asText());
        } else {
            media.put("link", stored.get("link").asText());
        }
        if (stored.path("caption").isTextual() && !kind.equals("audio") && !kind.equals("sticker")) {
            media.put("caption", stored.get("caption").asText());
        }
        if (document && stored.path("filename").isTextual()) {
            media.put("filename", stored.get("filename").asText());
        }
    }
}
