package io.switchboard.delivery;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per sending number (phone_number_id), shared by all sender workers of this process.
 * A changed rate replaces the bucket. Several processes sending for the same number each hold their own
 * bucket, so the number's real ceiling is the rate times the number of sending processes.
 */
final class SendRateLimiter {
    private record Entry(int rate, TokenBucket bucket) {
    }

    private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();

    boolean acquire(String phoneNumberId, int ratePerSecond, long deadlineNanos) throws InterruptedException {
        Entry entry = buckets.compute(phoneNumberId, (k, old) -> old != null && old.rate() == ratePerSecond ? old : new Entry(ratePerSecond, new TokenBucket(ratePerSecond)));
        return entry.bucket().acquire(deadlineNanos);
    }
}
