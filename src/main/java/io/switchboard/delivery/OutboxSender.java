package io.switchboard.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.CloudApiResponse;
import io.switchboard.common.Clock;
import io.switchboard.config.ConfigurationException;
import io.switchboard.db.Database;
import io.switchboard.db.DataAccessException;
import io.switchboard.db.DatabaseUnavailableException;
import io.switchboard.message.MessageType;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes queued outbound messages to the Cloud API. Each worker repeats: claim as many messages as it has
 * free slots, take their rate-limit tokens, send them; it does not wait for a batch's answers before
 * claiming again. Any number of workers in any number of processes may run against one database.
 *
 * <p>Crash safety. The claim is its own short transaction: it picks rows with FOR UPDATE SKIP LOCKED,
 * counts the attempt (send_attempts + 1) and sets a lease (next_attempt_at = now + lease), then
 * commits. The HTTP call happens with no transaction or lock open. Each answer's outcome is handed to the
 * {@link OutcomeRecorder} the moment it arrives and written within milliseconds (group commit), only if
 * the row still carries that attempt number (a fencing token). If the process dies between claim and
 * record, the row stays queued and becomes claimable again when the lease runs out, so nothing is lost;
 * what is sent twice is only what was in flight or answered but not yet written. The lease is longer than
 * the longest an attempt can take (token wait + HTTP timeout), so a live worker's message is never taken
 * over. A message that made no request (no token in time, stopping, database trouble) is handed back with
 * its attempt uncounted: send_attempts counts real requests only.
 */
public final class OutboxSender {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param workers      threads that claim and send
     * @param batchSize    most messages a worker holds at once (claimed, waiting for a token or for an answer); a claim takes up to that many
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

    /** After database trouble before any request was made, a message waits this long before it is claimed again. */
    private static final Duration AFTER_DATABASE_TROUBLE = Duration.ofSeconds(1);

    private final Database database;
    private final SendingAccounts accounts;
    private final CloudApiClient client;
    private final Options options;
    private final RetryPolicy retryPolicy;
    private final SendRateLimiter rateLimiter;
    private final AtomicBoolean running = new AtomicBoolean();
    /** Set by {@link #stop()}: claimed messages still waiting for a token are handed back at once. */
    private volatile boolean stopping;
    private final Object idle = new Object();
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile OutcomeRecorder recorder;
    private final MediaUploader uploader;

    public OutboxSender(Database database, SendingAccounts accounts, CloudApiClient client, Options options) {
        this(database, accounts, client, options, MediaUploader.NONE);
    }

    /** {@code uploader} takes files from the media store to Meta before their messages are sent. */
    public OutboxSender(Database database, SendingAccounts accounts, CloudApiClient client, Options options, MediaUploader uploader) {
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
        this.uploader = uploader;
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        stopping = false;
        recorder = new OutcomeRecorder(database, "outbox-recorder");
        recorder.start();
        for (int i = 0; i < options.workers(); i++) {
            Thread t = new Thread(this::work, "outbox-sender-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** True while started and every worker thread and the recorder run: {@code /healthz} reports it. */
    public boolean alive() {
        OutcomeRecorder r = recorder;
        return running.get() && r != null && r.alive() && !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
    }

    /**
     * Stops claiming; claimed messages not yet sent are handed back uncounted, requests in flight get their
     * answers, and every outcome is recorded before this returns.
     */
    public synchronized void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        stopping = true;
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
        recorder.stop(Duration.ofSeconds(5));
    }

    /** Tells idle workers to look for work now (e.g. right after queueing in this process). */
    public void wake() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /**
     * One worker: claims as many messages as it has free slots (at most a batch), takes their rate-limit
     * tokens and sends them, then claims again as soon as enough answers are in — it never waits for a
     * whole batch's slowest answer. Each answer's outcome goes to the recorder the moment it arrives.
     */
    private void work() {
        Semaphore slots = new Semaphore(options.batchSize());
        int refill = Math.max(1, options.batchSize() / 2);
        while (running.get()) {
            Duration pause = options.idlePoll();
            int room = awaitRoom(slots, refill);
            if (room == 0) {
                continue;
            }
            List<Claimed> batch;
            try {
                batch = claim(room);
            } catch (RuntimeException e) {
                slots.release(room);
                log.warn("outbox sender: could not claim messages, trying again shortly: {}", e.toString());
                pauseUnlessStopped(Duration.ofSeconds(1));
                continue;
            }
            slots.release(room - batch.size());
            if (!batch.isEmpty()) {
                dispatch(batch, outcome -> {
                    recorder.submit(outcome);
                    slots.release();
                });
                continue;
            }
            pauseUnlessStopped(pause);
        }
        // Stopping: the answers still in flight are awaited, so their outcomes reach the recorder.
        try {
            if (!slots.tryAcquire(options.batchSize(), client.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                log.warn("outbox sender: stopped with requests still unanswered; their messages are sent again when their lease runs out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until at least {@code wanted} slots are free, then takes every free slot; 0 once stopping. Claiming in such groups keeps claims few. */
    private int awaitRoom(Semaphore slots, int wanted) {
        try {
            while (running.get()) {
                if (slots.tryAcquire(wanted, 50, TimeUnit.MILLISECONDS)) {
                    return wanted + slots.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
        return 0;
    }

    private void pauseUnlessStopped(Duration pause) {
        synchronized (idle) {
            if (running.get()) {
                try {
                    idle.wait(Math.max(1, pause.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running.set(false);
                }
            }
        }
    }

    /**
     * Claims one batch, sends it and records every outcome before returning (one transaction for the
     * batch); returns how many messages were claimed. For a one-off pass; the running sender records as
     * answers arrive instead.
     */
    public int processBatch() {
        List<Claimed> batch = claim(options.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        sendAndRecord(batch);
        return batch.size();
    }

    /** Sends claimed messages and records their outcomes together once all are in. */
    void sendAndRecord(List<Claimed> batch) {
        List<SendOutcome> outcomes = Collections.synchronizedList(new ArrayList<>(batch.size()));
        CountDownLatch all = new CountDownLatch(batch.size());
        dispatch(batch, outcome -> {
            outcomes.add(outcome);
            all.countDown();
        });
        try {
            all.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Cloud API's answers", e);
        }
        database.inJdbcTransaction(c -> {
            OutcomeWriter.write(c, List.copyOf(outcomes));
            return null;
        });
    }

    /**
     * Takes each message of the batch to the API: checks what can be checked without a request, takes its
     * rate-limit token (waiting for it on this thread), and sends it without waiting for the answer. Every
     * message's outcome reaches {@code outcomes} exactly once — at once when no request is made, else when
     * its answer arrives.
     */
    private void dispatch(List<Claimed> batch, Consumer<SendOutcome> outcomes) {
        LocalDateTime now = Clock.nowUtc();
        Tokens tokens = new Tokens(batch, System.nanoTime() + options.maxTokenWait().toNanos());
        for (Claimed m : batch) {
            try {
                send(m, now, tokens, outcomes);
            } catch (DataAccessException | DatabaseUnavailableException e) {
                // The database, not the message: no request was made, so the attempt does not count.
                log.warn("outbox sender: message {} put back after database trouble: {}", m.id(), e.toString());
                outcomes.accept(new SendOutcome.PutBack(m, AFTER_DATABASE_TROUBLE));
            } catch (RuntimeException e) {
                // One message's surprise (e.g. an account row that cannot be read) must not sink the batch,
                // nor keep the message cycling through leases forever: it counts as an attempt.
                log.warn("outbox sender: message {} could not be sent: {}", m.id(), e.toString());
                outcomes.accept(afterRetryableFailure(m, new SendFailure(true, "internal_error", "Could not send",
                        "Switchboard could not send this message: " + e.getMessage())));
            } finally {
                tokens.done(m);
            }
        }
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

        /** A token for {@code m}, waiting for the bucket if need be; false when none came before the deadline or the sender stops. */
        boolean take(Claimed m, SendingAccount a) throws InterruptedException {
            int wanted = unsentByTenant.get(m.tenantId());
            int held = inHand.getOrDefault(a.phoneNumberId(), 0);
            if (held == 0) {
                held = rateLimiter.take(a.tenantId(), a.phoneNumberId(), a.sendRatePerSecond(), wanted, deadlineNanos, () -> stopping);
                if (held == 0) {
                    return false;
                }
            }
            inHand.put(a.phoneNumberId(), held - 1);
            return true;
        }
    }

    private void send(Claimed m, LocalDateTime now, Tokens tokens, Consumer<SendOutcome> outcomes) {
        if (m.type() != MessageType.TEMPLATE && !ServiceWindow.isOpen(m.lastInboundAt(), now)) {
            outcomes.accept(failed(m, new SendFailure(false, "service_window_closed", "Outside the 24-hour window", ServiceWindow.CLOSED_REASON)));
            return;
        }
        Optional<SendingAccount> account;
        try {
            account = accounts.forTenant(m.tenantId());
        } catch (ConfigurationException e) {
            outcomes.accept(failed(m, new SendFailure(false, "account_unreadable", "WhatsApp account cannot be read", e.getMessage())));
            return;
        }
        if (account.isEmpty()) {
            outcomes.accept(failed(m, new SendFailure(false, "no_whatsapp_account", "No WhatsApp number connected",
                    "This tenant has no active WhatsApp number to send from; connect one, then retry the message.")));
            return;
        }
        byte[] body;
        try {
            JsonNode metadata = m.metadata() == null ? null : JSON.readTree(m.metadata());
            if (MediaUploader.needsUpload(metadata)) {
                // A file from disk: uploaded here, on the sender's thread, never on the agent's screen.
                try {
                    uploader.resolve(account.get(), m.tenantId(), m.id(), m.attempt(), (com.fasterxml.jackson.databind.node.ObjectNode) metadata.get("media"));
                } catch (MediaUploader.UploadFailed e) {
                    SendFailure failure = new SendFailure(e.retryable(), e.code(), "The file could not be uploaded", e.getMessage());
                    outcomes.accept(e.retryable() ? afterRetryableFailure(m, failure) : failed(m, failure));
                    return;
                }
            }
            body = JSON.writeValueAsBytes(MessagePayload.build(m.type(), m.content(), metadata, m.phone()));
        } catch (IOException | IllegalArgumentException e) {
            outcomes.accept(failed(m, new SendFailure(false, "invalid_message", "The message cannot be sent",
                    "The stored message cannot be turned into a WhatsApp request: " + e.getMessage())));
            return;
        }
        SendingAccount a = account.get();
        try {
            if (!tokens.take(m, a)) {
                outcomes.accept(new SendOutcome.PutBack(m, Duration.ZERO));
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcomes.accept(new SendOutcome.PutBack(m, Duration.ZERO));
            return;
        }
        client.sendMessage(a.apiBaseUrl(), a.phoneNumberId(), a.accessToken(), body)
                .thenApply(response -> judge(m, response))
                .whenComplete((outcome, error) -> outcomes.accept(outcome != null ? outcome
                        : afterRetryableFailure(m, new SendFailure(true, "internal_error", "Could not send",
                        "Switchboard could not read the answer: " + error))));
    }

    private SendOutcome judge(Claimed m, CloudApiResponse response) {
        if (response instanceof CloudApiResponse.Accepted accepted) {
            return new SendOutcome.Sent(m, accepted.wamid(), Clock.nowUtc());
        }
        SendFailure failure = SendFailures.classify(response);
        return failure.retryable() ? afterRetryableFailure(m, failure) : failed(m, failure);
    }

    private SendOutcome afterRetryableFailure(Claimed m, SendFailure failure) {
        if (retryPolicy.exhausted(m.attempt())) {
            return failed(m, new SendFailure(false, failure.code(), failure.title(), "Gave up after " + m.attempt() + " attempts. " + failure.detail()));
        }
        return new SendOutcome.Retry(m, new SendFailure(true, failure.code(), failure.title(),
                failure.detail() + " Attempt " + m.attempt() + " of " + retryPolicy.maxAttempts() + " failed; trying again."),
                retryPolicy.delayAfter(m.attempt()));
    }

    private static SendOutcome failed(Claimed m, SendFailure failure) {
        return new SendOutcome.Failed(m, failure, Clock.nowUtc());
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
}
