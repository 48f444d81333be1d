package io.switchboard.db;

import java.net.ConnectException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns the failures the setup guide's troubleshooting section lists into messages that name
 * the variable or command that fixes them.
 */
public final class DatabaseErrors {
    private DatabaseErrors() {
    }

    public static DatabaseUnavailableException explain(Throwable failure, ConnectionTarget target, String settingsSources) {
        String sqlState = sqlState(failure);
        String text = allMessages(failure);
        String where = target.hosts().toString();
        if (isRefused(failure)) {
            return new DatabaseUnavailableException("Connection refused by PostgreSQL at " + where
                    + ". Start the PostgreSQL server, or check DB_HOST and DB_PORT (read from " + settingsSources
                    + "). Unset DB_HOST to use the embedded database instead.", failure);
        }
        if ("28P01".equals(sqlState) || text.contains("password authentication failed")) {
            return new DatabaseUnavailableException("Password authentication failed for user \"" + target.user() + "\" at " + where
                    + ". Check DB_USERNAME and DB_PASSWORD (read from " + settingsSources
                    + "), or reset it: ALTER USER " + target.user() + " WITH PASSWORD '...';", failure);
        }
        if ("3D000".equals(sqlState)) {
            return new DatabaseUnavailableException("Database \"" + target.database() + "\" does not exist at " + where
                    + ". Create it (createdb -O " + target.user() + " " + target.database() + ") or set DB_NAME to an existing database.", failure);
        }
        if ("42501".equals(sqlState) || text.contains("permission denied for schema")) {
            String user = target.user();
            return new DatabaseUnavailableException("PostgreSQL refused user \"" + user + "\" in database \"" + target.database() + "\": "
                    + serverMessage(failure) + ". As a superuser, connected to that database (psql -U postgres -d " + target.database()
                    + "), run: GRANT ALL ON SCHEMA public TO " + user + "; GRANT ALL ON ALL TABLES IN SCHEMA public TO " + user
                    + "; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + user + "; (or set DB_USERNAME to the database owner).", failure);
        }
        if ("28000".equals(sqlState)) {
            return new DatabaseUnavailableException("PostgreSQL at " + where + " refused user \"" + target.user()
                    + "\" (no pg_hba.conf entry or role missing). Check DB_USERNAME and the server's pg_hba.conf.", failure);
        }
        if (text.contains("UnknownHost") || hasCause(failure, java.net.UnknownHostException.class)) {
            return new DatabaseUnavailableException("Unknown database host \"" + target.host() + "\". Check DB_HOST (read from " + settingsSources + ").", failure);
        }
        return new DatabaseUnavailableException("Cannot use the database at " + target.describe() + ": " + firstLine(failure)
                + ". Check the DB_* settings (read from " + settingsSources + ").", failure);
    }

    /** Nothing listens at host:port (yet): the one failure worth retrying. */
    static boolean isRefused(Throwable failure) {
        return hasCause(failure, ConnectException.class) || "08001".equals(sqlState(failure)) && allMessages(failure).contains("refused");
    }

    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /** PostgreSQL's own words for a failure: its message and, when it gives one, its detail ("Key (…)=(…) is duplicated."). */
    public static String serverMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                return server.getDetail() == null ? server.getMessage() : server.getMessage() + " (" + server.getDetail() + ")";
            }
        }
        return firstLine(failure);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String allMessages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static String firstLine(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int nl = message.indexOf('\n');
        return nl >= 0 ? message.substring(0, nl) : message;
    }
}
