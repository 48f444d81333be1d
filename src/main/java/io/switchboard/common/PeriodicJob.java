package io.switchboard.common;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A background check on one daemon thread, repeated with a fixed delay: a failed run is logged and the
 * next one still comes (a worker that stops on its first database hiccup would stop for good).
 */
public final class PeriodicJob implements AutoCloseable {
    private final ScheduledExecutorService scheduler;

    private PeriodicJob(String thread) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code job} after {@code first}, then {@code every} after each run ends. */
    public static PeriodicJob start(String thread, Duration first, Duration every, Runnable job, Logger log, String what) {
        PeriodicJob p = new PeriodicJob(thread);
        p.scheduler.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", what, e.toString());
            }
        }, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    /** Stops the thread, waiting up to 5 s for a run under way. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
