package io.switchboard.stats;

import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The supervisor's numbers, computed with the guide's own SQL so they can never disagree with
 * what someone types into psql.
 */
public final class StatsService {
    // The guide's "Get message delivery statistics by tenant", plus t.id to identify the row.
    static final String DELIVERY_BY_TENANT = """
            SELECT t.id as tenant_id,
              t.name as tenant,
              COUNT(*) as total_messages,
              SUM(CASE WHEN m.status = 'sent' THEN 1 ELSE 0 END) as sent,
              SUM(CASE WHEN m.status = 'delivered' THEN 1 ELSE 0 END) as delivered,
              SUM(CASE WHEN m.status = 'read' THEN 1 ELSE 0 END) as read,
              SUM(CASE WHEN m.status = 'failed' THEN 1 ELSE 0 END) as failed,
              ROUND(100.0 * SUM(CASE WHEN m.status IN ('delivered', 'read') THEN 1 ELSE 0 END) / COUNT(*), 2) as delivery_rate
            FROM messages m
            JOIN tenants t ON m.tenant_id = t.id
            GROUP BY t.id, t.name
            ORDER BY t.name, t.id""";

    // The guide's "Get message volume by date for a tenant".
    static final String VOLUME_BY_DATE = """
            SELECT DATE(created_at) as date, COUNT(*) as message_count
            FROM messages
            WHERE tenant_id = ?
            GROUP BY DATE(created_at)
            ORDER BY date DESC
            LIMIT 30""";

    private final Database database;

    public StatsService(Database database) {
        this.database = database;
    }

    public List<DeliveryStats> deliveryByTenant() {
        return database.inJdbcTransaction(c -> {
            List<DeliveryStats> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DELIVERY_BY_TENANT); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DeliveryStats(rs.getObject("tenant_id", UUID.class), rs.getString("tenant"), rs.getLong("total_messages"),
                            rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("read"), rs.getLong("failed"), rs.getBigDecimal("delivery_rate")));
                }
            }
            return rows;
        });
    }

    public List<DailyVolume> volumeByDate(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            List<DailyVolume> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(VOLUME_BY_DATE)) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new DailyVolume(rs.getObject("date", java.time.LocalDate.class), rs.getLong("message_count")));
                    }
                }
            }
            return rows;
        });
    }
}
