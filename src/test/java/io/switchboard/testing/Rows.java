package io.switchboard.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Runs SQL as someone at psql would, and hands back the rows as column label → value. */
public final class Rows {
    private Rows() {
    }

    public static List<Map<String, Object>> query(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(meta.getColumnLabel(i), value instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : value);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public static Object value(DataSource dataSource, String sql) {
        List<Map<String, Object>> rows = query(dataSource, sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError(sql + " returned " + rows + ", not one value");
        }
        return rows.get(0).values().iterator().next();
    }
}
