package io.switchboard.tenant;

import java.time.Instant;
import java.util.UUID;

/** A tenant as callers see it: plain data, no lazy loading. */
public record TenantView(UUID id, String name, TenantStatus status, Instant createdAt) {
    static TenantView of(Tenant t) {
        return new TenantView(t.getId(), t.getName(), t.getStatus(), io.switchboard.common.Clock.toInstant(t.getCreatedAt()));
    }
}
