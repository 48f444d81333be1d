package io.switchboard.channel.whatsapp;

import io.switchboard.db.ConnectionTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's own way to the database, built to fail fast: plain connections (no pool that waits
 * ten seconds for one, or backs off for five before reconnecting), a one-second connect timeout, and a
 * circuit breaker. When a write fails for want of the database, the breaker opens: every webhook is
 * answered 503 at once (Meta retries) instead of waiting, and a prober tries a fresh connection every
 * {@link #PROBE_EVERY} until one answers, then closes it — so intake resumes within a fraction of a
 * second of the database coming back.
 *
 * <p>Its sessions commit with {@code synchronous_commit = on} whatever the server's default, because a
 * 200 to Meta must mean the row is on disk.
 */
final class IntakeDatabase implements AutoCloseable {
    static final Duration PROBE_EVERY = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(IntakeDatabase.class);

    private final String url;
    private final Properties properties = new Properties();
    private final Object probing = new Object();
    private volatile boolean available = true;
    private volatile boolean closed;
    private Thread prober;

    IntakeDatabase(ConnectionTarget target) {
        this.url = target.jdbcUrl();
        properties.setProperty("user", target.user());
        properties.setProperty("password", Objects.toString(target.password(), ""));
        properties.setProperty("ApplicationName", "switchboard-intake");
        properties.setProperty("options", "-c TimeZone=UTC -c synchronous_commit=on -c statement_timeout=5000");
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("loginTimeout", "2");
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
    }

    /** False while the breaker is open: the last write failed for want of the database and no probe has got through since. */
    boolean available() {
        return available;
    }

    /** A new connection (autocommit on). Throws at once while the breaker is open. */
    Connection open() throws SQLException {
        if (!available) {
            throw new SQLException("the database is unavailable; waiting for it to come back", "08001");
        }
        return DriverManager.getConnection(url, properties);
    }

    /** Opens the breaker after a write failed for want of the database, and starts probing. */
    void unavailable(Throwable cause) {
        synchronized (probing) {
            if (closed || prober != null) {
                available = false;
                return;
            }
            available = false;
            log.warn("the database is unavailable ({}); webhooks are answered 503 until it is back", cause.toString());
            prober = new Thread(this::probe, "webhook-db-probe");
            prober.setDaemon(true);
            prober.start();
        }
    }

    private void probe() {
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, properties)) {
                if (c.isValid(1)) {
                    synchronized (probing) {
                        available = true;
                        prober = null;
                    }
                    log.info("the database is back; receiving webhooks again");
                    return;
                }
            } catch (SQLException e) {
                log.debug("database probe failed: {}", e.getMessage());
            }
            try {
                Thread.sleep(PROBE_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether {@code e} says the database could not be reached or the connection broke (rather than a refused statement). */
    static boolean isConnectionLoss(Throwable e) {
        while (e != null) {
            if (e instanceof java.sql.SQLTransientConnectionException || e instanceof java.sql.SQLNonTransientConnectionException
                    || e instanceof java.net.SocketException || e instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (e instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
                    return true;
                }
            }
            e = e.getCause();
        }
        return false;
    }

    @Override
    public void close() {
        synchronized (probing) {
            closed = true;
            if (prober != null) {
                prober.interrupt();
            }
        }
    }
}
