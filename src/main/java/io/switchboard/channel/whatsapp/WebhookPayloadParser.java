package io.switchboard.channel.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.ValidationException;
import io.switchboard.contact.PhoneNumbers;
import io.switchboard.message.MessageStatus;
import io.switchboard.message.MessageType;
import io.switchboard.template.TemplateEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads Meta's WhatsApp Business Account webhook ({@code object: whatsapp_business_account},
 * {@code entry[].changes[]} with {@code field: messages}) into {@link InboundMessage}s and
 * {@link StatusUpdate}s. Every message type is kept: known ones get their human text and their
 * details in metadata; unknown or unsupported ones keep their raw JSON. Template changes
 * (message_template_status_update, message_template_quality_update, template_category_update) become
 * {@link TemplateEvent}s keyed by the entry's WABA id and time. Changes of other fields (account updates…)
 * are noted and skipped. A body it cannot read raises
 * {@link WebhookParseException} naming the JSON path.
 */
public final class WebhookPayloadParser {
    static final int WAMID_MAX = 120;
    static final int NAME_MAX = 150;
    static final int CONTENT_TYPE_MAX = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ParsedWebhook parse(String payload) throws WebhookParseException {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new WebhookParseException("the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isTextual()) {
            throw new WebhookParseException("the body is not JSON (kept verbatim as a string)");
        }
        if (!root.isObject()) {
            throw new WebhookParseException("the body is JSON but not an object");
        }
        String object = root.path("object").asText("");
        if (!object.equals("whatsapp_business_account")) {
            throw new WebhookParseException("object: expected \"whatsapp_business_account\", got \"" + object + "\"");
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray()) {
            throw new WebhookParseException("entry: missing or not an array");
        }
        List<WebhookChange> changes = new ArrayList<>();
        List<TemplateEvent> templateEvents = new ArrayList<>();
        List<io.switchboard.stats.NumberHealthEvent> numberEvents = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            JsonNode list = entries.get(e).path("changes");
            if (!list.isArray()) {
                throw new WebhookParseException("entry[" + e + "].changes: missing or not an array");
            }
            for (int c = 0; c < list.size(); c++) {
                String path = "entry[" + e + "].changes[" + c + "]";
                JsonNode change = list.get(c);
                String field = change.path("field").asText("");
                if (TEMPLATE_FIELDS.contains(field)) {
                    TemplateEvent event = templateEvent(field, entries.get(e), change.path("value"), "entry[" + e + "]", path + ".value", notes);
                    if (event != null) {
                        templateEvents.add(event);
                    }
                    continue;
                }
                if (field.equals("phone_number_quality_update")) {
                    numberEvents.add(numberEvent(entries.get(e), change.path("value"), "entry[" + e + "]", path + ".value"));
                    continue;
                }
                if (!field.equals("messages")) {
                    notes.add(path + ": ignored field \"" + field + "\"");
                    continue;
                }
                changes.add(change(change.path("value"), path + ".value", notes));
            }
        }
        return new ParsedWebhook(List.copyOf(changes), List.copyOf(templateEvents), List.copyOf(numberEvents), List.copyOf(notes));
    }

    /** One phone_number_quality_update: the number by its display number within the entry's WABA. */
    private io.switchboard.stats.NumberHealthEvent numberEvent(JsonNode entry, JsonNode value, String entryPath, String path)
            throws WebhookParseException {
        String wabaId = entry.path("id").asText("");
        if (wabaId.isEmpty()) {
            throw new WebhookParseException(entryPath + ".id: missing, so the number change routes to no WhatsApp Business Account");
        }
        Instant at = timestamp(entry.path("time"), entryPath + ".time");
        String display = value.path("display_phone_number").asText("").replaceAll("[^0-9]", "");
        if (display.isEmpty()) {
            throw new WebhookParseException(path + ".display_phone_number: missing or without digits");
        }
        String event = value.path("event").asText("").strip().toUpperCase(java.util.Locale.ROOT);
        if (event.isEmpty()) {
            throw new WebhookParseException(path + ".event: missing");
        }
        String tier = firstNonNull(text(value, "current_limit"), text(value, "max_daily_conversations_per_business"));
        return new io.switchboard.stats.NumberHealthEvent(wabaId, display, at, event, io.switchboard.stats.NumberHealthEvent.qualityOf(event), tier);
    }

    private static final java.util.Set<String> TEMPLATE_FIELDS = java.util.Set.of("message_template_status_update", "message_template_quality_update",
            "template_category_update");

    /** One template change; null (with a note) for an announcement that changes nothing yet. */
    private TemplateEvent templateEvent(String field, JsonNode entry, JsonNode value, String entryPath, String path, List<String> notes)
            throws WebhookParseException {
        String wabaId = entry.path("id").asText("");
        if (wabaId.isEmpty()) {
            throw new WebhookParseException(entryPath + ".id: missing, so the template change routes to no WhatsApp Business Account");
        }
        Instant at = timestamp(entry.path("time"), entryPath + ".time");
        String name = value.path("message_template_name").asText("");
        if (name.isEmpty()) {
            throw new WebhookParseException(path + ".message_template_name: missing");
        }
        String language = value.path("message_template_language").asText("").replace('-', '_');
        if (language.isEmpty()) {
            throw new WebhookParseException(path + ".message_template_language: missing");
        }
        JsonNode idNode = value.path("message_template_id");
        String id = idNode.isMissingNode() || idNode.isNull() ? null : idNode.asText();
        switch (field) {
            case "message_template_status_update" -> {
                String event = value.path("event").asText("").strip().toUpperCase(java.util.Locale.ROOT);
                if (event.isEmpty()) {
                    throw new WebhookParseException(path + ".event: missing");
                }
                String status = io.switchboard.template.MetaTemplateValues.statusOfEvent(event);
                if (status == null) {
                    notes.add(path + ": template " + name + " event " + event + " changes no status");
                }
                String reason = text(value, "reason");
                if ("NONE".equals(reason)) {
                    reason = null;
                }
                String detail = firstNonNull(text(value.path("rejection_info"), "reason"), text(value.path("other_info"), "description"));
                return new TemplateEvent(TemplateEvent.Kind.STATUS, wabaId, id, name, language, at, event, status, join(": ", reason, detail), null);
            }
            case "message_template_quality_update" -> {
                String score = text(value, "new_quality_score");
                if (score == null) {
                    throw new WebhookParseException(path + ".new_quality_score: missing");
                }
                return new TemplateEvent(TemplateEvent.Kind.QUALITY, wabaId, id, name, language, at, "QUALITY", null, null, score);
            }
            default -> {
                String category = text(value, "new_category");
                if (value.has("correct_category")) {
                    notes.add(path + ": template " + name + " will be recategorized as " + text(value, "correct_category") + " later");
                    return null;
                }
                if (category == null) {
                    throw new WebhookParseException(path + ".new_category: missing");
                }
                return new TemplateEvent(TemplateEvent.Kind.CATEGORY, wabaId, id, name, language, at, "CATEGORY", null, null,
                        category.toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    private WebhookChange change(JsonNode value, String path, List<String> notes) throws WebhookParseException {
        String phoneNumberId = value.path("metadata").path("phone_number_id").asText("");
        if (phoneNumberId.isEmpty()) {
            throw new WebhookParseException(path + ".metadata.phone_number_id: missing, so the event routes to no number");
        }
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : iterable(value.path("contacts"))) {
            String waId = contact.path("wa_id").asText("");
            String name = contact.path("profile").path("name").asText("").strip();
            if (!waId.isEmpty() && !name.isEmpty()) {
                names.put(waId, name.length() > NAME_MAX ? name.substring(0, NAME_MAX) : name);
            }
        }
        List<InboundMessage> messages = new ArrayList<>();
        JsonNode list = value.path("messages");
        for (int i = 0; i < list.size(); i++) {
            messages.add(message(list.get(i), path + ".messages[" + i + "]", names));
        }
        List<StatusUpdate> statuses = new ArrayList<>();
        JsonNode statusList = value.path("statuses");
        for (int i = 0; i < statusList.size(); i++) {
            StatusUpdate s = status(statusList.get(i), path + ".statuses[" + i + "]", notes);
            if (s != null) {
                statuses.add(s);
            }
        }
        return new WebhookChange(phoneNumberId, List.copyOf(messages), List.copyOf(statuses));
    }

    private InboundMessage message(JsonNode m, String path, Map<String, String> names) throws WebhookParseException {
        String wamid = wamid(m.path("id"), path + ".id");
        String from = m.path("from").asText("");
        String e164;
        try {
            e164 = PhoneNumbers.toE164(from, path + ".from");
        } catch (ValidationException e) {
            throw new WebhookParseException(e.getMessage());
        }
        Instant timestamp = timestamp(m.path("timestamp"), path + ".timestamp");
        String waType = m.path("type").asText("");
        if (waType.isEmpty()) {
            waType = "unknown";
        }
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        String content = describe(waType, m, metadata);
        copy(m, metadata, "context");
        copy(m, metadata, "referral");
        copy(m, metadata, "errors");
        String contentType = waType.length() > CONTENT_TYPE_MAX ? waType.substring(0, CONTENT_TYPE_MAX) : waType;
        String metadataJson = metadata.isEmpty() ? null : metadata.toString();
        return new InboundMessage(wamid, e164, from, names.get(from), timestamp, contentType, guideType(waType), content, metadataJson);
    }

    /** The guide allows text, template, image and doc: media that is not an image is a doc; everything else reads as text. */
    static MessageType guideType(String whatsappType) {
        return switch (whatsappType) {
            case "image" -> MessageType.IMAGE;
            case "document", "audio", "video", "sticker" -> MessageType.DOC;
            default -> MessageType.TEXT;
        };
    }

    /** The text a person reads in the thread; details go into {@code metadata}. */
    private static String describe(String type, JsonNode m, ObjectNode metadata) {
        switch (type) {
            case "text" -> {
                return m.path("text").path("body").asText(null);
            }
            case "image", "document", "audio", "video", "sticker" -> {
                JsonNode media = m.path(type);
                if (media.isObject()) {
                    metadata.set("media", media.deepCopy());
                }
                String caption = text(media, "caption");
                return caption != null ? caption : type.equals("document") ? text(media, "filename") : null;
            }
            case "location" -> {
                JsonNode loc = m.path("location");
                metadata.set("location", loc.deepCopy());
                String place = join(" ", text(loc, "name"), text(loc, "address"));
                if (place == null) {
                    place = loc.path("latitude").asText("?") + ", " + loc.path("longitude").asText("?");
                }
                return "📍 " + place;
            }
            case "contacts" -> {
                JsonNode cards = m.path("contacts");
                metadata.set("contacts", cards.deepCopy());
                List<String> shown = new ArrayList<>();
                for (JsonNode card : iterable(cards)) {
                    String name = text(card.path("name"), "formatted_name");
                    String phone = card.path("phones").path(0).path("phone").asText(null);
                    String one = join(" ", name, phone == null ? null : "(" + phone + ")");
                    if (one != null) {
                        shown.add(one);
                    }
                }
                return "👤 " + (shown.isEmpty() ? "Contact card" : String.join(", ", shown));
            }
            case "interactive" -> {
                JsonNode interactive = m.path("interactive");
                metadata.set("interactive", interactive.deepCopy());
                String kind = interactive.path("type").asText("");
                JsonNode reply = interactive.path(kind);
                return switch (kind) {
                    case "button_reply" -> text(reply, "title");
                    case "list_reply" -> join(" — ", text(reply, "title"), text(reply, "description"));
                    case "nfm_reply" -> firstNonNull(text(reply, "body"), "Form response");
                    default -> firstNonNull(text(reply, "title"), "Interactive reply");
                };
            }
            case "button" -> {
                JsonNode button = m.path("button");
                metadata.set("button", button.deepCopy());
                return firstNonNull(text(button, "text"), text(button, "payload"));
            }
            case "reaction" -> {
                JsonNode reaction = m.path("reaction");
                ObjectNode kept = reaction.isObject() ? reaction.deepCopy() : JsonNodeFactory.instance.objectNode();
                String emoji = text(reaction, "emoji");
                if (emoji == null) {
                    kept.put("removed", true); // Meta omits the emoji when the customer takes the reaction back
                }
                metadata.set("reaction", kept);
                return emoji;
            }
            case "order" -> {
                JsonNode order = m.path("order");
                metadata.set("order", order.deepCopy());
                int items = order.path("product_items").size();
                return firstNonNull(text(order, "text"), "🛒 Order: " + items + (items == 1 ? " item" : " items"));
            }
            case "system" -> {
                JsonNode system = m.path("system");
                metadata.set("system", system.deepCopy());
                return firstNonNull(text(system, "body"), "System message");
            }
            default -> {
                // unknown, unsupported, or a type newer than this code: keep all of it
                metadata.set("raw", m.deepCopy());
                String title = text(m.path("errors").path(0), "title");
                return "Unsupported message (" + type + ")" + (title == null ? "" : ": " + title);
            }
        }
    }

    private StatusUpdate status(JsonNode s, String path, List<String> notes) throws WebhookParseException {
        String wamid = wamid(s.path("id"), path + ".id");
        String value = s.path("status").asText("");
        MessageStatus status = switch (value) {
            case "sent" -> MessageStatus.SENT;
            case "delivered" -> MessageStatus.DELIVERED;
            case "read" -> MessageStatus.READ;
            case "failed" -> MessageStatus.FAILED;
            default -> null;
        };
        if (status == null) {
            notes.add(path + ": ignored status \"" + value + "\"");
            return null;
        }
        Instant timestamp = timestamp(s.path("timestamp"), path + ".timestamp");
        String code = null;
        String title = null;
        String detail = null;
        JsonNode errors = s.path("errors");
        if (errors.isArray() && errors.size() > 0) {
            JsonNode first = errors.get(0);
            code = text(first, "code");
            title = firstNonNull(text(first, "title"), text(first, "message"));
            detail = text(first.path("error_data"), "details");
            if (errors.size() > 1) {
                String more = java.util.stream.StreamSupport.stream(errors.spliterator(), false).skip(1)
                        .map(err -> err.path("code").asText("?") + " " + err.path("title").asText(""))
                        .collect(Collectors.joining("; "));
                detail = join(" ", detail, "(also: " + more + ")");
            }
        }
        return new StatusUpdate(wamid, status, timestamp, text(s, "recipient_id"), code, title, detail);
    }

    private static String wamid(JsonNode node, String path) throws WebhookParseException {
        String id = node.asText("");
        if (id.isEmpty()) {
            throw new WebhookParseException(path + ": missing message id");
        }
        if (id.length() > WAMID_MAX) {
            throw new WebhookParseException(path + ": message id longer than " + WAMID_MAX + " characters");
        }
        return id;
    }

    private static Instant timestamp(JsonNode node, String path) throws WebhookParseException {
        String raw = node.asText("");
        try {
            long seconds = Long.parseLong(raw);
            if (seconds <= 0 || seconds > 32_503_680_000L) {
                throw new NumberFormatException();
            }
            return Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException e) {
            throw new WebhookParseException(path + ": expected Unix seconds, got \"" + raw + "\"");
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull() && !to.has(field)) {
            to.set(field, value.deepCopy());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String s = value.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                present.add(p);
            }
        }
        return present.isEmpty() ? null : String.join(separator, present);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node.isArray() ? node : List.of();
    }
}
