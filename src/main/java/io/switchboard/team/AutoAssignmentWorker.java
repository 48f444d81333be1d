package io.switchboard.team;

import io.switchboard.common.PeriodicJob;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link AutoAssignment} every few seconds: new conversations, and the ones that waited for an agent to come online or free up. */
public final class AutoAssignmentWorker implements AutoCloseable {
    public static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(AutoAssignmentWorker.class);
    private final PeriodicJob job;

    private AutoAssignmentWorker(PeriodicJob job) {
        this.job = job;
    }

    public static AutoAssignmentWorker start(AutoAssignment assignment) {
        return new AutoAssignmentWorker(PeriodicJob.start("switchboard-auto-assignment", EVERY, EVERY, () -> {
            int n = assignment.assignWaiting();
            if (n > 0) {
                log.info("assigned {} waiting conversations", n);
            }
        }, log, "automatic assignment"));
    }

    @Override
    public void close() {
        job.close();
    }
}
