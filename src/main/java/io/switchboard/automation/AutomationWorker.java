package io.switchboard.automation;

import io.switchboard.common.PeriodicJob;
import io.switchboard.config.SecretBox;
import io.switchboard.db.Database;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automation worker of a process (desktop or serve): every second it fails interrupted runs, fires due
 * schedules, matches new events and executes pending runs. Any number of processes may run it at once.
 */
public final class AutomationWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AutomationWorker.class);
    public static final Duration EVERY = Duration.ofSeconds(1);
    private final AutomationEngine engine;
    private PeriodicJob job;

    public AutomationWorker(Database database, SecretBox secrets) {
        this.engine = new AutomationEngine(database, secrets, Duration.ofSeconds(1));
    }

    public AutomationWorker start() {
        // the first pass soon after start: a schedule missed while the app was off fires now, once
        job = PeriodicJob.start("automations", Duration.ofSeconds(2), EVERY, () -> engine.work(Instant.now()), log, "automation pass");
        return this;
    }

    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}
