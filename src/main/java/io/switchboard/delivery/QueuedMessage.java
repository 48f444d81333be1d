package io.switchboard.delivery;

import java.util.UUID;

/** A message placed in the outbox (messages with status queued). */
public record QueuedMessage(UUID messageId, UUID tenantId, UUID conversationId, UUID contactId) {
}
