package io.switchboard.channel.whatsapp;

import io.switchboard.channel.whatsapp.InboundWriter.TenantMessage;
import io.switchboard.channel.whatsapp.StatusWriter.TenantStatus;
import io.switchboard.db.DataAccessException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.template.TemplateEventWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp polling adapter: worker threads claim unprocessed {@code webhook_events} with
 * {@code FOR UPDATE SKIP LOCKED} (so any number of pollers, in any number of processes, handle each
 * event once) and process each batch in one transaction — route by phone_number_id, store inbound
 * messages, apply statuses, mark the events, NOTIFY each tenant once. An event that cannot be
 * read or routed is marked failed with its reason and the batch goes on; a status whose message
 * is not stored yet (it raced the sender) waits with back-off and is retried. A worker that dies
 * mid-batch leaves its events unprocessed for the next one.
 */
public final class EventPoller {
    private static final Logger log = LoggerFactory.getLogger(EventPoller.class);
    private static final String CLAIM = """
            SELECT id, payload::text, attempts FROM webhook_events
            WHERE status = 'unprocessed' AND event_type = 'whatsapp'
              AND (next_attempt_at IS NULL OR next_attempt_at <= NOW())
            ORDER BY created_at, id
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    private final Database database;
    private final int threads;
    private final int batchSize;
    private final WebhookPayloadParser parser = new WebhookPayloadParser();
    private final Object idle = new Object();
    private final AtomicLong handled = new AtomicLong();
    private volatile RetryPolicy retry = RetryPolicy.DEFAULT;
    private volatile Duration idleWait = Duration.ofMillis(100);
    private volatile boolean running;
    private final List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public EventPoller(Database database, int threads, int batchSize) {
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("threads and batchSize must be at least 1");
        }
        this.database = database;
        this.threads = threads;
        this.batchSize = batchSize;
    }

    /** How long a status waits for its message, and how often it is retried. */
    public EventPoller retryPolicy(RetryPolicy policy) {
        this.retry = policy;
        return this;
    }

    /** How long an idle worker sleeps before looking again (a {@link #wake()} cuts it short). */
    public EventPoller idleWait(Duration wait) {
        this.idleWait = wait;
        return this;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 1; i <= threads; i++) {
            Thread t = new Thread(this::work, "event-poller-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** Stops claiming; each worker finishes its batch in flight. Waits up to {@code grace}. */
    public synchronized void stop(Duration grace) {
        running = false;
        wake();
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.removeIf(t -> !t.isAlive());
        if (!workers.isEmpty()) {
            log.warn("{} event poller thread(s) still finishing a batch after {}", workers.size(), grace);
        }
        workers.clear();
    }

    public void stop() {
        stop(Duration.ofSeconds(30));
    }

    /** Wakes idle workers, e.g. right after the receiver stored an event. */
    public void wake() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** Whether the poller is started and every one of its threads is still running (for {@code /healthz}). */
    public boolean alive() {
        return running && !workers.isEmpty() && workers.stream().allMatch(Thread::isAlive);
    }

    /** Events claimed and settled (processed, failed or deferred) since this poller was made. */
    public long handledEvents() {
        return handled.get();
    }

    /**
     * Processes batches on the calling thread until none is claimable (events waiting for a retry
     * are not); returns how many events were settled. Tests and benchmarks use it.
     */
    public int processAvailable() {
        int total = 0;
        int transientFailures = 0;
        while (true) {
            int n;
            try {
                n = processBatch();
            } catch (DataAccessException e) {
                if (!isTransient(e.getCause()) || ++transientFailures > 5) {
                    throw e;
                }
                continue; // a deadlock victim: its events are still unprocessed, take them again
            }
            if (n == 0) {
                return total;
            }
            total += n;
        }
    }

    /**
     * Claims one batch and settles it in one transaction; returns how many events it settled
     * (events whose message another transaction holds are left for the next claim).
     */
    public int processBatch() {
        int n = database.inJdbcTransaction(this::processBatch);
        handled.addAndGet(n);
        return n;
    }

    private void work() {
        int failures = 0;
        while (running) {
            int n;
            try {
                n = processBatch();
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                if (e instanceof DataAccessException && isTransient(e.getCause())) {
                    log.debug("event batch rolled back ({}); its events will be claimed again", e.getMessage());
                } else {
                    log.error("event batch failed; its events stay unprocessed and will be retried", e);
                }
                pause(Duration.ofMillis(Math.min(5_000, 50L << Math.min(failures, 7))));
                continue;
            }
            if (n < batchSize) {
                pause(n == 0 ? idleWait : Duration.ZERO);
            }
        }
    }

    private void pause(Duration wait) {
        if (wait.isZero() || !running) {
            return;
        }
        synchronized (idle) {
            try {
                idle.wait(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private record Claimed(UUID id, String payload, int attempts) {
    }

    /** What becomes of one event at the end of the batch. */
    private record Outcome(String status, UUID tenantId, String error, Duration retryIn) {
        static Outcome processed(UUID tenantId, String note) {
            return new Outcome("processed", tenantId, note, null);
        }

        static Outcome failed(UUID tenantId, String reason) {
            return new Outcome("failed", tenantId, reason, null);
        }
    }

    /** A parsed event whose changes route to tenants. */
    private record Routed(Claimed event, UUID tenantId, List<TenantMessage> messages, List<TenantStatus> statuses,
                          List<TemplateEventWriter.TenantEvent> templates, List<io.switchboard.stats.NumberHealthEvent> numbers, String note) {
        Routed withTemplates(List<TemplateEventWriter.TenantEvent> kept, String extraNote) {
            return new Routed(event, tenantId, messages, statuses, kept, numbers,
                    note == null ? extraNote : extraNote == null ? note : note + "; " + extraNote);
        }
    }

    private int processBatch(Connection c) throws SQLException {
        List<Claimed> claimed = claim(c);
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<UUID, Outcome> outcomes = new HashMap<>();
        Map<UUID, ParsedWebhook> parsed = new HashMap<>();
        for (Claimed event : claimed) {
            try {
                parsed.put(event.id(), parser.parse(event.payload()));
            } catch (WebhookParseException e) {
                outcomes.put(event.id(), Outcome.failed(null, e.getMessage()));
            } catch (RuntimeException e) {
                outcomes.put(event.id(), Outcome.failed(null, "unreadable payload: " + e));
            }
        }
        Map<String, UUID> tenantByNumber = route(c, parsed.values());
        Map<String, List<UUID>> tenantsByWaba = routeBusinessAccounts(c, parsed.values());
        List<Routed> routed = new ArrayList<>();
        for (Claimed event : claimed) {
            ParsedWebhook p = parsed.get(event.id());
            if (p == null) {
                continue;
            }
            Routed r = routeOne(event, p, tenantByNumber, tenantsByWaba, outcomes);
            if (r != null) {
                r = awaitTemplates(c, r, outcomes);
            }
            if (r != null) {
                routed.add(r);
            }
        }
        StatusWriter.Locked locked = StatusWriter.lockKnown(c, routed.stream().flatMap(r -> r.statuses().stream()).toList());
        Map<String, UUID> messageIds = locked.ids();
        List<Routed> ready = new ArrayList<>();
        int busy = 0;
        for (Routed r : routed) {
            if (r.statuses().stream().anyMatch(s -> locked.busy().contains(InboundWriter.key(s.tenantId(), s.status().wamid())))) {
                // another transaction is changing one of its messages: leave the event untouched for
                // the next claim instead of waiting (waiting would serialise the pollers)
                outcomes.remove(r.event().id());
                busy++;
                continue;
            }
            Set<String> unknown = r.statuses().stream()
                    .filter(s -> !messageIds.containsKey(InboundWriter.key(s.tenantId(), s.status().wamid())))
                    .map(s -> s.status().wamid())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (unknown.isEmpty()) {
                ready.add(r);
            } else {
                outcomes.put(r.event().id(), waitFor(r, unknown));
            }
        }
        Map<UUID, Set<Notifications.Kind>> changes = new TreeMap<>();
        applyAll(c, ready, messageIds, outcomes, changes);
        settle(c, claimed, outcomes);
        for (Map.Entry<UUID, Set<Notifications.Kind>> e : changes.entrySet()) {
            for (Notifications.Kind kind : e.getValue()) {
                Notifications.announce(c, e.getKey(), kind);
            }
        }
        return claimed.size() - busy;
    }

    private List<Claimed> claim(Connection c) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        // The claim must walk idx_webhook_events_claim in order and stop after n rows. Before
        // autovacuum has analysed the table (a fresh database, a burst) the planner would instead
        // bitmap-scan and sort the whole backlog, so the claim alone switches those plans off.
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off");
        }
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL enable_bitmapscan TO DEFAULT; SET LOCAL enable_sort TO DEFAULT");
        }
        return claimed;
    }

    private static Map<String, UUID> route(Connection c, Iterable<ParsedWebhook> parsed) throws SQLException {
        Set<String> numbers = new HashSet<>();
        parsed.forEach(p -> p.changes().forEach(ch -> numbers.add(ch.phoneNumberId())));
        Map<String, UUID> tenants = new HashMap<>();
        if (numbers.isEmpty()) {
            return tenants;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT phone_number_id, tenant_id FROM whatsapp_accounts WHERE phone_number_id = ANY(?)")) {
            ps.setArray(1, SqlArrays.texts(c, new ArrayList<>(numbers)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tenants.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
        }
        return tenants;
    }

    /** WABA id → the tenants whose numbers belong to it, for template webhooks (they name no phone number). */
    private static Map<String, List<UUID>> routeBusinessAccounts(Connection c, Iterable<ParsedWebhook> parsed) throws SQLException {
        Set<String> wabas = new HashSet<>();
        parsed.forEach(p -> p.templateEvents().forEach(t -> wabas.add(t.wabaId())));
        Map<String, List<UUID>> tenants = new HashMap<>();
        if (wabas.isEmpty()) {
            return tenants;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT waba_id, tenant_id FROM whatsapp_accounts WHERE waba_id = ANY(?) ORDER BY waba_id, tenant_id")) {
            ps.setArray(1, SqlArrays.texts(c, new ArrayList<>(wabas)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tenants.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
                }
            }
        }
        return tenants;
    }

    /**
     * A template webhook for a template the tenant has not stored yet (it raced the submit's answer, or was
     * made in WhatsApp Manager after the last sync) waits and is retried like a status for an unknown message;
     * when the retries run out the known part is applied and the rest noted (the next sync brings it).
     */
    private Routed awaitTemplates(Connection c, Routed r, Map<UUID, Outcome> outcomes) throws SQLException {
        if (r.templates().isEmpty()) {
            return r;
        }
        List<TemplateEventWriter.TenantEvent> unknown = TemplateEventWriter.unknown(c, r.templates());
        if (unknown.isEmpty()) {
            return r;
        }
        String list = unknown.stream().map(u -> u.event().label()).distinct().limit(5).collect(Collectors.joining(", "));
        int attempt = r.event().attempts() + 1;
        if (attempt < retry.maxAttempts()) {
            outcomes.put(r.event().id(), new Outcome("unprocessed", r.tenantId(), "waiting for template " + list + " (attempt " + attempt + ")",
                    retry.delayAfter(attempt)));
            return null;
        }
        List<TemplateEventWriter.TenantEvent> known = new ArrayList<>(r.templates());
        known.removeAll(unknown);
        return r.withTemplates(known, "template " + list + " not stored for the tenant after " + attempt + " attempts; a template sync will bring it");
    }

    private static Routed routeOne(Claimed event, ParsedWebhook p, Map<String, UUID> tenantByNumber, Map<String, List<UUID>> tenantsByWaba,
                                   Map<UUID, Outcome> outcomes) {
        List<String> notes = new ArrayList<>(p.notes());
        List<TemplateEventWriter.TenantEvent> templates = new ArrayList<>();
        Set<String> unroutedWabas = new LinkedHashSet<>();
        for (io.switchboard.template.TemplateEvent t : p.templateEvents()) {
            List<UUID> owners = tenantsByWaba.getOrDefault(t.wabaId(), List.of());
            if (owners.isEmpty()) {
                unroutedWabas.add(t.wabaId());
            }
            owners.forEach(tenant -> templates.add(new TemplateEventWriter.TenantEvent(tenant, t)));
        }
        if (!p.templateEvents().isEmpty() && p.changes().isEmpty()) {
            if (templates.isEmpty()) {
                outcomes.put(event.id(), Outcome.failed(null, "no WhatsApp account is connected with waba_id " + String.join(", ", unroutedWabas)
                        + "; connect a number with --waba-id and reprocess the event"));
                return null;
            }
            if (!unroutedWabas.isEmpty()) {
                notes.add("skipped template changes for unconnected waba_id " + String.join(", ", unroutedWabas));
            }
            return new Routed(event, templates.get(0).tenantId(), List.of(), List.of(), templates, p.numberEvents(),
                    notes.isEmpty() ? null : String.join("; ", notes));
        }
        if (!p.numberEvents().isEmpty() && p.changes().isEmpty()) {
            // number health routes itself by WABA and display number when applied; a number not connected here changes nothing
            return new Routed(event, null, List.of(), List.of(), List.of(), p.numberEvents(), notes.isEmpty() ? null : String.join("; ", notes));
        }
        if (p.changes().isEmpty()) {
            outcomes.put(event.id(), Outcome.processed(null, notes.isEmpty() ? "nothing to do" : String.join("; ", notes)));
            return null;
        }
        UUID first = null;
        List<TenantMessage> messages = new ArrayList<>();
        List<TenantStatus> statuses = new ArrayList<>();
        Set<String> unrouted = new LinkedHashSet<>();
        for (WebhookChange change : p.changes()) {
            UUID tenant = tenantByNumber.get(change.phoneNumberId());
            if (tenant == null) {
                unrouted.add(change.phoneNumberId());
                continue;
            }
            if (first == null) {
                first = tenant;
            }
            change.messages().forEach(m -> messages.add(new TenantMessage(tenant, m)));
            change.statuses().forEach(s -> statuses.add(new TenantStatus(tenant, s)));
        }
        if (first == null) {
            outcomes.put(event.id(), Outcome.failed(null, "no WhatsApp account is connected with phone_number_id "
                    + String.join(", ", unrouted) + "; connect it with `whatsapp connect` and reprocess the event"));
            return null;
        }
        if (!unrouted.isEmpty()) {
            notes.add("skipped changes for unconnected phone_number_id " + String.join(", ", unrouted));
        }
        return new Routed(event, first, messages, statuses, templates, p.numberEvents(), notes.isEmpty() ? null : String.join("; ", notes));
    }

    private Outcome waitFor(Routed r, Set<String> unknown) {
        int attempt = r.event().attempts() + 1;
        String list = unknown.stream().limit(5).collect(Collectors.joining(", ")) + (unknown.size() > 5 ? ", …" : "");
        if (attempt >= retry.maxAttempts()) {
            return Outcome.failed(r.tenantId(), "status for unknown message " + list + " after " + attempt
                    + " attempts; no message with that wamid was ever stored for this tenant");
        }
        return new Outcome("unprocessed", r.tenantId(), "waiting for message " + list + " (attempt " + attempt + ")",
                retry.delayAfter(attempt));
    }

    /**
     * Applies every ready event set-based under one savepoint. If the database refuses the batch,
     * it rolls back to the savepoint and applies the events one by one, each under its own
     * savepoint, so the one it refuses is failed with the reason and the rest go through.
     */
    private static void applyAll(Connection c, List<Routed> ready, Map<String, UUID> messageIds, Map<UUID, Outcome> outcomes,
                                 Map<UUID, Set<Notifications.Kind>> changes) throws SQLException {
        if (ready.isEmpty()) {
            return;
        }
        Savepoint batch = c.setSavepoint();
        try {
            apply(c, ready, messageIds, changes);
            c.releaseSavepoint(batch);
            ready.forEach(r -> outcomes.put(r.event().id(), Outcome.processed(r.tenantId(), r.note())));
            return;
        } catch (SQLException e) {
            if (isTransient(e)) {
                throw e;
            }
            c.rollback(batch);
            log.warn("an event batch was refused ({}); applying its events one by one", e.getMessage());
        }
        for (Routed r : ready) {
            Savepoint one = c.setSavepoint();
            Map<UUID, Set<Notifications.Kind>> own = new TreeMap<>();
            try {
                apply(c, List.of(r), messageIds, own);
                c.releaseSavepoint(one);
                own.forEach((tenant, kinds) -> changes.computeIfAbsent(tenant, t -> EnumSet.noneOf(Notifications.Kind.class)).addAll(kinds));
                outcomes.put(r.event().id(), Outcome.processed(r.tenantId(), r.note()));
            } catch (SQLException e) {
                if (isTransient(e)) {
                    throw e;
                }
                c.rollback(one);
                outcomes.put(r.event().id(), Outcome.failed(r.tenantId(), "the database refused it: " + e.getMessage()));
            }
        }
    }

    private static void apply(Connection c, List<Routed> events, Map<String, UUID> messageIds,
                              Map<UUID, Set<Notifications.Kind>> changes) throws SQLException {
        List<TenantMessage> messages = new ArrayList<>();
        List<TenantStatus> statuses = new ArrayList<>();
        List<TemplateEventWriter.TenantEvent> templates = new ArrayList<>();
        List<io.switchboard.stats.NumberHealthEvent> numbers = new ArrayList<>();
        for (Routed r : events) {
            messages.addAll(r.messages());
            statuses.addAll(r.statuses());
            templates.addAll(r.templates());
            numbers.addAll(r.numbers());
        }
        if (!numbers.isEmpty()) {
            // the Stats window refreshes on any change of its tenant; TENANTS would make the inbox reload its tenants and
            // lose the open thread, STATUSES only re-reads ticks
            for (UUID tenant : io.switchboard.stats.NumberHealthWriter.apply(c, numbers)) {
                changes.computeIfAbsent(tenant, t -> EnumSet.noneOf(Notifications.Kind.class)).add(Notifications.Kind.STATUSES);
            }
        }
        if (!templates.isEmpty()) {
            // in Meta's time order, so a batch holding several changes of one template ends in the latest
            templates.sort(java.util.Comparator.comparing(t -> t.event().occurredAt()));
            for (UUID tenant : TemplateEventWriter.apply(c, templates)) {
                changes.computeIfAbsent(tenant, t -> EnumSet.noneOf(Notifications.Kind.class)).add(Notifications.Kind.TEMPLATES);
            }
        }
        if (!messages.isEmpty()) {
            for (UUID tenant : InboundWriter.write(c, messages)) {
                changes.computeIfAbsent(tenant, t -> EnumSet.noneOf(Notifications.Kind.class))
                        .addAll(EnumSet.of(Notifications.Kind.CONTACTS, Notifications.Kind.CONVERSATIONS, Notifications.Kind.MESSAGES));
            }
        }
        if (!statuses.isEmpty()) {
            for (UUID tenant : StatusWriter.apply(c, statuses, messageIds)) {
                changes.computeIfAbsent(tenant, t -> EnumSet.noneOf(Notifications.Kind.class)).add(Notifications.Kind.STATUSES);
            }
        }
    }

    /** One statement marks every claimed event: processed, failed (with reason) or deferred. */
    private static void settle(Connection c, List<Claimed> claimed, Map<UUID, Outcome> outcomes) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<UUID> tenants = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        List<String> delays = new ArrayList<>();
        for (Claimed event : claimed) {
            Outcome o = outcomes.get(event.id());
            if (o == null) {
                continue; // left for the next claim, untouched
            }
            ids.add(event.id());
            statuses.add(o.status());
            tenants.add(o.tenantId());
            errors.add(o.error());
            attempts.add(event.attempts() + 1);
            delays.add(o.retryIn() == null ? null : o.retryIn().toMillis() + " milliseconds");
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE webhook_events e
                   SET status = v.status,
                       tenant_id = COALESCE(v.tenant_id, e.tenant_id),
                       processing_error = v.error,
                       attempts = v.attempts,
                       next_attempt_at = CASE WHEN v.status = 'unprocessed' THEN NOW() + v.delay::interval END,
                       processed_at = CASE WHEN v.status = 'unprocessed' THEN NULL ELSE NOW() END
                  FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::int[], ?::text[])
                       AS v(id, status, tenant_id, error, attempts, delay)
                 WHERE e.id = v.id""")) {
            ps.setArray(1, SqlArrays.uuids(c, ids));
            ps.setArray(2, SqlArrays.texts(c, statuses));
            ps.setArray(3, SqlArrays.uuids(c, tenants));
            ps.setArray(4, SqlArrays.texts(c, errors));
            ps.setArray(5, SqlArrays.ints(c, attempts));
            ps.setArray(6, SqlArrays.texts(c, delays));
            ps.executeUpdate();
        }
    }

    /** Deadlock, serialization failure, lost connection, shutdown: retry the whole batch later. */
    static boolean isTransient(Throwable e) {
        while (e != null) {
            if (e instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("40") || state.startsWith("08") || state.startsWith("57") || state.startsWith("53");
            }
            e = e.getCause();
        }
        return false;
    }
}
