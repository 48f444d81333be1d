package io.switchboard.stats;

import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the triggers' deltas into the counters (stats_fold), so reads stay small. Correctness never
 * depends on it — a read sums counters and deltas — only speed does. Any number of processes may run
 * one: the database lets one fold at a time and the others skip their turn.
 */
public final class StatsFolder {
    private static final Logger log = LoggerFactory.getLogger(StatsFolder.class);
    private static final int BATCH = 20_000;

    private final Database database;
    private final Duration every;
    private volatile boolean running;
    private Thread thread;

    public StatsFolder(Database database, Duration every) {
        this.database = database;
        this.every = every;
    }

    /** Folds up to one batch now; returns how many deltas moved (0 when another process is folding). */
    public long foldOnce() {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT stats_fold(?)")) {
                ps.setInt(1, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Folds until no delta is left (or another process is folding). */
    public long foldAll() {
        long total = 0;
        long moved;
        do {
            moved = foldOnce();
            total += moved;
        } while (moved >= BATCH);
        return total;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "stats-folder");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private void loop() {
        while (running) {
            try {
                foldAll();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("stats folder: fold failed, trying again later: {}", e.toString());
                }
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
