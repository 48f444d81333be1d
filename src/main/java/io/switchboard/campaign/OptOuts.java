package io.switchboard.campaign;

import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/** A contact's campaign opt-out, as the contact panel shows and sets it (an inbound keyword sets it by trigger). */
public final class OptOuts {
    /** Whether the contact opted out, since when and who set it (keyword, agent, import, automation). */
    public record OptOut(boolean optedOut, Instant since, String source) {
    }

    private final Database database;

    public OptOuts(Database database) {
        this.database = database;
    }

    public OptOut of(UUID tenantId, UUID contactId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT opted_out_at, opt_out_source FROM contacts WHERE tenant_id = ? AND id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, contactId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("contact", "no contact " + contactId + " in this tenant");
                    }
                    LocalDateTime at = rs.getObject(1, LocalDateTime.class);
                    return new OptOut(at != null, at == null ? null : Clock.toInstant(at), rs.getString(2));
                }
            }
        });
    }

    /** An agent sets or clears the opt-out; setting it again keeps the first time and source. */
    public OptOut set(UUID tenantId, UUID contactId, boolean optedOut) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(optedOut
                    ? "UPDATE contacts SET opted_out_at = COALESCE(opted_out_at, NOW()), opt_out_source = COALESCE(opt_out_source, 'agent'), updated_at = NOW() "
                    + "WHERE tenant_id = ? AND id = ?"
                    : "UPDATE contacts SET opted_out_at = NULL, opt_out_source = NULL, updated_at = NOW() WHERE tenant_id = ? AND id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, contactId);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("contact", "no contact " + contactId + " in this tenant");
                }
            }
            Notifications.announce(c, tenantId, Notifications.Kind.CONTACTS);
            return null;
        });
        return of(tenantId, contactId);
    }
}
