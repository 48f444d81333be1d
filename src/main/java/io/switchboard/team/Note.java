package io.switchboard.team;

import java.time.Instant;
import java.util.UUID;

/** A private note in a conversation: who wrote it, when, and what. */
public record Note(UUID id, UUID conversationId, String authorName, String body, Instant createdAt) {
}
