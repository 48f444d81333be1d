package io.switchboard.contact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** A tenant's default country (tenants.default_country), read where phone numbers people typed are parsed. */
public final class TenantCountry {
    private TenantCountry() {
    }

    /** The ISO 3166-1 alpha-2 code, or null when the tenant has none (or does not exist). */
    public static String of(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT default_country FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
