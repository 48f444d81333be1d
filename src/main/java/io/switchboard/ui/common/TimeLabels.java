package io.switchboard.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** How times read in the inbox: "now", "12 min", "14:32", "Yesterday", "Mon", "3 Mar", "3 Mar 2024". */
public final class TimeLabels {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter FULL_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private TimeLabels() {
    }

    public static ZoneId zone() {
        return ZoneId.systemDefault();
    }

    /** For list rows: short, relative when recent. */
    public static String relative(Instant at, Instant now) {
        if (at == null) {
            return "";
        }
        Duration ago = Duration.between(at, now);
        if (ago.toMinutes() < 1) {
            return "now";
        }
        if (ago.toMinutes() < 60) {
            return ago.toMinutes() + " min";
        }
        ZonedDateTime then = at.atZone(zone());
        LocalDate today = now.atZone(zone()).toLocalDate();
        LocalDate day = then.toLocalDate();
        if (day.equals(today)) {
            return CLOCK.format(then);
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        if (day.isAfter(today.minusDays(7))) {
            return day.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        }
        return day.getYear() == today.getYear() ? DAY_MONTH.format(then) : FULL_DATE.format(then);
    }

    public static String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at.atZone(zone()));
    }

    public static LocalDate day(Instant at) {
        return at.atZone(zone()).toLocalDate();
    }

    /** For day separators: "Today", "Yesterday", "Monday, 2 March 2026". */
    public static String dayHeading(LocalDate day, Instant now) {
        LocalDate today = now.atZone(zone()).toLocalDate();
        if (day.equals(today)) {
            return "Today";
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return LONG_DAY.format(day);
    }

    public static String date(Instant at) {
        return at == null ? "—" : FULL_DATE.format(at.atZone(zone()));
    }

    public static String stamp(Instant at) {
        return at == null ? "—" : STAMP.format(at.atZone(zone()));
    }

    /** "21 h left", "45 min left". */
    public static String left(Duration d) {
        if (d.toHours() >= 1) {
            return d.toHours() + " h left";
        }
        return Math.max(1, d.toMinutes()) + " min left";
    }
}
