package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.ValidationException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a tenant answers: per weekday a list of opening ranges ("09:00"–"18:00"; "24:00" ends at midnight), in a
 * time zone, closed on holidays. A tenant with no hours set counts as always open (nothing is "outside").
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, List<Range>> weekly, Set<LocalDate> holidays) {
    public record Range(LocalTime from, LocalTime to, boolean untilMidnight) {
        boolean contains(LocalTime t) {
            return !t.isBefore(from) && (untilMidnight || t.isBefore(to));
        }

        @Override
        public String toString() {
            return from + "-" + (untilMidnight ? "24:00" : to.toString());
        }
    }

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public static BusinessHours alwaysOpen(ZoneId zone) {
        Map<DayOfWeek, List<Range>> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            all.put(d, List.of(new Range(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true)));
        }
        return new BusinessHours(zone, all, Set.of());
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        return weekly.getOrDefault(local.getDayOfWeek(), List.of()).stream().anyMatch(r -> r.contains(local.toLocalTime()));
    }

    /**
     * Reads {"time_zone": "Europe/Lisbon", "days": {"mon": [["09:00", "18:00"]], ...}, "holidays": ["2026-12-25"]};
     * without time_zone the tenant's zone is used.
     */
    public static BusinessHours fromJson(JsonNode n, ZoneId tenantZone) {
        if (!(n instanceof ObjectNode o)) {
            throw new ValidationException("business_hours", "must be an object with days, and optionally time_zone and holidays");
        }
        AutomationRules.keys("business_hours", o, Set.of("time_zone", "days", "holidays"));
        ZoneId zone = tenantZone;
        if (o.hasNonNull("time_zone")) {
            try {
                zone = ZoneId.of(o.get("time_zone").asText());
            } catch (DateTimeException e) {
                throw new ValidationException("business_hours.time_zone", "\"" + o.get("time_zone").asText() + "\" is not a time zone (e.g. Europe/Lisbon)");
            }
        }
        JsonNode days = o.get("days");
        if (!(days instanceof ObjectNode d)) {
            throw new ValidationException("business_hours.days", "is required: {\"mon\": [[\"09:00\", \"18:00\"]], ...}");
        }
        AutomationRules.keys("business_hours.days", d, Set.copyOf(DAYS));
        Map<DayOfWeek, List<Range>> weekly = new EnumMap<>(DayOfWeek.class);
        for (int i = 0; i < DAYS.size(); i++) {
            String f = "business_hours.days." + DAYS.get(i);
            JsonNode ranges = d.get(DAYS.get(i));
            List<Range> list = new ArrayList<>();
            if (ranges != null && !ranges.isNull()) {
                if (!ranges.isArray()) {
                    throw new ValidationException(f, "must be a list of [\"HH:MM\", \"HH:MM\"] ranges");
                }
                for (JsonNode r : ranges) {
                    if (!r.isArray() || r.size() != 2) {
                        throw new ValidationException(f, "each range must be [\"HH:MM\", \"HH:MM\"]");
                    }
                    LocalTime from = time(f, r.get(0).asText(), false);
                    boolean midnight = "24:00".equals(r.get(1).asText());
                    LocalTime to = midnight ? LocalTime.MIDNIGHT : time(f, r.get(1).asText(), false);
                    if (!midnight && !to.isAfter(from)) {
                        throw new ValidationException(f, "a range must end after it starts (" + r.get(0).asText() + "-" + r.get(1).asText() + ")");
                    }
                    list.add(new Range(from, to, midnight));
                }
            }
            weekly.put(DayOfWeek.of(i + 1), List.copyOf(list));
        }
        Set<LocalDate> holidays = new TreeSet<>();
        if (o.has("holidays")) {
            for (String h : AutomationRules.strings("business_hours.holidays", o.get("holidays"))) {
                try {
                    holidays.add(LocalDate.parse(h));
                } catch (DateTimeParseException e) {
                    throw new ValidationException("business_hours.holidays", "\"" + h + "\" is not a date (YYYY-MM-DD)");
                }
            }
        }
        return new BusinessHours(zone, weekly, holidays);
    }

    private static LocalTime time(String field, String text, boolean allowMidnight) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "\"" + text + "\" is not a time (HH:MM)");
        }
    }

    /** The stored weekly JSON: {"mon": [["09:00","18:00"]], ...}. */
    public ObjectNode weeklyJson() {
        ObjectNode days = AutomationDraft.JSON.createObjectNode();
        for (int i = 0; i < DAYS.size(); i++) {
            ArrayNode a = days.putArray(DAYS.get(i));
            for (Range r : weekly.getOrDefault(DayOfWeek.of(i + 1), List.of())) {
                a.addArray().add(r.from().toString()).add(r.untilMidnight() ? "24:00" : r.to().toString());
            }
        }
        return days;
    }

    public String describe() {
        StringBuilder s = new StringBuilder(zone.getId());
        for (int i = 0; i < DAYS.size(); i++) {
            List<Range> r = weekly.getOrDefault(DayOfWeek.of(i + 1), List.of());
            s.append(", ").append(DAYS.get(i).toUpperCase(Locale.ROOT).charAt(0)).append(DAYS.get(i).substring(1)).append(' ')
                    .append(r.isEmpty() ? "closed" : String.join(" ", r.stream().map(Range::toString).toList()));
        }
        if (!holidays.isEmpty()) {
            s.append(", holidays ").append(holidays);
        }
        return s.toString();
    }
}
