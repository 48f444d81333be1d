package io.switchboard.channel.whatsapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the webhook receiver: verified bodies queue up and a few writer threads insert
 * whatever has queued in one multi-row statement and one commit, then complete each body's future.
 * Alone, a body is written at once; under load, hundreds share one round trip. Nothing waits on a
 * thread: the HTTP side answers when the future completes. Each writer keeps its own connection
 * (from {@link IntakeDatabase}, synchronous commit on) and reconnects after a failure; while the
 * database is unavailable a body is refused at once, so Meta gets its 503 without delay.
 */
final class EventIngest {
    private static final Logger log = LoggerFactory.getLogger(EventIngest.class);
    private static final int MAX_ROWS = 500;
    private static final String INSERT = """
            INSERT INTO webhook_events (event_type, payload, status, created_at)
            SELECT 'whatsapp', switchboard_try_jsonb(x.body), 'unprocessed', clock_timestamp()
            FROM unnest(?::text[]) WITH ORDINALITY AS x(body, n)
            ORDER BY x.n""";
    /** The same, for a batch holding a body that had to be changed for jsonb: its exact bytes are kept too. */
    private static final String INSERT_WITH_RAW = """
            INSERT INTO webhook_events (event_type, payload, status, created_at, raw_body)
            SELECT 'whatsapp', switchboard_try_jsonb(x.body), 'unprocessed', clock_timestamp(), x.raw
            FROM unnest(?::text[], ?::bytea[]) WITH ORDINALITY AS x(body, raw, n)
            ORDER BY x.n""";

    private record Pending(WebhookBody body, CompletableFuture<Void> stored) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final IntakeDatabase database;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(20_000);
    private final List<Thread> writers = new ArrayList<>();
    private final Runnable afterBatch;

    /** {@code afterBatch} runs after each committed batch (e.g. waking the poller once for all of it). */
    EventIngest(IntakeDatabase database, int writerThreads, Runnable afterBatch) {
        this.database = database;
        this.afterBatch = afterBatch;
        for (int i = 1; i <= writerThreads; i++) {
            Thread t = new Thread(this::write, "webhook-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /**
     * Queues the body; the future completes once its row is committed, or fails when it cannot be
     * stored (database unavailable, the queue full) — at once in those cases, never after a wait.
     */
    CompletableFuture<Void> store(WebhookBody body) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        if (!database.available()) {
            stored.completeExceptionally(new IllegalStateException("the database is unavailable"));
        } else if (!queue.offer(new Pending(body, stored))) {
            stored.completeExceptionally(new IllegalStateException("the event store is saturated"));
        }
        return stored;
    }

    /** Whether every writer thread is running. */
    boolean alive() {
        return writers.stream().allMatch(Thread::isAlive);
    }

    /** Bodies waiting for a writer. */
    int waiting() {
        return queue.size();
    }

    /** Writes what is queued, then stops the writers. */
    void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (int i = 0; i < writers.size(); i++) {
            try {
                if (!queue.offer(STOP, Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (Thread t : writers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            t.interrupt();
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(MAX_ROWS);
        Connection connection = null;
        try {
            while (true) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(batch, MAX_ROWS - 1);
                boolean stop = batch.removeIf(p -> p == STOP);
                if (!batch.isEmpty()) {
                    connection = insert(connection, batch);
                }
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } finally {
            closeQuietly(connection);
        }
    }

    /** Inserts the batch and completes its futures; returns the connection to use next (null after a failure). */
    private Connection insert(Connection connection, List<Pending> batch) {
        String[] texts = new String[batch.size()];
        byte[][] raws = null;
        for (int i = 0; i < texts.length; i++) {
            WebhookBody body = batch.get(i).body();
            texts[i] = body.text();
            if (body.raw() != null) {
                raws = raws == null ? new byte[texts.length][] : raws;
                raws[i] = body.raw();
            }
        }
        Connection c = connection;
        try {
            if (c == null) {
                c = database.open();
            }
            try (PreparedStatement ps = c.prepareStatement(raws == null ? INSERT : INSERT_WITH_RAW)) {
                ps.setArray(1, c.createArrayOf("text", texts));
                if (raws != null) {
                    ps.setArray(2, c.createArrayOf("bytea", raws));
                }
                ps.executeUpdate(); // autocommit: committed, synchronously, when it returns
            }
        } catch (SQLException | RuntimeException e) {
            if (IntakeDatabase.isConnectionLoss(e)) {
                database.unavailable(e);
            } else {
                log.error("could not store {} verified webhook(s); they are refused so Meta retries them", batch.size(), e);
            }
            batch.forEach(p -> p.stored().completeExceptionally(e));
            closeQuietly(c);
            return null;
        }
        batch.forEach(p -> p.stored().complete(null));
        afterBatch.run();
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("closing a broken intake connection: {}", e.getMessage());
            }
        }
    }
}
