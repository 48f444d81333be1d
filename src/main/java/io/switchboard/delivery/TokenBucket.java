package io.switchboard.delivery;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, holding at most one second's worth, so a
 * number never bursts past its per-second throughput.
 */
final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    TokenBucket(int ratePerSecond) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = Math.max(1, ratePerSecond);
        this.tokens = capacity;
        this.refilledAt = System.nanoTime();
    }

    /** Takes a token, waiting for one until {@code deadlineNanos} (System.nanoTime); false when the deadline passes first. */
    boolean acquire(long deadlineNanos) throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                tokens = Math.min(capacity, tokens + (now - refilledAt) * ratePerNano);
                refilledAt = now;
                if (tokens >= 1) {
                    tokens -= 1;
                    return true;
                }
                waitNanos = (long) Math.ceil((1 - tokens) / ratePerNano);
                if (now + waitNanos > deadlineNanos) {
                    return false;
                }
            }
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
