package io.switchboard.stats;

import java.time.Instant;

/**
 * One phone_number_quality_update webhook change. It names the number by its display number (digits only)
 * within the entry's WABA, not by phone_number_id. {@code occurredAt} is the entry's {@code time}: a change
 * older than the health already stored (a late or repeated delivery) changes nothing.
 *
 * @param event        Meta's event: FLAGGED, UNFLAGGED, DOWNGRADE, UPGRADE, …
 * @param qualityRating the rating the event implies (RED for FLAGGED, GREEN for UNFLAGGED), null when it implies none
 * @param limitTier    current_limit (or max_daily_conversations_per_business), null when absent
 */
public record NumberHealthEvent(String wabaId, String displayPhoneDigits, Instant occurredAt, String event, String qualityRating,
                                String limitTier) {

    public static String qualityOf(String event) {
        return switch (event) {
            case "FLAGGED" -> "RED";
            case "UNFLAGGED" -> "GREEN";
            default -> null;
        };
    }

    public static String statusOf(String event) {
        return switch (event) {
            case "FLAGGED" -> "FLAGGED";
            case "UNFLAGGED" -> "CONNECTED";
            default -> null;
        };
    }
}
