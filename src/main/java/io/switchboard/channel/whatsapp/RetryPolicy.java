package io.switchboard.channel.whatsapp;

import java.time.Duration;

/**
 * How the poller waits for a message a status refers to (the status raced the sender): the n-th
 * wait is {@code base * 2^(n-1)}, capped, and after {@code maxAttempts} the event is failed with
 * its reason.
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts) {
    /** 1 s, 2 s, 4 s … capped at 5 min; 12 attempts span about 20 minutes. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 12);

    public RetryPolicy {
        if (maxAttempts < 1 || base.isNegative() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry policy needs maxAttempts >= 1 and 0 <= base <= cap");
        }
    }

    /** The wait before attempt {@code attempt + 1}, {@code attempt} counting from 1. */
    public Duration delayAfter(int attempt) {
        int shift = Math.min(30, Math.max(0, attempt - 1));
        long millis = base.toMillis() << shift;
        if (millis < 0 || millis > cap.toMillis()) {
            return cap;
        }
        return Duration.ofMillis(millis);
    }
}
