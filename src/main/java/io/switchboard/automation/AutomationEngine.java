package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.Clock;
import io.switchboard.config.SecretBox;
import io.switchboard.db.Database;
import io.switchboard.template.TemplateService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events into runs and runs into actions; every step competes safely with other processes doing the same
 * (FOR UPDATE SKIP LOCKED, the run's unique key). Database actions run in the transaction that claims the run and
 * records its outcome: a crash before the commit leaves the run pending and nothing sent, so it runs once later.
 * An HTTP request cannot be rolled back: its run is marked running (committed) before the call, and a run found
 * still running after {@link #INTERRUPTED_AFTER} is failed as interrupted, never repeated on its own.
 */
public final class AutomationEngine {
    private static final Logger log = LoggerFactory.getLogger(AutomationEngine.class);
    /** Longer than an HTTP action can take (3 attempts of 10 s plus backoff). */
    public static final Duration INTERRUPTED_AFTER = Duration.ofMinutes(2);
    /** How long one pass may keep executing runs before it looks at schedules and new events again. */
    static final Duration PASS = Duration.ofSeconds(5);
    private final Database database;
    private final MessageActions messages;
    private final HttpAction http;

    public AutomationEngine(Database database, SecretBox secrets, Duration httpBackoff) {
        this.database = database;
        this.messages = new MessageActions(new TemplateService(database));
        this.http = new HttpAction(secrets, httpBackoff);
    }

    /** One pass of everything: interrupted runs, due schedules, new events, pending runs. Returns runs executed. */
    public int work(Instant now) {
        failInterrupted(now.minus(INTERRUPTED_AFTER));
        schedule(now);
        while (intake(200) > 0) {
            // drain the events first, so runs execute in the order the messages came
        }
        // a storm drains at full speed; the pass still ends now and then so schedules and events are looked at again
        long until = System.nanoTime() + PASS.toNanos();
        int done = 0;
        while (System.nanoTime() - until < 0 && executeNext(null).isPresent()) {
            done++;
        }
        return done;
    }

    private record Listener(UUID id, UUID tenantId, ObjectNode triggerConfig) {
    }

    private record Match(Listener automation, TriggerEvent event, String key) {
    }

    /** Matches up to {@code limit} queued events against their tenants' webhook automations; returns events taken. */
    public int intake(int limit) {
        return database.inJdbcTransaction(c -> {
            List<Object[]> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, tenant_id, kind, message_id, status_id FROM automation_events
                    ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class)});
                    }
                }
            }
            if (events.isEmpty()) {
                return 0;
            }
            Map<UUID, List<Listener>> listeners = new HashMap<>();
            Map<UUID, BusinessHours> hours = new HashMap<>();
            List<Match> matches = new ArrayList<>();
            for (Object[] e : events) {
                UUID tenant = (UUID) e[1];
                List<Listener> ls = listeners.computeIfAbsent(tenant, t -> listeners(c, t));
                if (ls.isEmpty()) {
                    continue;
                }
                Optional<TriggerEvent> event = TriggerEvent.load(c, (String) e[2], (UUID) e[3], (UUID) e[4]);
                if (event.isEmpty()) {
                    continue;
                }
                BusinessHours h = hours.computeIfAbsent(tenant, t -> businessHours(c, t));
                for (Listener l : ls) {
                    try {
                        if (Conditions.unmet(l.triggerConfig(), event.get(), h).isEmpty()) {
                            matches.add(new Match(l, event.get(), Conditions.runKey(l.triggerConfig(), event.get(), h.zone())));
                        }
                    } catch (RuntimeException broken) {
                        // a config written around the rules (raw SQL) must not block every later event: the automation pauses, saying why
                        MessageActions.pause(c, l.id(), "trigger_config cannot be evaluated: " + broken.getMessage());
                        ls = ls.stream().filter(x -> !x.id().equals(l.id())).toList();
                        listeners.put(tenant, ls);
                    }
                }
            }
            // automation rows are locked (rate guard) in one global order: two workers never deadlock
            matches.sort(Comparator.comparing((Match m) -> m.automation().id()));
            for (Match m : matches) {
                TriggerEvent ev = m.event();
                Runs.create(c, new Runs.NewRun(ev.tenantId(), m.automation().id(), "webhook", m.key(), ev.contactId(), ev.conversationId(),
                        ev.messageId(), ev.variables(), null));
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM automation_events WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", events.stream().map(e -> e[0]).toArray()));
                ps.executeUpdate();
            }
            return events.size();
        });
    }

    private static List<Listener> listeners(Connection c, UUID tenant) {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, trigger_config::text FROM automations WHERE tenant_id = ? AND trigger_type = 'webhook' AND status = 'active'
                ORDER BY id""")) {
            ps.setObject(1, tenant);
            List<Listener> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Listener(rs.getObject(1, UUID.class), tenant, (ObjectNode) Runs.json(rs.getString(2))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new io.switchboard.db.DataAccessException(e);
        }
    }

    private static BusinessHours businessHours(Connection c, UUID tenant) {
        try {
            return BusinessHoursService.load(c, tenant);
        } catch (SQLException e) {
            throw new io.switchboard.db.DataAccessException(e);
        }
    }

    /**
     * Fires every active schedule whose latest cron slot at or before {@code now} is after the last one fired: a
     * process that was off for days fires once, for the latest slot, not once per missed slot.
     */
    public int schedule(Instant now) {
        return database.inJdbcTransaction(c -> {
            List<Object[]> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT a.id, a.tenant_id, a.trigger_config::text, COALESCE(a.schedule_fired_at, a.created_at), t.time_zone
                    FROM automations a JOIN tenants t ON t.id = a.tenant_id
                    WHERE a.trigger_type = 'schedule' AND a.status = 'active' ORDER BY a.id FOR UPDATE OF a SKIP LOCKED""")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getObject(4, java.time.LocalDateTime.class), rs.getString(5)});
                    }
                }
            }
            int fired = 0;
            for (Object[] a : due) {
                UUID id = (UUID) a[0];
                UUID tenant = (UUID) a[1];
                JsonNode cfg = Runs.json((String) a[2]);
                Instant since = Clock.toInstant((java.time.LocalDateTime) a[3]);
                CronSchedule cron;
                try {
                    cron = CronSchedule.parse("trigger_config.cron", cfg.path("cron").asText(), ZoneId.of((String) a[4]));
                } catch (RuntimeException e) {
                    log.warn("automation {} has an unusable schedule: {}", id, e.getMessage());
                    continue;
                }
                Optional<Instant> slot = cron.latestAtOrBefore(now);
                if (slot.isEmpty() || !slot.get().isAfter(since)) {
                    continue;
                }
                for (UUID contact : audience(c, tenant, Audience.from(cfg.get("audience")))) {
                    Variables v = Variables.empty();
                    Runs.loadContact(c, v, tenant, contact);
                    v.section("trigger").put("slot", slot.get().toString());
                    Runs.create(c, new Runs.NewRun(tenant, id, "schedule", "schedule:" + slot.get() + ":" + contact, contact, null, null, v, null));
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE automations SET schedule_fired_at = ? WHERE id = ?")) {
                    ps.setObject(1, Clock.toUtc(slot.get()));
                    ps.setObject(2, id);
                    ps.executeUpdate();
                }
                fired++;
            }
            return fired;
        });
    }

    static List<UUID> audience(Connection c, UUID tenant, Audience audience) throws SQLException {
        String sql = switch (audience.kind()) {
            case "filter" -> "SELECT id FROM contacts WHERE tenant_id = ? AND opted_out_at IS NULL AND metadata @> ?::jsonb ORDER BY id";
            case "contact" -> "SELECT id FROM contacts WHERE tenant_id = ? AND phone = ?";
            default -> "SELECT id FROM contacts WHERE tenant_id = ? AND opted_out_at IS NULL ORDER BY id";
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant);
            if (audience.kind().equals("filter")) {
                ps.setString(2, audience.metadata().toString());
            } else if (audience.kind().equals("contact")) {
                ps.setString(2, io.switchboard.contact.PhoneNumbers.fromInput(audience.phone(), "trigger_config.audience.phone",
                        io.switchboard.contact.TenantCountry.of(c, tenant)).e164());
            }
            List<UUID> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
            return out;
        }
    }

    private record Claim(RunContext context, String actionType, long startedNanos) {
    }

    /** The outcome of one executed run. */
    public record Executed(UUID runId, ActionOutcome outcome) {
    }

    /**
     * Executes the oldest pending run (or the run {@code runId}, when it is still pending and nobody holds it).
     * Empty when there was nothing to take.
     */
    public Optional<Executed> executeNext(UUID runId) {
        Object claimed = database.inJdbcTransaction(c -> {
            Claim claim = claim(c, runId);
            if (claim == null) {
                return null;
            }
            if (claim.actionType().equals(ActionType.HTTP_REQUEST.code())) {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE automation_runs SET status = 'running', started_at = NOW(), attempts = attempts + 1 WHERE id = ?""")) {
                    ps.setObject(1, claim.context().runId());
                    ps.executeUpdate();
                }
                return claim;
            }
            ActionOutcome outcome = inSavepoint(c, claim);
            Runs.finish(c, claim.context().runId(), outcome, (System.nanoTime() - claim.startedNanos()) / 1_000_000);
            return new Executed(claim.context().runId(), outcome);
        });
        if (claimed == null) {
            return Optional.empty();
        }
        if (claimed instanceof Executed done) {
            return Optional.of(done);
        }
        Claim claim = (Claim) claimed;
        ActionOutcome outcome = http.run(claim.context());
        database.inJdbcTransaction(c -> Runs.finish(c, claim.context().runId(), outcome, (System.nanoTime() - claim.startedNanos()) / 1_000_000));
        return Optional.of(new Executed(claim.context().runId(), outcome));
    }

    /** A database action; if it breaks, its writes are undone and the run fails with the reason. */
    private ActionOutcome inSavepoint(Connection c, Claim claim) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            ActionOutcome outcome = perform(c, claim.actionType(), claim.context());
            if (!outcome.succeeded()) {
                // a failed action leaves nothing half-done, but a self-pause is kept (it says why the run failed)
                c.releaseSavepoint(sp);
            }
            return outcome;
        } catch (SQLException | RuntimeException e) {
            c.rollback(sp);
            log.warn("automation run {} failed: {}", claim.context().runId(), e.toString());
            return ActionOutcome.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    ActionOutcome perform(Connection c, String actionType, RunContext ctx) throws SQLException {
        return switch (ActionType.fromCode(actionType)) {
            case SEND_MESSAGE -> messages.sendMessage(c, ctx);
            case SEND_TEMPLATE -> messages.sendTemplate(c, ctx);
            case UPDATE_CONTACT -> ContactAction.run(c, ctx);
            case HTTP_REQUEST -> http.run(ctx);
        };
    }

    HttpAction http() {
        return http;
    }

    private static Claim claim(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id, r.tenant_id, r.automation_id, r.contact_id, r.conversation_id, r.variables::text, a.action_type, a.action_config::text,
                       a.status
                FROM automation_runs r JOIN automations a ON a.id = r.automation_id
                WHERE r.status = 'pending'""" + (runId == null ? "" : " AND r.id = ?")
                + " ORDER BY r.created_at, r.id LIMIT 1 FOR UPDATE OF r SKIP LOCKED")) {
            if (runId != null) {
                ps.setObject(1, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                UUID id = rs.getObject(1, UUID.class);
                if (!"active".equals(rs.getString(9))) {
                    try (PreparedStatement skip = c.prepareStatement("""
                            UPDATE automation_runs SET status = 'skipped', finished_at = NOW(),
                                   error = 'the automation was ' || ? || ' before this run started' WHERE id = ?""")) {
                        skip.setString(1, rs.getString(9));
                        skip.setObject(2, id);
                        skip.executeUpdate();
                    }
                    return claim(c, runId);
                }
                ObjectNode cfg = (ObjectNode) Runs.json(rs.getString(8));
                RunContext ctx = new RunContext(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), id, rs.getObject(4, UUID.class),
                        rs.getObject(5, UUID.class), new Variables((ObjectNode) Runs.json(rs.getString(6))), cfg,
                        cfg.path("allow_private_network").asBoolean(false));
                return new Claim(ctx, rs.getString(7), System.nanoTime());
            }
        }
    }

    /** Fails runs left running by a process that stopped mid-request (counted as failures, like any failed run). */
    public int failInterrupted(Instant startedBefore) {
        return database.inJdbcTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id FROM automation_runs WHERE status = 'running' AND started_at < ? ORDER BY id FOR UPDATE SKIP LOCKED""")) {
                ps.setObject(1, Clock.toUtc(startedBefore));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            for (UUID id : ids) {
                Runs.finish(c, id, ActionOutcome.failed("interrupted: the process stopped during the HTTP request; it was not repeated "
                        + "(the endpoint may or may not have received it). Retry it from the run log if needed."), 0);
            }
            return ids.size();
        });
    }
}
