package io.switchboard.ui.stats;

import java.util.UUID;

/** An entry of the tenant picker; {@code id} null is "All tenants". */
public record TenantChoice(UUID id, String name) {
    public static final TenantChoice ALL = new TenantChoice(null, "All tenants");

    @Override
    public String toString() {
        return name;
    }
}
