package io.switchboard.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ceiling 2 for (b): how many rows per second this machine's PostgreSQL takes in batched inserts right
 * now, with fsync and synchronous commit on — the most the receiver could ever store. The app's own
 * embedded server (as a user gets it), the real {@code webhook_events} table with its indexes, status
 * webhook bodies of the benchmark's shape, {@code writers} connections each inserting {@code batch}
 * rows per statement and commit.
 *
 * <p>Run: {@code bench/run.sh PostgresCeilingBenchmark [seconds=10] [writers=4] [batch=500]}; prints
 * "postgresql: N rows/s".
 */
public final class PostgresCeilingBenchmark {
    private static final String INSERT = """
            INSERT INTO webhook_events (event_type, payload, status, created_at)
            SELECT 'whatsapp', x.body::jsonb, 'unprocessed', clock_timestamp()
            FROM unnest(?::text[]) AS x(body)""";

    private PostgresCeilingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        System.out.println("machine: " + BenchEnvironment.machine());
        try (BenchEnvironment env = new BenchEnvironment(writers + 2)) {
            String[] bodies = new String[batch];
            long ts = Instant.now().getEpochSecond();
            for (int i = 0; i < batch; i++) {
                bodies[i] = InboundWrkBenchmark.statusesBody(i, 1, "delivered", ts);
            }
            try (Connection c = env.db().dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('fsync'), current_setting('full_page_writes'), current_setting('wal_level')")) {
                rs.next();
                System.out.printf("fsync=%s full_page_writes=%s wal_level=%s synchronous_commit=on (set per writer)%n", rs.getString(1),
                        rs.getString(2), rs.getString(3));
            }
            run(env, bodies, writers, Math.max(1, seconds / 5)); // warm-up
            env.db().inJdbcTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("TRUNCATE webhook_events");
                }
            });
            long rows = run(env, bodies, writers, seconds);
            System.out.printf("%d rows in %d s, %d writers x %d rows per statement%n", rows, seconds, writers, batch);
            System.out.printf("postgresql: %.0f rows/s%n", rows / (double) seconds);
        }
    }

    private static long run(BenchEnvironment env, String[] bodies, int writers, int seconds) throws InterruptedException {
        AtomicLong rows = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread t = new Thread(() -> {
                try (Connection c = env.db().dataSource().getConnection()) {
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        s.execute("SET synchronous_commit = on");
                    }
                    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                        ps.setArray(1, c.createArrayOf("text", bodies));
                        while (System.nanoTime() < end) {
                            rows.addAndGet(ps.executeUpdate());
                        }
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("RESET synchronous_commit");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "ceiling-writer-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return rows.get();
    }
}
