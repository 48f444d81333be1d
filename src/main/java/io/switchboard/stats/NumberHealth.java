package io.switchboard.stats;

import java.time.LocalDateTime;

/**
 * A WhatsApp number's health as Meta last reported it: quality rating (GREEN, YELLOW, RED, UNKNOWN),
 * messaging-limit tier (e.g. TIER_1K) and status. {@code updatedAt} is null when never reported.
 */
public record NumberHealth(String phoneNumberId, String displayPhone, String qualityRating, String previousQualityRating,
                           String messagingLimitTier, String status, LocalDateTime updatedAt) {
    /** True when the rating is worse than before, or is yellow or red: the view shows a warning. */
    public boolean qualityWarning() {
        return rank(qualityRating) > 0 && (rank(qualityRating) > rank(previousQualityRating) || rank(qualityRating) >= 1);
    }

    public String warning() {
        if (!qualityWarning()) {
            return null;
        }
        String drop = previousQualityRating != null && rank(qualityRating) > rank(previousQualityRating)
                ? " (was " + previousQualityRating + ")" : "";
        return "Quality " + qualityRating + drop + ": customers are blocking or reporting this number; Meta may lower its messaging limit.";
    }

    private static int rank(String rating) {
        if (rating == null) {
            return 0;
        }
        return switch (rating) {
            case "YELLOW", "MEDIUM" -> 1;
            case "RED", "LOW", "FLAGGED" -> 2;
            default -> 0;
        };
    }
}
