package io.switchboard.tenant;

import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Which channel numbers a tenant is connected through, for the status bar. Never reads a secret column. */
public final class TenantChannels {
    /** One connected number: the channel, the number people see (or its phone_number_id), and whether it is active. */
    public record Line(String channel, String number, boolean active) {
    }

    private final Database database;

    public TenantChannels(Database database) {
        this.database = database;
    }

    public List<Line> lines(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT COALESCE(display_phone, phone_number_id), status FROM whatsapp_accounts
                    WHERE tenant_id = ? ORDER BY created_at, id""")) {
                ps.setObject(1, tenantId);
                List<Line> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Line("whatsapp", rs.getString(1), "active".equals(rs.getString(2))));
                    }
                }
                return out;
            }
        });
    }
}
