package io.switchboard.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.CloudApiResponse;
import io.switchboard.common.Clock;
import io.switchboard.config.ConfigurationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.message.MessageType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes queued outbound messages to the Cloud API. Each worker repeats: claim a batch, send it, record
 * the outcomes. Any number of workers in any number of processes may run against one database.
 *
 * <p>Crash safety. The claim is its own short transaction: it picks rows with FOR UPDATE SKIP LOCKED,
 * counts the attempt (send_attempts + 1) and sets a lease (next_attempt_at = now + lease), then
 * commits. The HTTP call happens with no transaction or lock open, and the outcome is written
 * afterwards only if the row still carries that attempt number (a fencing token). If the process dies
 * between claim and record, the row stays queued and becomes claimable again when the lease runs out,
 * so nothing is lost. The lease is longer than the longest an attempt can take (token wait + HTTP
 * timeout), so a live worker's message is never taken over.
 */
public final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param workers      threads that claim and send
     * @param batchSize    messages per claim; sent concurrently
     * @param lease        how long a claimed message is left alone before another worker may take it
     * @param maxAttempts  attempts before a retryable failure becomes final
     * @param backoffBase  wait after the first retryable failure; doubles per attempt, with jitter
     * @param backoffCap   longest wait between attempts
     * @param idlePoll     how often an idle worker looks for work
     * @param maxTokenWait longest a message waits for its number's rate limit before it is put back
     */
    public record Options(int workers, int batchSize, Duration lease, int maxAttempts, Duration backoffBase, Duration backoffCap,
                          Duration idlePoll, Duration maxTokenWait) {
        public static Options defaults() {
            return new Options(2, 50, Duration.ofMinutes(2), 6, Duration.ofSeconds(2), Duration.ofMinutes(10),
                    Duration.ofMillis(200), Duration.ofSeconds(5));
        }

        public Options withWorkers(int n) {
            return new Options(n, batchSize, lease, maxAttempts, backoffBase, backoffCap, idlePoll, maxTokenWait);
        }

        public Options withBatchSize(int n) {
            return new Options(workers, n, lease, maxAttempts, backoffBase, backoffCap, idlePoll, maxTokenWait);
        }

        public Options withLease(Duration d) {
            return new Options(workers, batchSize, d, maxAttempts, backoffBase, backoffCap, idlePoll, maxTokenWait);
        }

        public Options withRetries(int attempts, Duration base, Duration cap) {
            return new Options(workers, batchSize, lease, attempts, base, cap, idlePoll, maxTokenWait);
        }

        public Options withIdlePoll(Duration d) {
            return new Options(workers, batchSize, lease, maxAttempts, backoffBase, backoffCap, d, maxTokenWait);
        }

        public Options withMaxTokenWait(Duration d) {
            return new Options(workers, batchSize, lease, maxAttempts, backoffBase, backoffCap, idlePoll, d);
        }
    }

    /** A claimed row with what sending needs; {@code attempt} is the fencing token. */
    record Claimed(UUID id, UUID tenantId, MessageType type, String content, String metadata, int attempt, String phone, LocalDateTime lastInboundAt) {
    }

    private sealed interface Outcome {
        Claimed message();
    }

    private record Sent(Claimed message, String wamid) implements Outcome {
    }

    private record Retry(Claimed message, SendFailure failure, Duration delay) implements Outcome {
    }

    private record Failed(Claimed message, SendFailure failure) implements Outcome {
    }

    /** No rate-limit token in time: handed back untouched, the attempt not counted. */
    private record PutBack(Claimed message) implements Outcome {
    }

    private final Database database;
    private final SendingAccounts accounts;
    private final CloudApiClient client;
    private final Options options;
    private final RetryPolicy retryPolicy;
    private final SendRateLimiter rateLimiter;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object idle = new Object();
    private final List<Thread> threads = new ArrayList<>();

    public OutboxSender(Database database, SendingAccounts accounts, CloudApiClient client, Options options) {
        Duration longestAttempt = options.maxTokenWait().plus(client.requestTimeout());
        if (options.lease().compareTo(longestAttempt) <= 0) {
            throw new IllegalArgumentException("the lease (" + options.lease() + ") must outlast the longest attempt (" + longestAttempt + ")");
        }
        this.database = database;
        this.accounts = accounts;
        this.client = client;
        this.options = options;
        this.retryPolicy = new RetryPolicy(options.maxAttempts(), options.backoffBase(), options.backoffCap());
        this.rateLimiter = new SendRateLimiter(database);
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        for (int i = 0; i < options.workers(); i++) {
            Thread t = new Thread(this::work, "outbox-sender-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Stops claiming; returns once every worker has recorded the batch it was sending. */
    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        wake();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    /** Tells idle workers to look for work now (e.g. right after queueing in this process). */
    public void wake() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void work() {
        while (running.get()) {
            Duration pause = options.idlePoll();
            try {
                if (processBatch() > 0) {
                    continue;
                }
            } catch (RuntimeException e) {
                log.warn("outbox sender: batch failed, trying again shortly: {}", e.toString());
                pause = Duration.ofSeconds(1);
            }
            synchronized (idle) {
                if (running.get()) {
                    try {
                        idle.wait(Math.max(1, pause.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Claims one batch, sends it and records every outcome; returns how many messages were claimed. */
    public int processBatch() {
        List<Claimed> batch = claim(options.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        sendAndRecord(batch);
        return batch.size();
    }

    /** Sends claimed messages concurrently (each after its rate-limit token) and records the outcomes together. */
    void sendAndRecord(List<Claimed> batch) {
        List<CompletableFuture<Outcome>> pending = new ArrayList<>(batch.size());
        LocalDateTime now = Clock.nowUtc();
        Tokens tokens = new Tokens(batch, System.nanoTime() + options.maxTokenWait().toNanos());
        for (Claimed m : batch) {
            try {
                pending.add(send(m, now, tokens));
            } catch (RuntimeException e) {
                // One message's surprise (e.g. an account row that cannot be read) must not sink the batch,
                // nor keep the message cycling through leases forever: it counts as an attempt.
                log.warn("outbox sender: message {} could not be sent: {}", m.id(), e.toString());
                pending.add(done(afterRetryableFailure(m, new SendFailure(true, "internal_error", "Could not send",
                        "Switchboard could not send this message: " + e.getMessage()))));
            } finally {
                tokens.done(m);
            }
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (CompletableFuture<Outcome> f : pending) {
            outcomes.add(f.join());
        }
        record(outcomes);
    }

    /**
     * A batch's rate-limit tokens: taken from the shared bucket for all of a number's remaining messages
     * in the batch at once, then spent one per message. (A tenant sends from one number, so messages
     * per tenant are messages per number.)
     */
    private final class Tokens {
        private final long deadlineNanos;
        private final Map<UUID, Integer> unsentByTenant = new HashMap<>();
        private final Map<String, Integer> inHand = new HashMap<>();

        Tokens(List<Claimed> batch, long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
            batch.forEach(m -> unsentByTenant.merge(m.tenantId(), 1, Integer::sum));
        }

        /** The message is dealt with (sent, refused or put back); it needs no token any more. */
        void done(Claimed m) {
            unsentByTenant.merge(m.tenantId(), -1, Integer::sum);
        }

        /** A token for {@code m}, waiting for the bucket if need be; false when none came before the deadline. */
        boolean take(Claimed m, SendingAccount a) throws InterruptedException {
            int wanted = unsentByTenant.get(m.tenantId());
            int held = inHand.getOrDefault(a.phoneNumberId(), 0);
            if (held == 0) {
                held = rateLimiter.take(a.tenantId(), a.phoneNumberId(), a.sendRatePerSecond(), wanted, deadlineNanos);
                if (held == 0) {
                    return false;
                }
            }
            inHand.put(a.phoneNumberId(), held - 1);
            return true;
        }
    }

    private CompletableFuture<Outcome> send(Claimed m, LocalDateTime now, Tokens tokens) {
        if (m.type() != MessageType.TEMPLATE && !ServiceWindow.isOpen(m.lastInboundAt(), now)) {
            return done(new Failed(m, new SendFailure(false, "service_window_closed", "Outside the 24-hour window", ServiceWindow.CLOSED_REASON)));
        }
        Optional<SendingAccount> account;
        try {
            account = accounts.forTenant(m.tenantId());
        } catch (ConfigurationException e) {
            return done(new Failed(m, new SendFailure(false, "account_unreadable", "WhatsApp account cannot be read", e.getMessage())));
        }
        if (account.isEmpty()) {
            return done(new Failed(m, new SendFailure(false, "no_whatsapp_account", "No WhatsApp number connected",
                    "This tenant has no active WhatsApp number to send from; connect one, then retry the message.")));
        }
        byte[] body;
        try {
            JsonNode metadata = m.metadata() == null ? null : JSON.readTree(m.metadata());
            body = JSON.writeValueAsBytes(MessagePayload.build(m.type(), m.content(), metadata, m.phone()));
        } catch (IOException | IllegalArgumentException e) {
            return done(new Failed(m, new SendFailure(false, "invalid_message", "The message cannot be sent",
                    "The stored message cannot be turned into a WhatsApp request: " + e.getMessage())));
        }
        SendingAccount a = account.get();
        try {
            if (!tokens.take(m, a)) {
                return done(new PutBack(m));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done(new PutBack(m));
        }
        return client.sendMessage(a.apiBaseUrl(), a.phoneNumberId(), a.accessToken(), body).thenApply(response -> judge(m, response));
    }

    private Outcome judge(Claimed m, CloudApiResponse response) {
        if (response instanceof CloudApiResponse.Accepted accepted) {
            return new Sent(m, accepted.wamid());
        }
        SendFailure failure = SendFailures.classify(response);
        return failure.retryable() ? afterRetryableFailure(m, failure) : new Failed(m, failure);
    }

    private Outcome afterRetryableFailure(Claimed m, SendFailure failure) {
        if (retryPolicy.exhausted(m.attempt())) {
            return new Failed(m, new SendFailure(false, failure.code(), failure.title(), "Gave up after " + m.attempt() + " attempts. " + failure.detail()));
        }
        return new Retry(m, new SendFailure(true, failure.code(), failure.title(),
                failure.detail() + " Attempt " + m.attempt() + " of " + retryPolicy.maxAttempts() + " failed; trying again."),
                retryPolicy.delayAfter(m.attempt()));
    }

    private static CompletableFuture<Outcome> done(Outcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    /**
     * The claim: one statement, committed at once, so no lock is held while talking to Meta. Messages of a
     * deactivated tenant or of a paused or cancelled campaign are left waiting.
     */
    List<Claimed> claim(int limit) {
        return database.inJdbcTransaction(c -> {
            List<Claimed> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH picked AS (
                      SELECT m.id FROM messages m
                      WHERE m.status = 'queued' AND m.direction = 'outbound'
                        AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= NOW())
                        AND NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = m.tenant_id AND t.status = 'inactive')
                        AND (m.campaign_id IS NULL OR NOT EXISTS (
                              SELECT 1 FROM campaigns cp WHERE cp.id = m.campaign_id AND cp.status IN ('paused', 'cancelled')))
                      ORDER BY m.next_attempt_at NULLS FIRST, m.created_at
                      LIMIT ?
                      FOR UPDATE OF m SKIP LOCKED)
                    UPDATE messages m
                       SET send_attempts = m.send_attempts + 1,
                           next_attempt_at = NOW() + (? * INTERVAL '1 millisecond'),
                           updated_at = NOW()
                      FROM picked, contacts ct
                     WHERE m.id = picked.id AND ct.id = m.contact_id
                    RETURNING m.id, m.tenant_id, m.type, m.content, m.metadata::text, m.send_attempts, ct.phone, ct.last_inbound_at""")) {
                ps.setInt(1, limit);
                ps.setLong(2, options.lease().toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), MessageType.fromCode(rs.getString(3)),
                                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7), rs.getObject(8, LocalDateTime.class)));
                    }
                }
            }
            return claimed;
        });
    }

    /** Writes all outcomes of a batch in one transaction, each guarded by its attempt number. */
    private void record(List<Outcome> outcomes) {
        database.inJdbcTransaction(c -> {
            Timestamp now = Timestamp.valueOf(Clock.nowUtc());
            Set<UUID> tenants = new LinkedHashSet<>();
            try (PreparedStatement sent = c.prepareStatement("""
                    UPDATE messages SET status = 'sent', external_message_id = ?, sent_at = COALESCE(sent_at, ?), next_attempt_at = NULL,
                           error_code = NULL, error_title = NULL, error_detail = NULL, updated_at = NOW()
                    WHERE id = ? AND status = 'queued' AND send_attempts = ?""");
                 PreparedStatement sentHistory = c.prepareStatement("""
                    INSERT INTO message_statuses (tenant_id, message_id, phone, status, wamid, occurred_at)
                    SELECT m.tenant_id, m.id, ?, 'sent', m.external_message_id, ? FROM messages m
                    WHERE m.id = ? AND m.external_message_id = ? AND m.send_attempts = ?
                    ON CONFLICT (message_id, status) DO NOTHING""");
                 PreparedStatement retry = c.prepareStatement("""
                    UPDATE messages SET next_attempt_at = NOW() + (? * INTERVAL '1 millisecond'), error_code = ?, error_title = ?, error_detail = ?,
                           updated_at = NOW()
                    WHERE id = ? AND status = 'queued' AND send_attempts = ?""");
                 PreparedStatement failed = c.prepareStatement("""
                    UPDATE messages SET status = 'failed', failed_at = COALESCE(failed_at, ?), next_attempt_at = NULL,
                           error_code = ?, error_title = ?, error_detail = ?, updated_at = NOW()
                    WHERE id = ? AND status = 'queued' AND send_attempts = ?""");
                 PreparedStatement failedHistory = c.prepareStatement("""
                    INSERT INTO message_statuses (tenant_id, message_id, phone, status, occurred_at, error, error_code)
                    SELECT m.tenant_id, m.id, ?, 'failed', ?, ?, ? FROM messages m
                    WHERE m.id = ? AND m.status = 'failed' AND m.send_attempts = ?
                    ON CONFLICT (message_id, status) DO NOTHING""");
                 PreparedStatement putBack = c.prepareStatement("""
                    UPDATE messages SET send_attempts = send_attempts - 1, next_attempt_at = NULL, updated_at = NOW()
                    WHERE id = ? AND status = 'queued' AND send_attempts = ?""")) {
                for (Outcome o : outcomes) {
                    Claimed m = o.message();
                    if (o instanceof Sent s) {
                        sent.setString(1, s.wamid());
                        sent.setTimestamp(2, now);
                        sent.setObject(3, m.id());
                        sent.setInt(4, m.attempt());
                        sent.addBatch();
                        sentHistory.setString(1, m.phone());
                        sentHistory.setTimestamp(2, now);
                        sentHistory.setObject(3, m.id());
                        sentHistory.setString(4, s.wamid());
                        sentHistory.setInt(5, m.attempt());
                        sentHistory.addBatch();
                        tenants.add(m.tenantId());
                    } else if (o instanceof Retry r) {
                        retry.setLong(1, r.delay().toMillis());
                        retry.setString(2, r.failure().code());
                        retry.setString(3, r.failure().title());
                        retry.setString(4, r.failure().detail());
                        retry.setObject(5, m.id());
                        retry.setInt(6, m.attempt());
                        retry.addBatch();
                        tenants.add(m.tenantId());
                    } else if (o instanceof Failed f) {
                        failed.setTimestamp(1, now);
                        failed.setString(2, f.failure().code());
                        failed.setString(3, f.failure().title());
                        failed.setString(4, f.failure().detail());
                        failed.setObject(5, m.id());
                        failed.setInt(6, m.attempt());
                        failed.addBatch();
                        failedHistory.setString(1, m.phone());
                        failedHistory.setTimestamp(2, now);
                        failedHistory.setString(3, f.failure().detail());
                        failedHistory.setString(4, f.failure().code());
                        failedHistory.setObject(5, m.id());
                        failedHistory.setInt(6, m.attempt());
                        failedHistory.addBatch();
                        tenants.add(m.tenantId());
                    } else {
                        putBack.setObject(1, m.id());
                        putBack.setInt(2, m.attempt());
                        putBack.addBatch();
                    }
                }
                // Order matters only within a kind; the history inserts read the rows just updated.
                sent.executeBatch();
                sentHistory.executeBatch();
                retry.executeBatch();
                failed.executeBatch();
                failedHistory.executeBatch();
                putBack.executeBatch();
            }
            for (UUID tenant : tenants) {
                Notifications.announce(c, tenant, Notifications.Kind.STATUSES);
            }
            return null;
        });
    }
}
