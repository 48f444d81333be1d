package io.switchboard.automation;

import java.time.Instant;
import java.util.UUID;

/** One row of the run log: trigger, what the run saw (variables JSON), the action's result or error, its duration. */
public record RunView(UUID id, UUID automationId, String automationName, String triggerType, String triggerKey, String contactPhone,
                      String status, String result, String error, Integer responseCode, Integer durationMs, String variablesJson,
                      Instant createdAt, Instant finishedAt, UUID retryOf) {
}
