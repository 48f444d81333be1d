package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A webhook trigger's conditions against one event. All given conditions must hold (AND); within a list
 * (keywords, message types, statuses) one match is enough. Texts compare case- and accent-insensitively.
 */
public final class Conditions {
    private Conditions() {
    }

    /** The conditions that failed, in words (empty: the event matches). */
    public static List<String> unmet(JsonNode triggerConfig, TriggerEvent e, BusinessHours hours) {
        List<String> unmet = new ArrayList<>();
        String event = triggerConfig.hasNonNull("event") ? triggerConfig.get("event").asText() : TriggerEvent.RECEIVED;
        if (!event.equals(e.kind())) {
            unmet.add("listens for " + event + ", not " + e.kind());
            return unmet;
        }
        JsonNode c = triggerConfig.get("conditions");
        if (c == null || !c.isObject()) {
            return unmet;
        }
        String text = Folding.fold(e.text());
        if (c.has("keywords")) {
            List<String> words = AutomationRules.strings("keywords", c.get("keywords"));
            if (words.stream().map(Folding::fold).noneMatch(text::equals)) {
                unmet.add("the text is not one of the keywords " + words);
            }
        }
        if (c.has("contains")) {
            List<String> parts = AutomationRules.strings("contains", c.get("contains"));
            if (parts.stream().map(Folding::fold).noneMatch(text::contains)) {
                unmet.add("the text does not contain " + parts);
            }
        }
        if (c.has("regex")) {
            Pattern p = Pattern.compile(c.get("regex").asText(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            if (e.text() == null || !p.matcher(e.text()).find()) {
                unmet.add("the text does not match /" + p.pattern() + "/");
            }
        }
        if (c.has("first_message") && c.get("first_message").asBoolean() != e.firstMessage()) {
            unmet.add(e.firstMessage() ? "it is the conversation's first message" : "it is not the first message of a new conversation");
        }
        if (c.has("outside_business_hours") && c.get("outside_business_hours").asBoolean() == hours.isOpen(e.at())) {
            unmet.add(hours.isOpen(e.at()) ? "it came within business hours" : "it came outside business hours");
        }
        if (c.has("inside_business_hours") && c.get("inside_business_hours").asBoolean() != hours.isOpen(e.at())) {
            unmet.add(hours.isOpen(e.at()) ? "it came within business hours" : "it came outside business hours");
        }
        if (c.has("message_type") && !AutomationRules.strings("message_type", c.get("message_type")).contains(e.messageType())) {
            unmet.add("the message type is " + e.messageType());
        }
        if (c.has("conversation_status") && !AutomationRules.strings("conversation_status", c.get("conversation_status")).contains(e.conversationStatus())) {
            unmet.add("the conversation is " + e.conversationStatus());
        }
        if (c.has("contact_metadata")) {
            for (Map.Entry<String, JsonNode> kv : (Iterable<Map.Entry<String, JsonNode>>) c.get("contact_metadata")::fields) {
                JsonNode have = e.contactMetadata() == null ? null : e.contactMetadata().get(kv.getKey());
                if (have == null || !Folding.fold(have.asText()).equals(Folding.fold(kv.getValue().asText()))) {
                    unmet.add("the contact's " + kv.getKey() + " is not " + kv.getValue().asText());
                }
            }
        }
        if (c.has("status") && !AutomationRules.strings("status", c.get("status")).contains(e.status())) {
            unmet.add("the status is " + e.status());
        }
        if (c.has("error_code") && !AutomationRules.strings("error_code", c.get("error_code")).contains(e.errorCode())) {
            unmet.add("the error code is " + e.errorCode());
        }
        return unmet;
    }

    /**
     * The run key: one run per event by default; per conversation, per conversation and local day, or per contact
     * and local day when once_per says so (an away message answers a conversation once a day however often it writes).
     */
    public static String runKey(JsonNode triggerConfig, TriggerEvent e, java.time.ZoneId zone) {
        String once = triggerConfig.hasNonNull("once_per") ? triggerConfig.get("once_per").asText() : "event";
        String day = e.at().atZone(zone).toLocalDate().toString();
        return switch (once) {
            case "conversation" -> "conversation:" + e.conversationId();
            case "conversation_day" -> "conversation:" + e.conversationId() + ":" + day;
            case "contact_day" -> "contact:" + e.contactId() + ":" + day;
            default -> e.eventKey();
        };
    }
}
