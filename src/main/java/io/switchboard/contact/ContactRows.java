package io.switchboard.contact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Row-level contact statements shared by the inbound pipeline and the outbox (plain JDBC, caller's transaction). */
public final class ContactRows {
    private ContactRows() {
    }

    /**
     * The contact with this E.164 phone in the tenant, created if missing. A known name is never
     * overwritten by a WhatsApp profile name; an empty one is filled.
     */
    public static UUID upsert(Connection c, UUID tenantId, String e164, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO contacts (tenant_id, phone, name, created_at, updated_at)
                VALUES (?, ?, ?, NOW(), NOW())
                ON CONFLICT (tenant_id, phone) DO UPDATE
                   SET name = COALESCE(contacts.name, EXCLUDED.name),
                       updated_at = CASE WHEN contacts.name IS NULL AND EXCLUDED.name IS NOT NULL THEN NOW() ELSE contacts.updated_at END
                RETURNING id""")) {
            ps.setObject(1, tenantId);
            ps.setString(2, e164);
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }
}
