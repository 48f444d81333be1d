package io.switchboard.ui.automations;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.automation.AutomationView;
import java.util.ArrayList;
import java.util.List;

/** One line that says when an automation runs, for the list. */
final class AutomationsText {
    private AutomationsText() {
    }

    static String trigger(AutomationView v) {
        JsonNode t = v.triggerConfig();
        return switch (v.triggerType()) {
            case SCHEDULE -> "schedule " + t.path("cron").asText() + " → " + t.path("audience").path("kind").asText();
            case MANUAL -> "manual";
            case API -> "API" + (v.apiTokenLast4() == null ? " (no token yet)" : " (token …" + v.apiTokenLast4() + ")");
            case WEBHOOK -> {
                List<String> parts = new ArrayList<>();
                parts.add(t.path("event").asText("message_received").replace('_', ' '));
                t.path("conditions").fieldNames().forEachRemaining(parts::add);
                if (t.hasNonNull("once_per")) {
                    parts.add("once per " + t.get("once_per").asText().replace('_', ' '));
                }
                yield String.join(", ", parts);
            }
        };
    }
}
