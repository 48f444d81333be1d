package io.switchboard.agent;

import io.switchboard.db.DataAccessException;
import io.switchboard.db.Database;
import java.sql.Connection;
import java.sql.SQLException;

/** Whether a connection is a team agent's (limited by row-level security) rather than the owner's. */
public final class TeamSession {
    private TeamSession() {
    }

    /** True when the session's role owns nothing: it signed in as an agent (or another limited role). */
    public static boolean isAgent(Database database) {
        try (Connection c = database.dataSource().getConnection()) {
            return io.switchboard.db.TeamAccess.isLimited(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }
}
