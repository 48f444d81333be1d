package io.switchboard.delivery;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of base·2^(n-1), capped, so
 * many messages that failed together do not all come back at the same instant.
 */
record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    boolean exhausted(int attemptsMade) {
        return attemptsMade >= maxAttempts;
    }

    /** The wait after attempt {@code attemptsMade} (1-based) failed retryably. */
    Duration delayAfter(int attemptsMade) {
        long baseMillis = base.toMillis();
        long exponential = baseMillis << Math.min(30, Math.max(0, attemptsMade - 1));
        long ceiling = Math.min(cap.toMillis(), exponential < 0 ? Long.MAX_VALUE : exponential);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
