package io.switchboard.campaign;

import java.util.UUID;

/**
 * A campaign just created: how many will get it, how many were left out and why, and the number's daily limit
 * (null when unknown or unlimited) so the caller can warn that the rest waits for the next day.
 */
public record CreatedCampaign(UUID id, CampaignStatus status, int recipients, int optedOut, int invalid, Integer dailyLimit) {
    public boolean exceedsDailyLimit() {
        return dailyLimit != null && recipients > dailyLimit;
    }
}
