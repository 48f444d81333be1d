package io.switchboard.live;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Notifications;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears every {@code NOTIFY switchboard_changes} on a connection of its own (never one from the
 * pool: LISTEN belongs to a session). A lost connection is reported, retried with back-off, and
 * reported again when it is back; whoever listens then reloads everything, because
 * notifications sent while nobody listened are gone.
 */
public final class ChangeListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);
    private static final int WAIT_MS = 250;
    private static final long PING_EVERY_MS = 3_000;

    /** Called on the listener's thread; implementations hand over to their own thread. */
    public interface Events {
        void changed(List<Change> changes);

        /** {@code connected} false: the detail says why; true after a loss: reload everything. */
        void connection(boolean connected, boolean afterLoss, String detail);
    }

    private final ConnectionTarget target;
    private final Events events;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public ChangeListener(ConnectionTarget target, Events events) {
        this.target = target;
        this.events = events;
        this.thread = new Thread(this::run, "switchboard-change-listener");
        this.thread.setDaemon(true);
    }

    public ChangeListener start() {
        thread.start();
        return this;
    }

    private void run() {
        boolean lost = false;
        long backoff = 250;
        while (running) {
            try (Connection c = open()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + Notifications.CHANNEL);
                }
                events.connection(true, lost, target.describe());
                lost = false;
                backoff = 250;
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!lost) {
                    log.warn("lost the change-notification connection: {}", e.getMessage());
                }
                lost = true;
                events.connection(false, false, "Database connection lost (" + e.getMessage() + "); reconnecting…");
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastPing = System.currentTimeMillis();
        while (running) {
            PGNotification[] notes = pg.getNotifications(WAIT_MS);
            if (notes != null && notes.length > 0) {
                Set<Change> batch = new LinkedHashSet<>();
                for (PGNotification n : notes) {
                    if (Notifications.CHANNEL.equals(n.getName())) {
                        Change.parse(n.getParameter()).ifPresent(batch::add);
                    }
                }
                if (!batch.isEmpty()) {
                    events.changed(List.copyOf(batch));
                }
            }
            // A server that vanished without closing the socket is only noticed by talking to it.
            if (System.currentTimeMillis() - lastPing > PING_EVERY_MS) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastPing = System.currentTimeMillis();
            }
        }
    }

    private Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", target.user());
        p.setProperty("password", target.password() == null ? "" : target.password());
        p.setProperty("ApplicationName", "switchboard-listener");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "15");
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(target.jdbcUrl(), p);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
