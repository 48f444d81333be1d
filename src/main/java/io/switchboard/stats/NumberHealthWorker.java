package io.switchboard.stats;

import io.switchboard.common.PeriodicJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps number health fresh in {@code serve}: a number never read (just connected) within a check interval,
 * every number every {@link #EVERY}. A number Meta did not answer for is retried after {@link #RETRY_AFTER},
 * not at every check, so an unreachable Meta is not hammered. The webhook updates health in between.
 */
public final class NumberHealthWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NumberHealthWorker.class);
    public static final Duration EVERY = Duration.ofHours(1);
    public static final Duration CHECK = Duration.ofSeconds(30);
    public static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    private final NumberHealthSync sync;
    private final Map<String, Instant> failedUntil = new ConcurrentHashMap<>();
    private volatile PeriodicJob job;

    public NumberHealthWorker(NumberHealthSync sync) {
        this.sync = sync;
    }

    public NumberHealthWorker start(Duration firstCheck, Duration check) {
        job = PeriodicJob.start("number-health", firstCheck, check, this::runDue, log, "number health check");
        return this;
    }

    void runDue() {
        Instant now = Instant.now();
        failedUntil.values().removeIf(until -> until.isBefore(now));
        for (NumberHealthSync.Outcome o : sync.refreshDue(EVERY, failedUntil.keySet())) {
            if (o.problem() != null) {
                log.warn("health of number {} not read; retrying in {}: {}", o.phoneNumberId(), RETRY_AFTER, o.problem());
                failedUntil.put(o.phoneNumberId(), now.plus(RETRY_AFTER));
            }
        }
    }

    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}
