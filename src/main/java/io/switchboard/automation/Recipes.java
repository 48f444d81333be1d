package io.switchboard.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Ready-made automations an admin enables in one click: greeting on a customer's first message, away message outside
 * business hours (once per conversation per day), "STOP" → opt-out with a confirmation, failed-message alert to an
 * HTTP endpoint.
 */
public final class Recipes {
    public static final List<String> NAMES = List.of("greeting", "away", "stop", "failed-alert");

    private Recipes() {
    }

    public static AutomationDraft byName(String name, String text) {
        return switch (name) {
            case "greeting" -> greeting(text == null ? "Hello {{contact.name}}, thanks for writing! We will answer shortly." : text);
            case "away" -> away(text == null ? "Thanks for your message. We are closed now and will answer during business hours." : text);
            case "stop" -> stopOptOut(text == null ? "You are unsubscribed and will get no more messages from us." : text);
            case "failed-alert" -> failedAlert(text == null ? "https://crm.example.com/hooks/whatsapp-failed" : text);
            default -> throw new io.switchboard.common.ValidationException("recipe", "must be one of " + String.join(", ", NAMES) + ", not \"" + name + "\"");
        };
    }

    public static AutomationDraft greeting(String text) {
        ObjectNode trigger = received();
        trigger.putObject("conditions").put("first_message", true);
        return new AutomationDraft("Greeting", "Greets a customer on the first message of a new conversation", TriggerType.WEBHOOK, trigger,
                ActionType.SEND_MESSAGE, text(text), AutomationStatus.ACTIVE);
    }

    public static AutomationDraft away(String text) {
        ObjectNode trigger = received();
        trigger.putObject("conditions").put("outside_business_hours", true);
        trigger.put("once_per", "conversation_day");
        return new AutomationDraft("Away message", "Answers outside business hours, once per conversation per day", TriggerType.WEBHOOK, trigger,
                ActionType.SEND_MESSAGE, text(text), AutomationStatus.ACTIVE);
    }

    public static AutomationDraft stopOptOut(String confirmation) {
        ObjectNode trigger = received();
        trigger.putObject("conditions").putArray("keywords").add("STOP").add("UNSUBSCRIBE").add("STOPALL").add("CANCEL").add("END").add("QUIT");
        ObjectNode action = AutomationDraft.JSON.createObjectNode();
        action.put("opt_out", "set");
        action.put("reply", confirmation);
        return new AutomationDraft("STOP opt-out", "Opts out a customer who writes STOP and confirms it", TriggerType.WEBHOOK, trigger,
                ActionType.UPDATE_CONTACT, action, AutomationStatus.ACTIVE);
    }

    public static AutomationDraft failedAlert(String url) {
        ObjectNode trigger = AutomationDraft.JSON.createObjectNode();
        trigger.put("event", "message_status");
        trigger.putObject("conditions").put("status", "failed");
        ObjectNode action = AutomationDraft.JSON.createObjectNode();
        action.put("method", "POST");
        action.put("url", url);
        ObjectNode body = action.putObject("body");
        body.put("event", "message_failed");
        body.put("phone", "{{contact.phone}}");
        body.put("message_id", "{{message.id}}");
        body.put("error_code", "{{trigger.error_code}}");
        body.put("error", "{{trigger.error_title}}");
        return new AutomationDraft("Failed-message alert", "POSTs every failed message to an HTTP endpoint", TriggerType.WEBHOOK, trigger,
                ActionType.HTTP_REQUEST, action, AutomationStatus.ACTIVE);
    }

    private static ObjectNode received() {
        ObjectNode trigger = AutomationDraft.JSON.createObjectNode();
        trigger.put("event", "message_received");
        return trigger;
    }

    private static ObjectNode text(String text) {
        ObjectNode action = AutomationDraft.JSON.createObjectNode();
        action.put("text", text);
        return action;
    }
}
