package io.switchboard.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** TIMESTAMP columns hold UTC wall-clock time; these convert at the edges. */
public final class Clock {
    private Clock() {
    }

    public static LocalDateTime nowUtc() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    public static LocalDateTime toUtc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant toInstant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
