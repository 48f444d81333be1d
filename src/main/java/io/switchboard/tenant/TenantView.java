package io.switchboard.tenant;

import java.time.Instant;
import java.util.UUID;

/** A tenant as callers see it: plain data, no lazy loading. {@code defaultCountry} may be null. */
public record TenantView(UUID id, String name, TenantStatus status, Instant createdAt, String defaultCountry) {
    static TenantView of(Tenant t) {
        return new TenantView(t.getId(), t.getName(), t.getStatus(), io.switchboard.common.Clock.toInstant(t.getCreatedAt()), t.getDefaultCountry());
    }
}
