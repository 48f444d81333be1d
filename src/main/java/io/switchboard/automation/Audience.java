package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.ValidationException;
import java.util.List;
import java.util.Set;

/**
 * Who a scheduled automation runs for: every contact ("all"), contacts whose metadata holds the given key/values
 * ("filter"), or one contact by phone ("contact"). Opted-out contacts are left out of "all" and "filter".
 */
public record Audience(String kind, ObjectNode metadata, String phone) {
    public static Audience from(JsonNode n) {
        String f = "trigger_config.audience";
        if (!(n instanceof ObjectNode o)) {
            throw new ValidationException(f, "is required: {\"kind\": \"all\"}, {\"kind\": \"filter\", \"metadata\": {...}} or {\"kind\": \"contact\", \"phone\": \"+...\"}");
        }
        AutomationRules.keys(f, o, Set.of("kind", "metadata", "phone"));
        String kind = AutomationRules.oneOf(f + ".kind", o.get("kind"), List.of("all", "filter", "contact"));
        return switch (kind) {
            case "filter" -> {
                JsonNode m = o.get("metadata");
                if (!(m instanceof ObjectNode mo) || mo.isEmpty()) {
                    throw new ValidationException(f + ".metadata", "is required for a filter: an object of key: value the contact's metadata must hold");
                }
                yield new Audience(kind, mo, null);
            }
            case "contact" -> new Audience(kind, null, AutomationRules.string(f + ".phone", o.get("phone")));
            default -> new Audience(kind, null, null);
        };
    }
}
