package io.switchboard.template;

import java.time.Instant;

/**
 * One template webhook change (field message_template_status_update, message_template_quality_update or
 * template_category_update) as read from the payload. {@code occurredAt} is the entry's {@code time}: the
 * order in which changes are applied, whatever order they arrive in.
 *
 * @param metaStatus   for STATUS: Meta's status after the event (null for events that change none, e.g. LOCKED)
 * @param reason       for STATUS: Meta's reason (rejection, pause or disable explanation), null for NONE
 * @param value        for QUALITY: the new score; for CATEGORY: the new category (null for an announced, not yet done, change)
 */
public record TemplateEvent(Kind kind, String wabaId, String metaTemplateId, String name, String language, Instant occurredAt,
                            String event, String metaStatus, String reason, String value) {

    public enum Kind { STATUS, QUALITY, CATEGORY }

    public String label() {
        return name + " (" + language + ")";
    }
}
