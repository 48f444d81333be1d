package io.switchboard.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * After every migrate, even one with nothing pending: the team's row-level security policies and the
 * agents' privileges are made to cover every tenant-scoped table as the schema is now, including the
 * tables later migrations add (V15__team_access.sql, team_access_apply). A database not yet at V15
 * (a restore rebuilding an older schema) is left alone, and so is one the session does not own.
 */
public final class TeamAccess {
    private TeamAccess() {
    }

    /**
     * Whether {@code c}'s session is limited by the team's row-level security (an agent), rather than the
     * owner of the tables. False on a schema without team access (before V15).
     */
    public static boolean isLimited(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regproc('team_is_owner') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT NOT team_is_owner()")) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void apply(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean present;
            try (ResultSet rs = s.executeQuery("SELECT to_regproc('team_access_apply') IS NOT NULL")) {
                rs.next();
                present = rs.getBoolean(1);
            }
            if (present) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(true);
                try {
                    s.execute("SELECT team_access_apply()");
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
