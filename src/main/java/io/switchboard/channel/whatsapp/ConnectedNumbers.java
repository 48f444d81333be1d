package io.switchboard.channel.whatsapp;

import io.switchboard.common.Clock;
import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's connected numbers as a team agent may see them: every column but the secrets. In team mode the
 * secret columns are not even readable (column privileges), not even their last four characters, so each
 * secret is shown as {@link #HIDDEN}; the columns are NOT NULL, so a connected number always has all three.
 * Needs no secrets key: this is the read an agent's desktop makes, whatever their role.
 */
public final class ConnectedNumbers {
    /** What stands for a secret this session may not read. */
    public static final String HIDDEN = "set (hidden)";

    private final Database database;

    public ConnectedNumbers(Database database) {
        this.database = database;
    }

    /** The tenant's numbers (those row-level security lets this session see), oldest first. */
    public List<WhatsAppAccountView> list(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, tenant_id, phone_number_id, display_phone, waba_id, api_base_url, send_rate_per_second, status,
                           created_at, updated_at
                    FROM whatsapp_accounts WHERE tenant_id = ? ORDER BY created_at, id""")) {
                ps.setObject(1, tenantId);
                List<WhatsAppAccountView> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WhatsAppAccountView(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                                rs.getString("phone_number_id"), rs.getString("display_phone"), rs.getString("waba_id"),
                                rs.getString("api_base_url"), rs.getInt("send_rate_per_second"), rs.getString("status"),
                                HIDDEN, HIDDEN, HIDDEN,
                                Clock.toInstant(rs.getObject("created_at", LocalDateTime.class)),
                                Clock.toInstant(rs.getObject("updated_at", LocalDateTime.class))));
                    }
                }
                return out;
            }
        });
    }
}
