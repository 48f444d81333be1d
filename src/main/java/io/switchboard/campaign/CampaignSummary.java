package io.switchboard.campaign;

import java.time.Instant;
import java.util.UUID;

/**
 * One campaign as the list and {@code campaign list} show it. The counts are the guide's counters (kept equal to a
 * recount by the campaign worker); {@code waiting} is recipients whose message is not queued yet.
 */
public record CampaignSummary(UUID id, UUID tenantId, String name, String description, CampaignStatus status, String templateName, String templateLanguage,
                              String audience, int recipients, int excluded, int waiting, int sent, int delivered, int read, int failed, int limited,
                              Instant scheduledAt, Instant startedAt, Instant completedAt, Instant createdAt, String pauseReason, String waitingReason,
                              Integer capPerMinute) {

    /** Share of recipients dealt with (queued or beyond), 0..1. */
    public double progress() {
        return recipients == 0 ? 0 : Math.min(1, (recipients - waiting) / (double) recipients);
    }

    public String template() {
        return templateName == null ? "" : templateName + " (" + templateLanguage + ")";
    }
}
