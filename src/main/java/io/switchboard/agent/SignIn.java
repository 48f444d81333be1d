package io.switchboard.agent;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.DatabaseErrors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;

/**
 * Team mode's sign-in: one plain connection with the agent's own credentials, then team_sign_in()
 * (V15_1), which refuses a disabled agent or one without a tenant and records the sign-in in the audit
 * log. Every refusal becomes one sentence that says what to do.
 */
public final class SignIn {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private SignIn() {
    }

    /**
     * Signs {@code target.user()} in. {@code knownValidUntil} is the password's end of validity remembered
     * from the last sign-in, if any: PostgreSQL answers an expired password exactly like a wrong one
     * (on purpose, so nobody learns which logins exist), and only what we remember tells the two apart.
     */
    public static SignedIn check(ConnectionTarget target, LocalDateTime knownValidUntil, LocalDateTime now) {
        Properties p = new Properties();
        p.setProperty("user", target.user());
        p.setProperty("password", target.password() == null ? "" : target.password());
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "switchboard-sign-in");
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), p); Statement s = c.createStatement()) {
            UUID agent;
            try (ResultSet rs = s.executeQuery("SELECT team_sign_in()")) {
                rs.next();
                agent = rs.getObject(1, UUID.class);
            } catch (SQLException e) {
                throw refusedInside(e, target);
            }
            try (ResultSet rs = s.executeQuery("SELECT rolvaliduntil AT TIME ZONE 'UTC' FROM pg_roles WHERE rolname = session_user")) {
                Timestamp until = rs.next() ? rs.getTimestamp(1) : null;
                return new SignedIn(agent, target.user(), until == null || until.toLocalDateTime().getYear() > 9000 ? null : until.toLocalDateTime());
            }
        } catch (SQLException e) {
            throw refusedAtTheDoor(e, target, knownValidUntil, now);
        }
    }

    private static SignInException refusedAtTheDoor(SQLException e, ConnectionTarget target, LocalDateTime knownValidUntil, LocalDateTime now) {
        String login = target.user();
        String state = DatabaseErrors.sqlState(e);
        String text = String.valueOf(e.getMessage());
        if ("28P01".equals(state) || text.contains("password authentication failed")) {
            if (knownValidUntil != null && !knownValidUntil.isAfter(now)) {
                return new SignInException("The password of " + login + " expired on " + DAY.format(knownValidUntil)
                        + "; ask an admin for a new one (agent password --login " + login + ").", e, true);
            }
            return new SignInException("Wrong login or password for " + login + " (or the password has expired); check both, or ask an admin"
                    + " for a new password (agent password --login " + login + ").", e, true);
        }
        if ("28000".equals(state) && text.contains("not permitted to log in")) {
            return new SignInException("The agent " + login + " is disabled; an admin can enable it again (agent enable --login " + login + ").", e, true);
        }
        if ("28000".equals(state) && text.contains("does not exist")) {
            return new SignInException("There is no login " + login + " on " + target.hosts() + "; check the login, or ask an admin to add you (agent add).", e, true);
        }
        if ("28000".equals(state)) {
            return new SignInException("The server at " + target.hosts() + " does not let " + login + " in from this computer (pg_hba.conf);"
                    + " ask the database's administrator.", e);
        }
        return new SignInException(DatabaseErrors.explain(e, target, "the sign-in dialog").getMessage(), e);
    }

    private static SignInException refusedInside(SQLException e, ConnectionTarget target) {
        if ("42883".equals(e.getSQLState())) {
            return new SignInException("The database at " + target.describe() + " has no team sign-in yet; the owner runs `switchboard migrate` first.", e);
        }
        return new SignInException(DatabaseErrors.serverMessage(e), e);
    }
}
