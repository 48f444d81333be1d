package io.switchboard.stats;

/**
 * One row of "failures by reason": Meta's error code and title, our sentence for it, how many
 * messages failed with it in the range and their share of all failures.
 */
public record FailureReason(String code, String title, String reason, long count, Rate share) {
}
