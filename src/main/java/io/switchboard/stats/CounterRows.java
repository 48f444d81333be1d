package io.switchboard.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the counters of a scope and range in one statement (one snapshot): counters plus the deltas not
 * folded yet, so the answer is exact whether or not the folder ran. GROUPING SETS return each figure's
 * grouping at once — by error code, day, hour, number, template, campaign, agent, duration bucket (V28) — so the
 * result is small whatever the table size.
 */
final class CounterRows {
    /** Which grouping a row belongs to. */
    enum Grouping { ERROR, DAY, HOUR, NUMBER, TEMPLATE, CAMPAIGN, AGENT, MINUTES, NUMBER_DAY, TEMPLATE_DAY }

    record Row(Grouping grouping, String kind, String errorCode, LocalDate day, int hour, String number, String templateName,
               String templateLanguage, UUID campaignId, UUID agentId, int minutes, long n) {
    }

    private static final String COLUMNS = "kind, error_code, day, hour, phone_number_id, template_name, template_language, campaign_id, agent_id, minutes, n";

    private CounterRows() {
    }

    static List<Row> read(Connection c, UUID tenantId, StatsRange range) throws SQLException {
        String where = (tenantId == null ? "" : "tenant_id = ? AND ") + "day BETWEEN ? AND ?";
        String sql = "SELECT kind, error_code, day, hour, phone_number_id, template_name, template_language, campaign_id, agent_id, minutes,"
                + " GROUPING(error_code) = 0 AS g_error, GROUPING(day) = 0 AS g_day, GROUPING(hour) = 0 AS g_hour,"
                + " GROUPING(phone_number_id) = 0 AS g_number, GROUPING(template_name) = 0 AS g_template,"
                + " GROUPING(campaign_id) = 0 AS g_campaign, GROUPING(agent_id) = 0 AS g_agent, GROUPING(minutes) = 0 AS g_minutes,"
                + " SUM(n) AS n"
                + " FROM (SELECT " + COLUMNS + " FROM stats_counters WHERE " + where
                + "       UNION ALL SELECT " + COLUMNS + " FROM stats_deltas WHERE " + where + ") x"
                + " GROUP BY GROUPING SETS ((kind, error_code), (kind, day), (kind, hour), (kind, phone_number_id),"
                + " (kind, template_name, template_language), (kind, campaign_id), (kind, agent_id), (kind, minutes),"
                + " (kind, phone_number_id, day), (kind, template_name, template_language, day))"
                + " HAVING SUM(n) <> 0";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (int part = 0; part < 2; part++) {
                if (tenantId != null) {
                    ps.setObject(i++, tenantId);
                }
                ps.setObject(i++, range.from());
                ps.setObject(i++, range.to());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(grouping(rs), rs.getString("kind"), rs.getString("error_code"), rs.getObject("day", LocalDate.class),
                            rs.getInt("hour"), rs.getString("phone_number_id"), rs.getString("template_name"), rs.getString("template_language"),
                            rs.getObject("campaign_id", UUID.class), rs.getObject("agent_id", UUID.class), rs.getInt("minutes"), rs.getLong("n")));
                }
            }
        }
        return rows;
    }

    private static Grouping grouping(ResultSet rs) throws SQLException {
        boolean day = rs.getBoolean("g_day");
        if (rs.getBoolean("g_number")) {
            return day ? Grouping.NUMBER_DAY : Grouping.NUMBER;
        }
        if (rs.getBoolean("g_template")) {
            return day ? Grouping.TEMPLATE_DAY : Grouping.TEMPLATE;
        }
        if (day) {
            return Grouping.DAY;
        }
        if (rs.getBoolean("g_error")) {
            return Grouping.ERROR;
        }
        if (rs.getBoolean("g_hour")) {
            return Grouping.HOUR;
        }
        if (rs.getBoolean("g_campaign")) {
            return Grouping.CAMPAIGN;
        }
        if (rs.getBoolean("g_agent")) {
            return Grouping.AGENT;
        }
        return Grouping.MINUTES;
    }
}
