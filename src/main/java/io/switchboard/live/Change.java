package io.switchboard.live;

import io.switchboard.db.Notifications;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** One announced change: which tenant (empty = every tenant) and what kind of rows. */
public record Change(Optional<UUID> tenantId, Notifications.Kind kind) {

    /** Parses a "tenantId:kind" payload; empty when it is not one of ours. */
    static Optional<Change> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        int colon = payload.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            String tenant = payload.substring(0, colon);
            Notifications.Kind kind = Notifications.Kind.valueOf(payload.substring(colon + 1).toUpperCase(Locale.ROOT));
            return Optional.of(new Change("*".equals(tenant) ? Optional.empty() : Optional.of(UUID.fromString(tenant)), kind));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean concerns(UUID tenant) {
        return tenantId.isEmpty() || tenantId.get().equals(tenant);
    }
}
