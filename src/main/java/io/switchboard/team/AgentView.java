package io.switchboard.team;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent as the inbox shows them in one tenant: their role there and whether they are online
 * (a heartbeat within {@link AgentDirectory#OFFLINE_AFTER}).
 */
public record AgentView(UUID id, String login, String displayName, String status, String role, Instant lastSeenAt, boolean online) {

    public boolean active() {
        return "active".equals(status);
    }

    /** Supervisors and admins manage canned replies, labels and automatic assignment. */
    public boolean manages() {
        return "admin".equals(role) || "supervisor".equals(role);
    }
}
