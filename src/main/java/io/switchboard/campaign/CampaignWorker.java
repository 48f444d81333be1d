package io.switchboard.campaign;

import io.switchboard.common.PeriodicJob;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs campaigns: starts the scheduled ones that are due, pauses the ones that must stop, feeds the running ones to
 * the outbox within their limits, completes the finished ones, folds the funnel's counters and copies the guide's
 * counters from them (CampaignCounters).
 * Any number of these may run in any number of processes: every step is a conditional update or takes its rows
 * with SKIP LOCKED.
 */
public final class CampaignWorker {
    private static final Logger log = LoggerFactory.getLogger(CampaignWorker.class);
    public static final Duration EVERY = Duration.ofMillis(500);
    /** Most recipients queued for one campaign in one transaction. */
    static final int BATCH = 1_000;
    /** Late statuses keep arriving after a campaign ends; its counters are kept for this long after. */
    static final Duration COUNTERS_AFTER_END = Duration.ofDays(7);

    private final Database database;
    private final TemplateService templates;
    private final CampaignEnqueuer enqueuer;
    /** Counters are recounted every few passes, not every one: a 100,000-recipient recount is tens of milliseconds. */
    private int passes;

    public CampaignWorker(Database database) {
        this.database = database;
        this.templates = new TemplateService(database);
        this.enqueuer = new CampaignEnqueuer(database);
    }

    public PeriodicJob start(Duration first, Duration every) {
        return PeriodicJob.start("campaign-worker", first, every, this::tick, log, "campaign worker");
    }

    private record Running(UUID id, UUID tenantId, String templateName, String language, LocalDateTime since, double threshold, int window) {
    }

    /** One pass over every campaign that needs attention. */
    public void tick() {
        startDue();
        for (Running r : running()) {
            try {
                step(r);
            } catch (RuntimeException e) {
                log.warn("campaign {}: {}", r.id(), e.toString());
            }
        }
        if (passes++ % 4 == 0) {
            new CampaignCounters(database).refreshActive(COUNTERS_AFTER_END);
        }
    }

    private void startDue() {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE campaigns SET status = 'running', started_at = COALESCE(started_at, NOW()), resumed_at = NOW(), updated_at = NOW()
                    WHERE status = 'scheduled' AND scheduled_at <= NOW() RETURNING tenant_id""")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Notifications.announce(c, rs.getObject(1, UUID.class), Notifications.Kind.MESSAGES);
                    }
                }
            }
            return null;
        });
    }

    private List<Running> running() {
        return database.inJdbcTransaction(c -> {
            List<Running> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, tenant_id, template_name, template_language, COALESCE(resumed_at, started_at, created_at), failure_threshold, failure_window
                    FROM campaigns WHERE status = 'running' ORDER BY started_at, id""")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Running(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                rs.getObject(5, LocalDateTime.class), rs.getDouble(6), rs.getInt(7)));
                    }
                }
            }
            return out;
        });
    }

    private void step(Running r) {
        TemplateView template;
        try {
            template = templates.sendable(r.tenantId(), r.templateName(), r.language());
        } catch (ValidationException e) {
            pause(r, "The template cannot be sent any more: " + e.getMessage());
            return;
        }
        Optional<String> stop = database.inJdbcTransaction(c -> AutoPause.reason(c, r.id(), r.since(), r.threshold(), r.window()));
        if (stop.isPresent()) {
            pause(r, stop.get());
            return;
        }
        int queued;
        do {
            queued = enqueuer.queueNext(r.tenantId(), r.id(), template, BATCH);
        } while (queued == BATCH);
        // An answer may have come in since the check above: a campaign that ends with a stop code still pauses, so
        // the reason is seen (and a retarget or resume decided) instead of a quiet "completed".
        Optional<String> late = database.inJdbcTransaction(c -> AutoPause.reason(c, r.id(), r.since(), r.threshold(), r.window()));
        if (late.isPresent()) {
            pause(r, late.get());
            return;
        }
        complete(r);
    }

    private void pause(Running r, String reason) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE campaigns SET status = 'paused', pause_reason = ?, updated_at = NOW() WHERE id = ? AND status = 'running'")) {
                ps.setString(1, reason);
                ps.setObject(2, r.id());
                if (ps.executeUpdate() > 0) {
                    log.info("campaign {} paused itself: {}", r.id(), reason);
                    Notifications.announce(c, r.tenantId(), Notifications.Kind.MESSAGES);
                }
            }
            return null;
        });
    }

    /**
     * Running with nobody left to queue and nothing left in the outbox: completed — unless a stop code came in since
     * the last check (then the next pass pauses it with the reason).
     */
    private void complete(Running r) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE campaigns SET status = 'completed', completed_at = NOW(), waiting_reason = NULL, updated_at = NOW()
                    WHERE id = ? AND status = 'running'
                      AND NOT EXISTS (SELECT 1 FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending')
                      AND NOT EXISTS (SELECT 1 FROM messages WHERE campaign_id = ? AND status = 'queued')
                      AND NOT EXISTS (SELECT 1 FROM messages WHERE campaign_id = ? AND error_code = ANY(?) AND updated_at >= ?)""")) {
                ps.setObject(1, r.id());
                ps.setObject(2, r.id());
                ps.setObject(3, r.id());
                ps.setObject(4, r.id());
                ps.setArray(5, c.createArrayOf("text", AutoPause.STOP_CODES.toArray()));
                ps.setObject(6, r.since());
                if (ps.executeUpdate() > 0) {
                    Notifications.announce(c, r.tenantId(), Notifications.Kind.MESSAGES);
                }
            }
            return null;
        });
    }
}
