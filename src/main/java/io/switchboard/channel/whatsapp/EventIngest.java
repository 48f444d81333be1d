package io.switchboard.channel.whatsapp;

import io.switchboard.db.DataAccessException;
import io.switchboard.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the webhook receiver: request threads hand their verified bodies to a few
 * writer threads, which insert whatever has queued up in one multi-row statement and one commit,
 * then release the waiting requests. Alone, a request is written at once; under load, hundreds
 * share one round trip. A request returns only after its row is committed.
 */
final class EventIngest {
    private static final Logger log = LoggerFactory.getLogger(EventIngest.class);
    private static final int MAX_ROWS = 500;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INSERT = """
            INSERT INTO webhook_events (event_type, payload, status, created_at)
            SELECT 'whatsapp', switchboard_try_jsonb(x.body), 'unprocessed', clock_timestamp()
            FROM unnest(?::text[]) WITH ORDINALITY AS x(body, n)
            ORDER BY x.n""";

    private record Pending(String body, CompletableFuture<Void> stored) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final Database database;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(20_000);
    private final List<Thread> writers = new ArrayList<>();

    EventIngest(Database database, int writerThreads) {
        this.database = database;
        for (int i = 1; i <= writerThreads; i++) {
            Thread t = new Thread(this::write, "webhook-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /** Stores the body and returns once it is committed; throws when it could not be. */
    void store(String body) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            if (!queue.offer(new Pending(body, stored), WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the event store is saturated");
            }
            stored.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a webhook", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("storing a webhook took longer than " + WAIT, e);
        }
    }

    /** Writes what is queued, then stops the writers. */
    void close(Duration grace) {
        for (int i = 0; i < writers.size(); i++) {
            try {
                queue.put(STOP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : writers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(MAX_ROWS);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_ROWS - 1);
            boolean stop = batch.removeIf(p -> p == STOP);
            if (!batch.isEmpty()) {
                insert(batch);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void insert(List<Pending> batch) {
        String[] bodies = new String[batch.size()];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = batch.get(i).body();
        }
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            c.setAutoCommit(true); // one statement: committed when it returns
            ps.setArray(1, c.createArrayOf("text", bodies));
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            log.error("could not store {} verified webhook(s); they are refused so Meta retries them", batch.size(), e);
            RuntimeException failure = e instanceof SQLException sql ? new DataAccessException(sql) : (RuntimeException) e;
            batch.forEach(p -> p.stored().completeExceptionally(failure));
            return;
        }
        batch.forEach(p -> p.stored().complete(null));
    }
}
