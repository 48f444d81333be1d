package io.switchboard.campaign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Binds the values collected while building a statement from audience and variable parts. */
final class Binds {
    private Binds() {
    }

    static void bind(Connection c, PreparedStatement ps, int first, List<Object> values) throws SQLException {
        int i = first;
        for (Object v : values) {
            if (v instanceof String[] texts) {
                ps.setArray(i++, c.createArrayOf("text", texts));
            } else if (v instanceof UUID[] ids) {
                ps.setArray(i++, c.createArrayOf("uuid", ids));
            } else {
                ps.setObject(i++, v);
            }
        }
    }
}
