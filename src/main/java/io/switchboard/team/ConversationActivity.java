package io.switchboard.team;

import java.time.Instant;
import java.util.UUID;

/** Another agent at work in a conversation: typing in it right now, or just answered it. */
public record ConversationActivity(UUID conversationId, UUID agentId, String agentName, Kind kind, Instant at) {
    public enum Kind { TYPING, ANSWERED }

    /** "Ana is typing…" / "Ana just answered". */
    public String describe() {
        return kind == Kind.TYPING ? agentName + " is typing…" : agentName + " just answered";
    }
}
