package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.ValidationException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The JSON schema of trigger_config and action_config per type (documented in README.md, "Automations"), checked
 * on save: an unknown key, a bad cron, regex, URL or template reference is refused with the field and the rule.
 */
public final class AutomationRules {
    public static final List<String> EVENTS = List.of("message_received", "message_status");
    public static final List<String> ONCE_PER = List.of("event", "conversation", "conversation_day", "contact_day");
    public static final List<String> MESSAGE_TYPES = List.of("text", "image", "video", "audio", "document", "sticker", "location", "contacts",
            "interactive", "button", "reaction", "unknown");
    public static final List<String> STATUSES = List.of("sent", "delivered", "read", "failed");
    public static final List<String> CONVERSATION_STATUSES = List.of("open", "closed", "archived");
    public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> RECEIVED_CONDITIONS = Set.of("keywords", "contains", "regex", "first_message", "outside_business_hours",
            "inside_business_hours", "message_type", "contact_metadata", "conversation_status");
    private static final Set<String> STATUS_CONDITIONS = Set.of("status", "error_code", "contact_metadata");

    /** Whether the tenant has an approved, sendable template of this name and language: null when it has, else why not. */
    private final BiFunction<String, String, String> templateProblem;

    public AutomationRules(BiFunction<String, String, String> templateProblem) {
        this.templateProblem = templateProblem;
    }

    public void check(AutomationDraft d) {
        if (d.name().length() > 100) {
            throw new ValidationException("name", "must be at most 100 characters");
        }
        checkTrigger(d.triggerType(), d.triggerConfig());
        checkAction(d.actionType(), d.actionConfig());
    }

    public static void checkTrigger(TriggerType type, ObjectNode c) {
        switch (type) {
            case WEBHOOK -> {
                keys("trigger_config", c, Set.of("event", "conditions", "once_per"));
                String event = c.hasNonNull("event") ? oneOf("trigger_config.event", c.get("event"), EVENTS) : "message_received";
                if (c.hasNonNull("once_per")) {
                    oneOf("trigger_config.once_per", c.get("once_per"), ONCE_PER);
                }
                JsonNode cond = c.get("conditions");
                if (cond == null || cond.isNull()) {
                    return;
                }
                if (!(cond instanceof ObjectNode conditions)) {
                    throw new ValidationException("trigger_config.conditions", "must be a JSON object");
                }
                String f = "trigger_config.conditions";
                keys(f, conditions, event.equals("message_received") ? RECEIVED_CONDITIONS : STATUS_CONDITIONS);
                if (conditions.has("keywords")) {
                    List<String> words = strings(f + ".keywords", conditions.get("keywords"));
                    if (words.isEmpty() || words.stream().anyMatch(String::isBlank)) {
                        throw new ValidationException(f + ".keywords", "must list at least one non-empty keyword");
                    }
                }
                if (conditions.has("contains")) {
                    if (strings(f + ".contains", conditions.get("contains")).stream().anyMatch(String::isBlank)) {
                        throw new ValidationException(f + ".contains", "must not be empty");
                    }
                }
                if (conditions.has("regex")) {
                    String regex = string(f + ".regex", conditions.get("regex"));
                    try {
                        Pattern.compile(regex);
                    } catch (PatternSyntaxException e) {
                        throw new ValidationException(f + ".regex", "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
                    }
                }
                for (String flag : List.of("first_message", "outside_business_hours", "inside_business_hours")) {
                    if (conditions.has(flag) && !conditions.get(flag).isBoolean()) {
                        throw new ValidationException(f + "." + flag, "must be true or false");
                    }
                }
                if (conditions.has("message_type")) {
                    allIn(f + ".message_type", strings(f + ".message_type", conditions.get("message_type")), MESSAGE_TYPES);
                }
                if (conditions.has("conversation_status")) {
                    allIn(f + ".conversation_status", strings(f + ".conversation_status", conditions.get("conversation_status")), CONVERSATION_STATUSES);
                }
                if (conditions.has("status")) {
                    allIn(f + ".status", strings(f + ".status", conditions.get("status")), STATUSES);
                }
                if (conditions.has("error_code")) {
                    strings(f + ".error_code", conditions.get("error_code"));
                }
                if (conditions.has("contact_metadata")) {
                    JsonNode m = conditions.get("contact_metadata");
                    if (!m.isObject() || m.isEmpty()) {
                        throw new ValidationException(f + ".contact_metadata", "must be an object of key: value pairs the contact's metadata must hold");
                    }
                    m.fields().forEachRemaining(e -> {
                        if (!e.getValue().isValueNode()) {
                            throw new ValidationException(f + ".contact_metadata." + e.getKey(), "must be a text, number or true/false");
                        }
                    });
                }
            }
            case SCHEDULE -> {
                keys("trigger_config", c, Set.of("cron", "audience"));
                CronSchedule.parse("trigger_config.cron", c.hasNonNull("cron") ? c.get("cron").asText() : null, ZoneOffset.UTC);
                Audience.from(c.get("audience"));
            }
            case MANUAL, API -> keys("trigger_config", c, Set.of());
        }
    }

    public void checkAction(ActionType type, ObjectNode c) {
        switch (type) {
            case SEND_MESSAGE -> {
                keys("action_config", c, Set.of("text", "fallback_template"));
                text("action_config.text", c.get("text"), true);
                if (c.hasNonNull("fallback_template")) {
                    template("action_config.fallback_template", c.get("fallback_template"));
                }
            }
            case SEND_TEMPLATE -> template("action_config", c);
            case UPDATE_CONTACT -> {
                keys("action_config", c, Set.of("name", "external_ref", "metadata", "opt_out", "conversation", "reply"));
                if (c.isEmpty()) {
                    throw new ValidationException("action_config", "must change something: name, external_ref, metadata, opt_out or conversation");
                }
                if (c.has("name")) {
                    text("action_config.name", c.get("name"), true);
                }
                if (c.has("external_ref")) {
                    text("action_config.external_ref", c.get("external_ref"), false);
                }
                if (c.has("metadata")) {
                    JsonNode m = c.get("metadata");
                    if (!m.isObject() || m.isEmpty()) {
                        throw new ValidationException("action_config.metadata", "must be an object of keys to set (null removes a key)");
                    }
                    m.fields().forEachRemaining(e -> {
                        if (!e.getValue().isValueNode()) {
                            throw new ValidationException("action_config.metadata." + e.getKey(), "must be a text, number, true/false or null");
                        }
                        Variables.check("action_config.metadata." + e.getKey(), e.getValue());
                    });
                }
                if (c.has("opt_out")) {
                    oneOf("action_config.opt_out", c.get("opt_out"), List.of("set", "clear"));
                }
                if (c.has("conversation")) {
                    oneOf("action_config.conversation", c.get("conversation"), List.of("close", "reopen"));
                }
                if (c.has("reply")) {
                    text("action_config.reply", c.get("reply"), true);
                }
            }
            case HTTP_REQUEST -> {
                keys("action_config", c, Set.of("method", "url", "headers", "secret_headers", "body", "allow_private_network"));
                oneOf("action_config.method", c.hasNonNull("method") ? c.get("method") : null, METHODS);
                String url = string("action_config.url", c.get("url"));
                Variables.check("action_config.url", url);
                checkUrl("action_config.url", Variables.PLACEHOLDER.matcher(url).replaceAll("x"));
                for (String h : List.of("headers", "secret_headers")) {
                    if (c.has(h)) {
                        JsonNode headers = c.get(h);
                        if (!headers.isObject()) {
                            throw new ValidationException("action_config." + h, "must be an object of header: value");
                        }
                        headers.fields().forEachRemaining(e -> {
                            if (!e.getKey().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                                throw new ValidationException("action_config." + h + "." + e.getKey(), "is not a valid HTTP header name");
                            }
                            if (!e.getValue().isTextual()) {
                                throw new ValidationException("action_config." + h + "." + e.getKey(), "must be a text");
                            }
                            Variables.check("action_config." + h + "." + e.getKey(), e.getValue().asText());
                        });
                    }
                }
                if (c.has("body")) {
                    Variables.check("action_config.body", c.get("body"));
                }
                if (c.has("allow_private_network") && !c.get("allow_private_network").isBoolean()) {
                    throw new ValidationException("action_config.allow_private_network", "must be true or false");
                }
            }
        }
    }

    static void checkUrl(String field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            throw new ValidationException(field, "\"" + url + "\" is not a valid URL");
        }
        if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT)) || uri.getHost() == null) {
            throw new ValidationException(field, "must be an absolute http:// or https:// URL with a host, not \"" + url + "\"");
        }
    }

    private void template(String f, JsonNode node) {
        if (!(node instanceof ObjectNode t)) {
            throw new ValidationException(f, "must be an object with name, language and body_params");
        }
        keys(f, t, Set.of("name", "language", "header_params", "body_params"));
        String name = string(f + ".name", t.get("name"));
        String language = string(f + ".language", t.get("language"));
        for (String p : List.of("header_params", "body_params")) {
            if (t.has(p)) {
                List<String> values = strings(f + "." + p, t.get(p));
                for (int i = 0; i < values.size(); i++) {
                    Variables.check(f + "." + p + "[" + i + "]", values.get(i));
                }
            }
        }
        String problem = templateProblem.apply(name, language);
        if (problem != null) {
            throw new ValidationException(f + ".name", problem);
        }
    }

    static List<String> params(JsonNode t, String key) {
        return t != null && t.has(key) ? strings(key, t.get(key)) : List.of();
    }

    private static void text(String field, JsonNode n, boolean required) {
        if (n == null || n.isNull()) {
            if (required) {
                throw new ValidationException(field, "is required");
            }
            return;
        }
        if (!n.isTextual() || (required && n.asText().isBlank())) {
            throw new ValidationException(field, required ? "must be a non-empty text" : "must be a text");
        }
        if (n.asText().length() > 4096) {
            throw new ValidationException(field, "must be at most 4096 characters (WhatsApp's limit)");
        }
        Variables.check(field, n.asText());
    }

    static void keys(String field, ObjectNode o, Set<String> allowed) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new ValidationException(field + "." + k, allowed.isEmpty() ? "this trigger takes no settings"
                        : "is not a setting here (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    static String string(String field, JsonNode n) {
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new ValidationException(field, "is required (a non-empty text)");
        }
        return n.asText();
    }

    static String oneOf(String field, JsonNode n, List<String> allowed) {
        String v = n == null || n.isNull() ? null : n.asText();
        if (v == null || !allowed.contains(v)) {
            throw new ValidationException(field, "must be one of " + String.join(", ", allowed) + (v == null ? "" : ", not \"" + v + "\""));
        }
        return v;
    }

    /** A text or an array of texts. */
    static List<String> strings(String field, JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isTextual() || n.isNumber()) {
            return List.of(n.asText());
        }
        if (!n.isArray()) {
            throw new ValidationException(field, "must be a text or an array of texts");
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual() && !e.isNumber()) {
                throw new ValidationException(field, "must be a text or an array of texts");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static void allIn(String field, List<String> values, List<String> allowed) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw new ValidationException(field, "must be among " + String.join(", ", allowed) + ", not \"" + v + "\"");
            }
        }
    }

    static Optional<Map.Entry<String, JsonNode>> first(ObjectNode o) {
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }
}
