package io.switchboard.campaign;

import io.switchboard.common.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what a person types for a campaign (command line or wizard): filter conditions and a start time. */
public final class CampaignInput {
    private CampaignInput() {
    }

    /**
     * KEY=VALUE conditions: country, created_from, created_to (ISO dates or instants), inbound_within_days, or a
     * metadata key (metadata.KEY also works, for a key named like one of the others).
     */
    public static Audience.Filter filter(List<String> specs) {
        Map<String, String> metadata = new LinkedHashMap<>();
        String country = null;
        Instant from = null;
        Instant to = null;
        Integer days = null;
        for (String raw : specs) {
            String spec = raw.strip();
            if (spec.isEmpty()) {
                continue;
            }
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new ValidationException("filter", "must be KEY=VALUE, not \"" + spec + "\"");
            }
            String key = spec.substring(0, eq).strip();
            String value = spec.substring(eq + 1).strip();
            switch (key) {
                case "country" -> country = value;
                case "created_from" -> from = date("created_from", value);
                case "created_to" -> to = date("created_to", value);
                case "inbound_within_days" -> {
                    try {
                        days = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new ValidationException("inbound_within_days", "must be a whole number of days, not \"" + value + "\"");
                    }
                }
                default -> metadata.put(key.startsWith("metadata.") ? key.substring(9) : key, value);
            }
        }
        return new Audience.Filter(metadata, country, from, to, days);
    }

    private static Instant date(String field, String value) {
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneId.of("UTC")).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                throw new ValidationException(field, "must be a date (2026-03-01) or an instant (2026-03-01T09:00:00Z), not \"" + value + "\"");
            }
        }
    }

    /** A start time: with an offset (2026-12-24T09:00:00+01:00, …Z) as given; without one, in the tenant's time zone. */
    public static Instant when(String text, ZoneId zone) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ValidationException("at", "must be an ISO time such as 2026-12-24T09:00 (tenant's time zone, " + zone
                        + ") or 2026-12-24T09:00:00Z, not \"" + text + "\"");
            }
        }
    }
}
