package io.switchboard.stats;

import java.util.List;
import java.util.UUID;

/**
 * Everything the Stats view and the {@code stats} command show for one scope and range, read from the
 * counters in one snapshot. {@code tenantId} null: all tenants (each on its own zone's days).
 */
public record StatsReport(UUID tenantId, String zone, StatsRange range, DeliveryFunnel delivery, List<FailureReason> failures,
                          List<DayVolume> days, List<HourVolume> hours, ResponseTimes firstResponse, ResponseTimes resolution,
                          List<Breakdown> byNumber, List<Breakdown> byTemplate, List<Breakdown> byCampaign, List<Breakdown> byAgent,
                          List<NumberHealth> health) {
    public long newConversations() {
        return days.stream().mapToLong(DayVolume::conversations).sum();
    }

    public long inbound() {
        return days.stream().mapToLong(DayVolume::inbound).sum();
    }
}
