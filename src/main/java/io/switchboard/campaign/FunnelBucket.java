package io.switchboard.campaign;

import io.switchboard.common.ValidationException;
import java.util.Locale;

/**
 * The funnel's numbers, each a condition over a recipient {@code r} and its message {@code m} (left joined). The
 * funnel counts and the drill-down lists use the same conditions, so a number and the contacts behind it always
 * agree. Definitions:
 * sent = accepted by Meta (sent, delivered, read, or failed after acceptance); delivered includes read;
 * failed leaves out 131049, which Meta uses to hold back marketing messages ("limited by Meta");
 * replied = an inbound message from the recipient within 72 hours after delivery.
 */
public enum FunnelBucket {
    AUDIENCE("audience", "TRUE"),
    RECIPIENTS("recipients", "r.state <> 'excluded'"),
    EXCLUDED("excluded", "r.state = 'excluded'"),
    OPTED_OUT("opted out", "r.state = 'excluded' AND r.reason = 'opted_out'"),
    INVALID("invalid", "r.state = 'excluded' AND r.reason <> 'opted_out'"),
    WAITING("waiting", "r.state = 'pending'"),
    CANCELLED("cancelled", "r.state = 'cancelled'"),
    QUEUED("queued", "m.status = 'queued'"),
    SENT("sent", "(m.status IN ('sent', 'delivered', 'read') OR (m.status = 'failed' AND m.sent_at IS NOT NULL))"),
    DELIVERED("delivered", "m.status IN ('delivered', 'read')"),
    READ("read", "m.status = 'read'"),
    REPLIED("replied", "m.status IN ('delivered', 'read') AND m.campaign_replied"),
    FAILED("failed", "m.status = 'failed' AND m.error_code IS DISTINCT FROM '131049'"),
    LIMITED("limited by Meta", "m.status = 'failed' AND m.error_code = '131049'"),
    UNREAD("unread", "m.status = 'delivered'"),
    NOT_REPLIED("not replied", "m.status IN ('delivered', 'read') AND NOT m.campaign_replied");

    /**
     * What "replied" means, and what the triggers keep in {@code messages.campaign_replied} (V22, ADR campaigns-03),
     * which the conditions above read so a drill-down does not run this per recipient:
     * an inbound message from the recipient in the 72 hours after delivery (read stands in when delivered came without
     * a time). Meta's timestamps are whole seconds, so a reply in the delivery's own second counts (>=).
     */
    static final String REPLY = """
            EXISTS (SELECT 1 FROM messages i WHERE i.contact_id = m.contact_id AND i.direction = 'inbound'
                    AND i.created_at >= COALESCE(m.delivered_at, m.read_at)
                    AND i.created_at <= COALESCE(m.delivered_at, m.read_at) + INTERVAL '72 hours')""";

    private final String label;
    private final String predicate;

    FunnelBucket(String label, String predicate) {
        this.label = label;
        this.predicate = predicate;
    }

    public String label() {
        return label;
    }

    /** The condition; for FAILED, {@code errorCode} narrows it to one code (bound as the SQL text, it is checked to be a code). */
    String predicate(String errorCode) {
        if (errorCode == null) {
            return predicate;
        }
        if (this != FAILED || !errorCode.matches("[A-Za-z0-9_]{1,50}")) {
            throw new ValidationException("code", "only the failed bucket narrows by an error code such as 131026");
        }
        return predicate + " AND m.error_code = '" + errorCode + "'";
    }

    /** The CLI's and CSV's name: failed, not_replied, … */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FunnelBucket fromKey(String key) {
        for (FunnelBucket b : values()) {
            if (b.key().equals(key == null ? "" : key.strip().toLowerCase(Locale.ROOT).replace('-', '_'))) {
                return b;
            }
        }
        throw new ValidationException("bucket", "must be one of audience, recipients, excluded, opted_out, invalid, waiting, cancelled, queued, sent,"
                + " delivered, read, replied, failed, limited, unread, not_replied; not \"" + key + "\"");
    }
}
