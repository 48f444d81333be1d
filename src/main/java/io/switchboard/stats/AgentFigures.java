package io.switchboard.stats;

import java.util.UUID;

/**
 * One agent's figures for a range: the messages they wrote (outbound, and of those sent, delivered, read, failed), the
 * first responses they gave and the conversations resolved while assigned to them, each with its median and p90.
 * {@code agentId} null: unattributed — what no agent wrote (campaigns, automations, API sends) and resolutions of
 * unassigned conversations closed by no agent (a service or automation). In solo mode the owner's own agent row is
 * the author of what the owner writes.
 */
public record AgentFigures(UUID agentId, String name, long outbound, long sent, long delivered, long read, long failed,
                           ResponseTimes firstResponse, ResponseTimes resolution) {
    public static final String UNATTRIBUTED = "unattributed";

    public long conversationsResolved() {
        return resolution.count();
    }

    public Rate deliveryRate() {
        return new Rate(delivered, sent);
    }
}
