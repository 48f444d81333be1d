package io.switchboard.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An automation as the list, the editor and `automation list` show it: secret headers masked to their last 4
 * characters; the counters as stored (they equal the run log); the latest run's outcome.
 */
public record AutomationView(UUID id, UUID tenantId, String name, String description, TriggerType triggerType, ObjectNode triggerConfig,
                             ActionType actionType, ObjectNode actionConfig, AutomationStatus status, String statusReason,
                             int executionCount, int successCount, int failureCount, Instant lastTriggeredAt,
                             String apiTokenLast4, String lastRunStatus, Instant lastRunAt) {

    public AutomationDraft draft() {
        return new AutomationDraft(name, description, triggerType, triggerConfig, actionType, actionConfig, status);
    }
}
