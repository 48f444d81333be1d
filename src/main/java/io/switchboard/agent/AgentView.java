package io.switchboard.agent;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * An agent as `agent list` and the admin screens show it: who, whether they may sign in, their role per
 * tenant and, from PostgreSQL, whether their login role can log in and until when its password is valid.
 */
public record AgentView(UUID id, String login, String displayName, AgentStatus status, Map<UUID, AgentRole> roles,
                        boolean canLogIn, LocalDateTime passwordValidUntil, LocalDateTime lastSeenAt) {
}
