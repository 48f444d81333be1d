package io.switchboard.stats;

/** Messages by local hour of day (0–23) over the whole range. */
public record HourVolume(int hour, long inbound, long outbound) {
}
