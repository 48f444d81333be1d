package io.switchboard.conversation;

import java.time.LocalDateTime;
import java.util.UUID;

/** Where the next page of the list starts: after this (last activity, id). Opaque to callers. */
public record ConversationCursor(LocalDateTime lastMessageAt, UUID id) {
}
