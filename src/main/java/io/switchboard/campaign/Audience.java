package io.switchboard.campaign;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.switchboard.common.ValidationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Who a campaign goes to, as a condition over the tenant's contacts {@code c}. Materialization turns it into
 * recipient rows once; the condition is kept (as JSON) only to show it and to duplicate the campaign.
 */
public sealed interface Audience {

    /** The SQL condition over contacts {@code c}; its binds go to {@code binds}. */
    String sql(List<Object> binds);

    /** A short description for the list and the CLI. */
    String describe();

    Map<String, Object> toJson();

    /** Every contact of the tenant. */
    record All() implements Audience {
        public String sql(List<Object> binds) {
            return "TRUE";
        }

        public String describe() {
            return "all contacts";
        }

        public Map<String, Object> toJson() {
            return Map.of("kind", "all");
        }
    }

    /**
     * Contacts matching every given condition: metadata key = value, phone country (ISO code, e.g. BR, matched by
     * its calling code, so +1 countries share it), created in [createdFrom, createdTo), an inbound message within the
     * last {@code inboundWithinDays} days. Null means "any".
     */
    record Filter(Map<String, String> metadata, String country, Instant createdFrom, Instant createdTo, Integer inboundWithinDays) implements Audience {
        public Filter {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            if (country != null) {
                country = country.strip().toUpperCase(Locale.ROOT);
                if (PhoneNumberUtil.getInstance().getCountryCodeForRegion(country) == 0) {
                    throw new ValidationException("country", "must be a two-letter country code such as BR or US, not \"" + country + "\"");
                }
            }
            if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
                throw new ValidationException("created_to", "must be after created_from");
            }
            if (inboundWithinDays != null && (inboundWithinDays < 1 || inboundWithinDays > 3650)) {
                throw new ValidationException("inbound_within_days", "must be a whole number of days from 1 to 3650");
            }
            if (metadata.isEmpty() && country == null && createdFrom == null && createdTo == null && inboundWithinDays == null) {
                throw new ValidationException("filter", "needs at least one condition (metadata key=value, country, created between, last inbound within N days)");
            }
        }

        public String sql(List<Object> binds) {
            StringBuilder s = new StringBuilder("TRUE");
            metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                s.append(" AND jsonb_typeof(c.metadata) = 'object' AND c.metadata ->> ? = ?");
                binds.add(e.getKey());
                binds.add(e.getValue());
            });
            if (country != null) {
                s.append(" AND c.phone LIKE ?");
                binds.add("+" + PhoneNumberUtil.getInstance().getCountryCodeForRegion(country) + "%");
            }
            if (createdFrom != null) {
                s.append(" AND c.created_at >= ?");
                binds.add(java.sql.Timestamp.valueOf(io.switchboard.common.Clock.toUtc(createdFrom)));
            }
            if (createdTo != null) {
                s.append(" AND c.created_at < ?");
                binds.add(java.sql.Timestamp.valueOf(io.switchboard.common.Clock.toUtc(createdTo)));
            }
            if (inboundWithinDays != null) {
                s.append(" AND c.last_inbound_at >= NOW() - (? * INTERVAL '1 day')");
                binds.add(inboundWithinDays);
            }
            return s.toString();
        }

        public String describe() {
            List<String> parts = new java.util.ArrayList<>();
            metadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> parts.add(e.getKey() + "=" + e.getValue()));
            if (country != null) {
                parts.add("country " + country);
            }
            if (createdFrom != null) {
                parts.add("created from " + createdFrom);
            }
            if (createdTo != null) {
                parts.add("created before " + createdTo);
            }
            if (inboundWithinDays != null) {
                parts.add("wrote within " + inboundWithinDays + " days");
            }
            return "contacts with " + String.join(", ", parts);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "filter");
            m.put("metadata", metadata);
            m.put("country", country);
            m.put("created_from", createdFrom == null ? null : createdFrom.toString());
            m.put("created_to", createdTo == null ? null : createdTo.toString());
            m.put("inbound_within_days", inboundWithinDays);
            return m;
        }
    }

    /** The contacts with these phone numbers (E.164), e.g. the good lines of an imported CSV. */
    record Phones(List<String> phones) implements Audience {
        public Phones {
            phones = List.copyOf(phones);
        }

        public String sql(List<Object> binds) {
            binds.add(phones.toArray(String[]::new));
            return "c.phone = ANY(?)";
        }

        public String describe() {
            return phones.size() + " phone number" + (phones.size() == 1 ? "" : "s") + " from a list";
        }

        public Map<String, Object> toJson() {
            return Map.of("kind", "phones", "count", phones.size());
        }
    }

    /** Contacts picked by hand (the Contacts view's selection). */
    record Contacts(List<UUID> ids) implements Audience {
        public Contacts {
            ids = List.copyOf(ids);
        }

        public String sql(List<Object> binds) {
            binds.add(ids.toArray(UUID[]::new));
            return "c.id = ANY(?)";
        }

        public String describe() {
            return ids.size() + " selected contact" + (ids.size() == 1 ? "" : "s");
        }

        public Map<String, Object> toJson() {
            return Map.of("kind", "contacts", "count", ids.size());
        }
    }

    /** The recipients of an earlier campaign in one funnel bucket (failed, unread, not replied): a retarget. */
    record Retarget(UUID campaignId, FunnelBucket bucket) implements Audience {
        public String sql(List<Object> binds) {
            binds.add(campaignId);
            return "c.id IN (SELECT r.contact_id FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id WHERE r.campaign_id = ? AND "
                    + bucket.predicate(null) + ")";
        }

        public String describe() {
            return bucket.label() + " recipients of campaign " + campaignId;
        }

        public Map<String, Object> toJson() {
            return Map.of("kind", "retarget", "campaign", campaignId.toString(), "bucket", bucket.name().toLowerCase(Locale.ROOT));
        }
    }
}
