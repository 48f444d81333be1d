package io.switchboard.conversation;

import io.switchboard.message.Direction;
import io.switchboard.message.MessageStatus;
import io.switchboard.message.MessageType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message as a bubble needs it. {@code contentType} is WhatsApp's own kind (text, image,
 * audio, location, reaction, unknown…) and may be null for rows written before it existed.
 * {@code sentBy} is the name of the agent who wrote an outbound message (null: the system, a
 * campaign, an automation, or not yet known for a bubble the outbox has not confirmed).
 */
public record ThreadMessage(
        UUID id, Direction direction, MessageType type, String contentType, String content, Map<String, Object> metadata,
        MessageStatus status, Instant createdAt, Instant sentAt, Instant deliveredAt, Instant readAt, Instant failedAt,
        String errorCode, String errorTitle, String errorDetail, String sentBy) {

    public String kind() {
        return contentType != null ? contentType : type.code();
    }

    /** The reason a person understands, for the failed tick's tooltip. */
    public String failureReason() {
        StringBuilder s = new StringBuilder();
        if (errorTitle != null && !errorTitle.isBlank()) {
            s.append(errorTitle);
        }
        if (errorDetail != null && !errorDetail.isBlank() && !errorDetail.equals(errorTitle)) {
            s.append(s.length() > 0 ? ": " : "").append(errorDetail);
        }
        if (errorCode != null && !errorCode.isBlank()) {
            s.append(s.length() > 0 ? " " : "").append("(code ").append(errorCode).append(')');
        }
        return s.length() == 0 ? "Sending failed; no reason was given." : s.toString();
    }
}
