package io.switchboard.conversation;

import java.time.LocalDateTime;
import java.util.UUID;

/** Where the next (older) page of a thread starts. Opaque to callers. */
public record MessageCursor(LocalDateTime createdAt, UUID id) {
}
