package io.switchboard.team;

import java.time.Instant;
import java.util.UUID;

/** A note that mentions the agent: where (conversation and its contact), by whom, what, and whether it was read. */
public record Mention(UUID noteId, UUID conversationId, String contactTitle, String authorName, String body, Instant createdAt, boolean read) {
}
