package io.switchboard.contact;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A contact as callers see it. Metadata is shown and edited as text key/value pairs. */
public record ContactView(UUID id, String name, String phone, String externalRef, Map<String, String> metadata,
                          Instant createdAt, Instant updatedAt, Instant lastInboundAt) {
    public String title() {
        return name == null || name.isBlank() ? phone : name;
    }
}
