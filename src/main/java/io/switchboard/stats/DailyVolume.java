package io.switchboard.stats;

import java.time.LocalDate;

/** One row of the guide's "message volume by date for a tenant". */
public record DailyVolume(LocalDate date, long messageCount) {
}
