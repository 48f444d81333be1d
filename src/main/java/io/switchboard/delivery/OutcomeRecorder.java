package io.switchboard.delivery;

import io.switchboard.db.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of send outcomes. Each outcome is handed over the moment its answer arrives; one thread
 * writes whatever has arrived in one transaction, then at once takes what arrived while it was writing.
 * Under load that is a commit every few milliseconds holding many outcomes; when quiet, one commit per
 * answer. So a crash loses (and the lease later repeats) only requests whose answers were not yet
 * written — those in flight plus at most one commit's worth — never a whole batch.
 *
 * <p>A write that fails (database briefly unreachable) is kept and tried again; outcomes are never
 * dropped while the recorder runs. If they still cannot be written when it stops, the rows keep their
 * lease and are sent again when it runs out — the crash case.
 */
final class OutcomeRecorder {
    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final int MAX_PER_COMMIT = 1_000;

    private final Database database;
    private final LinkedBlockingQueue<SendOutcome> arrived = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    OutcomeRecorder(Database database, String name) {
        this.database = database;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Hands over one outcome; never blocks. */
    void submit(SendOutcome outcome) {
        arrived.add(outcome);
    }

    /** True while the recording thread runs (for {@code /healthz}). */
    boolean alive() {
        return thread.isAlive();
    }

    /** Writes everything handed over so far (trying for up to {@code patience} if the database fails), then ends the thread. */
    void stop(Duration patience) {
        stopping = true;
        try {
            thread.join(patience.toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("outbox sender: {} outcome(s) could not be recorded before stopping; their messages are sent again when their lease runs out",
                    arrived.size());
            thread.interrupt();
        }
    }

    private void run() {
        List<SendOutcome> group = new ArrayList<>();
        long pauseMillis = 50;
        while (true) {
            try {
                if (group.isEmpty()) {
                    SendOutcome first = arrived.poll(20, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (stopping && arrived.isEmpty()) {
                            return;
                        }
                        continue;
                    }
                    group.add(first);
                }
                arrived.drainTo(group, MAX_PER_COMMIT - group.size());
                database.inJdbcTransaction(c -> {
                    OutcomeWriter.write(c, group);
                    return null;
                });
                group.clear();
                pauseMillis = 50;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Keep the group: the next try writes it together with what arrived meanwhile.
                log.warn("outbox sender: could not record {} outcome(s), trying again in {} ms: {}", group.size(), pauseMillis, e.toString());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException ie) {
                    return;
                }
                pauseMillis = Math.min(1_000, pauseMillis * 2);
            }
        }
    }
}
