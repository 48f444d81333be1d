package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.ValidationException;
import java.util.Arrays;
import java.util.Set;

/**
 * An automation as an admin writes it — the guide's fields: name, description, trigger_type, trigger_config,
 * action_type, action_config, status. The JSON shape is documented in README.md ("Automations").
 */
public record AutomationDraft(String name, String description, TriggerType triggerType, ObjectNode triggerConfig,
                              ActionType actionType, ObjectNode actionConfig, AutomationStatus status) {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("name", "description", "trigger_type", "trigger_config", "action_type", "action_config", "status");

    /** Reads the guide's fields from JSON text; every mistake names its field. */
    public static AutomationDraft fromJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            throw new ValidationException("file", "is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return fromJson(root);
    }

    public static AutomationDraft fromJson(JsonNode root) {
        if (!(root instanceof ObjectNode o)) {
            throw new ValidationException("automation", "must be a JSON object with name, trigger_type, trigger_config, action_type, action_config");
        }
        o.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new ValidationException(f, "is not a field of an automation (allowed: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        });
        String name = text(o, "name");
        TriggerType trigger = code(o, "trigger_type", TriggerType.values());
        ActionType action = code(o, "action_type", ActionType.values());
        AutomationStatus status = o.hasNonNull("status") ? code(o, "status", AutomationStatus.values()) : AutomationStatus.ACTIVE;
        return new AutomationDraft(name, o.hasNonNull("description") ? o.get("description").asText() : null, trigger,
                object(o, "trigger_config"), action, object(o, "action_config"), status);
    }

    /** The same fields as JSON (what `automation create --file` reads and the editor's raw view shows). */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        if (description != null) {
            o.put("description", description);
        }
        o.put("trigger_type", triggerType.code());
        o.set("trigger_config", triggerConfig);
        o.put("action_type", actionType.code());
        o.set("action_config", actionConfig);
        o.put("status", status.code());
        return o;
    }

    private static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new ValidationException(field, "is required (a non-empty string)");
        }
        return n.asText().strip();
    }

    private static ObjectNode object(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return JSON.createObjectNode();
        }
        if (!(n instanceof ObjectNode obj)) {
            throw new ValidationException(field, "must be a JSON object");
        }
        return obj;
    }

    private static <E extends Enum<E> & io.switchboard.db.CodedEnum> E code(ObjectNode o, String field, E[] values) {
        String v = text(o, field);
        for (E e : values) {
            if (e.code().equals(v)) {
                return e;
            }
        }
        throw new ValidationException(field, "must be one of " + String.join(", ", Arrays.stream(values).map(io.switchboard.db.CodedEnum::code).toList())
                + ", not \"" + v + "\"");
    }
}
