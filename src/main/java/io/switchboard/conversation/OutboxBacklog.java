package io.switchboard.conversation;

import java.time.Instant;

/** The tenant's messages waiting in the outbox: how many, and since when the oldest waits (null when none). */
public record OutboxBacklog(long queued, Instant oldestQueuedAt) {
}
