package io.switchboard.agent;

import java.time.LocalDateTime;
import java.util.UUID;

/** Who signed in, and until when (UTC) their password is valid (null: no end), so the next refusal can be explained. */
public record SignedIn(UUID agentId, String login, LocalDateTime passwordValidUntil) {
}
