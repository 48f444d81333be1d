package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** A tenant's business hours (the business_hours table): read by the "outside business hours" condition. */
public final class BusinessHoursService {
    private final Database database;

    public BusinessHoursService(Database database) {
        this.database = database;
    }

    public BusinessHours get(UUID tenantId) {
        return database.inJdbcTransaction(c -> load(c, tenantId));
    }

    /** Replaces the tenant's hours with {@code json} (see {@link BusinessHours#fromJson}). */
    public BusinessHours set(UUID tenantId, JsonNode json) {
        return database.inJdbcTransaction(c -> {
            ZoneId tenantZone = tenantZone(c, tenantId);
            BusinessHours hours = BusinessHours.fromJson(json, tenantZone);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO business_hours (tenant_id, time_zone, weekly, holidays, updated_at) VALUES (?, ?, ?::jsonb, ?, NOW())
                    ON CONFLICT (tenant_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, weekly = EXCLUDED.weekly,
                        holidays = EXCLUDED.holidays, updated_at = NOW()""")) {
                ps.setObject(1, tenantId);
                ps.setString(2, json.hasNonNull("time_zone") ? hours.zone().getId() : null);
                ps.setString(3, hours.weeklyJson().toString());
                ps.setArray(4, c.createArrayOf("date", hours.holidays().stream().map(java.sql.Date::valueOf).toArray()));
                ps.executeUpdate();
            }
            return hours;
        });
    }

    static BusinessHours load(Connection c, UUID tenantId) throws SQLException {
        ZoneId tenantZone = tenantZone(c, tenantId);
        try (PreparedStatement ps = c.prepareStatement("SELECT time_zone, weekly::text, holidays FROM business_hours WHERE tenant_id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return BusinessHours.alwaysOpen(tenantZone);
                }
                ObjectNode json = AutomationDraft.JSON.createObjectNode();
                if (rs.getString(1) != null) {
                    json.put("time_zone", rs.getString(1));
                }
                try {
                    json.set("days", AutomationDraft.JSON.readTree(rs.getString(2)));
                } catch (Exception e) {
                    throw new IllegalStateException("stored business hours are not JSON", e);
                }
                var holidays = json.putArray("holidays");
                for (Object d : (Object[]) rs.getArray(3).getArray()) {
                    holidays.add(d instanceof java.sql.Date sd ? sd.toLocalDate().toString() : LocalDate.parse(d.toString()).toString());
                }
                return BusinessHours.fromJson(json, tenantZone);
            }
        }
    }

    static ZoneId tenantZone(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT time_zone FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", "no tenant has id " + tenantId);
                }
                return ZoneId.of(rs.getString(1));
            }
        }
    }
}
