package io.switchboard.campaign;

import java.util.List;

/**
 * The wizard's check before creating: how many contacts match, how many of them are excluded, the daily limit, and
 * the message as a few real recipients would get it. {@code problems} lists what creating would refuse (a variable
 * empty for some recipients without a fallback, an empty audience).
 */
public record CampaignPreview(int matched, int recipients, int optedOut, int invalid, Integer dailyLimit, List<Sample> samples, List<String> problems) {
    public record Sample(String phone, String name, String text) {
    }

    public boolean exceedsDailyLimit() {
        return dailyLimit != null && recipients > dailyLimit;
    }
}
