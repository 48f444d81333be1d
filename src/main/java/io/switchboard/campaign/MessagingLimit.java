package io.switchboard.campaign;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Meta's messaging-limit tier of a number (TIER_250, TIER_1K, TIER_10K, TIER_100K, TIER_UNLIMITED): how many
 * customers it may start business-initiated conversations with in a rolling 24 hours. Campaigns count what they
 * queued in the last 24 hours against it. Unknown (never read) or unlimited: no limit is applied.
 */
public final class MessagingLimit {
    private static final Pattern TIER = Pattern.compile("TIER_(\\d+)(K?)");

    private MessagingLimit() {
    }

    public static OptionalInt perDay(String tier) {
        if (tier == null) {
            return OptionalInt.empty();
        }
        Matcher m = TIER.matcher(tier.strip().toUpperCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        long n = Long.parseLong(m.group(1)) * (m.group(2).isEmpty() ? 1 : 1000);
        return OptionalInt.of((int) Math.min(Integer.MAX_VALUE, n));
    }
}
