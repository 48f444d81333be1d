package io.switchboard.delivery;

import java.time.Duration;
import java.time.LocalDateTime;

/** What became of one claimed message's attempt; written back guarded by the claim's attempt number. */
sealed interface SendOutcome {
    OutboxSender.Claimed message();

    /** Meta accepted it at {@code at} (when the answer arrived) and named it {@code wamid}. */
    record Sent(OutboxSender.Claimed message, String wamid, LocalDateTime at) implements SendOutcome {
    }

    /** A failure that may pass: queued again after {@code delay}; the attempt counts. */
    record Retry(OutboxSender.Claimed message, SendFailure failure, Duration delay) implements SendOutcome {
    }

    /** Final: the message is failed with the reason, at {@code at}. */
    record Failed(OutboxSender.Claimed message, SendFailure failure, LocalDateTime at) implements SendOutcome {
    }

    /**
     * No HTTP request was made (no rate-limit token in time, the sender stopping, the database briefly
     * unreachable): handed back with its attempt uncounted, claimable again after {@code delay}.
     */
    record PutBack(OutboxSender.Claimed message, Duration delay) implements SendOutcome {
    }
}
