package io.switchboard.conversation;

import io.switchboard.delivery.ServiceWindow;
import io.switchboard.message.Direction;
import io.switchboard.message.MessageStatus;
import io.switchboard.message.MessageType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of the conversation list: everything the row shows, read in one query.
 * The {@code last*} fields describe the newest message and are null for a conversation without
 * messages; when it is outbound, {@code lastStatus} is its tick (the list shows a tick only then, as
 * WhatsApp's own chat list does).
 */
public record ConversationSummary(
        UUID id, UUID contactId, String contactName, String phone, String channel, ConversationStatus status,
        Instant lastMessageAt, Instant lastReadAt, Instant lastInboundAt,
        Direction lastDirection, MessageType lastType, String lastContentType, String lastPreview, MessageStatus lastStatus,
        int unread, UUID assignedAgentId, String assignedAgentName) {

    /** The name, or the phone when the contact has no name. */
    public String title() {
        return contactName == null || contactName.isBlank() ? phone : contactName;
    }

    /** Time left in the 24-hour window at {@code now}, empty when only a template may be sent. */
    public Optional<Duration> windowLeft(Instant now) {
        return ServiceWindow.remaining(io.switchboard.common.Clock.toUtc(lastInboundAt), io.switchboard.common.Clock.toUtc(now));
    }

    /** The exact WhatsApp kind of the newest message (image, audio, location…), falling back to the stored type. */
    public String lastKind() {
        return lastContentType != null ? lastContentType : lastType == null ? null : lastType.code();
    }
}
