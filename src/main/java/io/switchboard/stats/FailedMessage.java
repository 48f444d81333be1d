package io.switchboard.stats;

import java.time.LocalDateTime;
import java.util.UUID;

/** A message behind a failure row, with its contact: who did not receive what, and why. */
public record FailedMessage(UUID messageId, UUID tenantId, UUID conversationId, UUID contactId, String contactName, String phone,
                            LocalDateTime failedAt, String errorCode, String errorTitle, String errorDetail, String content) {
}
