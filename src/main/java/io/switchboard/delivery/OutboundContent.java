package io.switchboard.delivery;

import io.switchboard.common.ValidationException;
import io.switchboard.message.MessageType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent (or a campaign, or the CLI) wants to send, before it is a row. The metadata
 * shapes here are what the sender turns into Meta's JSON:
 * template: {"template": {"name", "language", "header_params": [...], "body_params": [...],
 *            "header_media": {"type": image|video|document, "link" | "id"}, "buttons": [{"index", "sub_type", "value"}]}};
 * media: {"media": {"link" | "id", "caption", "filename", "mime_type"}}.
 */
public record OutboundContent(MessageType type, String content, Map<String, Object> metadata) {
    static final int TEXT_MAX = 4096;

    public static OutboundContent text(String body) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("text", "must not be empty");
        }
        if (body.length() > TEXT_MAX) {
            throw new ValidationException("text", "must be at most " + TEXT_MAX + " characters (WhatsApp's limit); it has " + body.length());
        }
        return new OutboundContent(MessageType.TEXT, body, null);
    }

    /** A template; {@code preview} is the body with its parameters filled in, shown in the thread. */
    public static OutboundContent template(String name, String language, List<String> headerParams, List<String> bodyParams, String preview) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("template", "must name a template");
        }
        if (language == null || !language.matches("[a-z]{2,3}(_[A-Z]{2})?")) {
            throw new ValidationException("language", "must be a language code such as en or en_US, not \"" + language + "\"");
        }
        for (int i = 0; i < bodyParams.size(); i++) {
            if (bodyParams.get(i) == null || bodyParams.get(i).isBlank()) {
                throw new ValidationException("parameter {{" + (i + 1) + "}}", "must not be empty");
            }
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", name.strip());
        template.put("language", language);
        template.put("header_params", List.copyOf(headerParams));
        template.put("body_params", List.copyOf(bodyParams));
        return new OutboundContent(MessageType.TEMPLATE, preview == null ? name : preview, Map.of("template", template));
    }

    /**
     * A template with every kind of parameter; {@code headerMediaType} (image, video, document) says what
     * {@code params.headerMedia()} is, null when the header is text or absent.
     */
    public static OutboundContent template(String name, String language, TemplateParameters params, String headerMediaType, String preview) {
        OutboundContent base = template(name, language, params.headerParams(), params.bodyParams(), preview);
        @SuppressWarnings("unchecked")
        Map<String, Object> template = new LinkedHashMap<>((Map<String, Object>) base.metadata().get("template"));
        if (params.headerMedia() != null) {
            if (headerMediaType == null || !List.of("image", "video", "document").contains(headerMediaType)) {
                throw new ValidationException("header", "media must be image, video or document, not \"" + headerMediaType + "\"");
            }
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("type", headerMediaType);
            String ref = params.headerMedia().strip();
            media.put(ref.startsWith("http://") || ref.startsWith("https://") ? "link" : "id", ref);
            template.put("header_media", media);
        }
        if (!params.buttonParams().isEmpty()) {
            List<Map<String, Object>> buttons = new java.util.ArrayList<>();
            for (TemplateParameters.ButtonParameter b : params.buttonParams()) {
                Map<String, Object> button = new LinkedHashMap<>();
                button.put("index", b.index());
                button.put("sub_type", b.subType());
                button.put("value", b.value());
                buttons.add(button);
            }
            template.put("buttons", buttons);
        }
        return new OutboundContent(MessageType.TEMPLATE, base.content(), Map.of("template", template));
    }

    /** An image or a document, by public link (http/https) or by an uploaded media id. */
    public static OutboundContent media(MessageType type, String linkOrMediaId, String caption, String filename, String mimeType) {
        if (type != MessageType.IMAGE && type != MessageType.DOC) {
            throw new ValidationException("type", "media must be image or doc");
        }
        if (linkOrMediaId == null || linkOrMediaId.isBlank()) {
            throw new ValidationException("media", "needs a link or a media id");
        }
        Map<String, Object> media = new LinkedHashMap<>();
        String ref = linkOrMediaId.strip();
        media.put(ref.startsWith("http://") || ref.startsWith("https://") ? "link" : "id", ref);
        if (caption != null && !caption.isBlank()) {
            media.put("caption", caption);
        }
        if (filename != null && !filename.isBlank()) {
            media.put("filename", filename);
        }
        if (mimeType != null && !mimeType.isBlank()) {
            media.put("mime_type", mimeType);
        }
        String shown = caption != null && !caption.isBlank() ? caption : filename;
        return new OutboundContent(type, shown, Map.of("media", media));
    }

    /**
     * A file from this computer, already in the tenant's media store under {@code sha256}: the sender uploads it
     * to Meta (POST /{phone_number_id}/media) and sends the message by the id it gets. {@code kind} is WhatsApp's
     * (image, document, audio, video, sticker); the guide's type column holds image for images and doc otherwise.
     */
    public static OutboundContent file(String kind, String sha256, String mimeType, long size, String filename, String caption) {
        if (!List.of("image", "document", "audio", "video", "sticker").contains(kind)) {
            throw new ValidationException("type", "a file must be sent as image, document, audio, video or sticker, not \"" + kind + "\"");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new ValidationException("file", "is not in the media store");
        }
        if (caption != null && caption.length() > 1024) {
            throw new ValidationException("caption", "must be at most 1024 characters (WhatsApp's limit); it has " + caption.length());
        }
        if (caption != null && !caption.isBlank() && (kind.equals("audio") || kind.equals("sticker"))) {
            throw new ValidationException("caption", "WhatsApp shows no caption on " + kind + " messages; send the text separately");
        }
        Map<String, Object> media = new LinkedHashMap<>();
        media.put("stored_sha256", sha256);
        media.put("kind", kind);
        media.put("mime_type", mimeType);
        media.put("size", size);
        if (filename != null && !filename.isBlank()) {
            media.put("filename", filename);
        }
        if (caption != null && !caption.isBlank()) {
            media.put("caption", caption);
        }
        String shown = caption != null && !caption.isBlank() ? caption : filename;
        return new OutboundContent(kind.equals("image") ? MessageType.IMAGE : MessageType.DOC, shown, Map.of("media", media));
    }

    /** WhatsApp's own kind for content_type: a file's kind, else the guide's type. */
    public String contentType() {
        if (metadata != null && metadata.get("media") instanceof Map<?, ?> media && media.get("kind") instanceof String kind) {
            return kind;
        }
        return type.code();
    }

    /** Free-form messages need the 24-hour window; templates never do. */
    public boolean needsServiceWindow() {
        return type != MessageType.TEMPLATE;
    }
}
