package io.switchboard.stats;

import io.switchboard.common.ValidationException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Whole local days, {@code from} to {@code to} inclusive, in the tenant's time zone (each tenant's own
 * zone when all tenants are shown). The presets count back from today in that zone.
 */
public record StatsRange(LocalDate from, LocalDate to) {
    /** The longest range a view or command may ask for: ten years of days. */
    public static final int MAX_DAYS = 3660;

    public StatsRange {
        if (from == null) {
            throw new ValidationException("from", "is required (a date like 2026-01-31)");
        }
        if (to == null) {
            throw new ValidationException("to", "is required (a date like 2026-01-31)");
        }
        if (to.isBefore(from)) {
            throw new ValidationException("to", "must not be before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new ValidationException("from", "the range may span at most " + MAX_DAYS + " days");
        }
    }

    /** The last {@code days} days up to and including today in {@code zone}. */
    public static StatsRange lastDays(int days, ZoneId zone, java.time.Clock clock) {
        if (days < 1) {
            throw new ValidationException("days", "must be at least 1");
        }
        LocalDate today = ZonedDateTime.now(clock).withZoneSameInstant(zone).toLocalDate();
        return new StatsRange(today.minusDays(days - 1L), today);
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    @Override
    public String toString() {
        return from + " to " + to;
    }
}
