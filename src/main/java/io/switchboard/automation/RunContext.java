package io.switchboard.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** What an action works with: the run, its contact and conversation (either may be null), and what the run saw. */
record RunContext(UUID tenantId, UUID automationId, UUID runId, UUID contactId, UUID conversationId, Variables variables,
                  ObjectNode actionConfig, boolean allowPrivateNetwork) {
}
