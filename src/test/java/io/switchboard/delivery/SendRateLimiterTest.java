package io.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendRateLimiterTest {
    private final OutboundFixture f = new OutboundFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aTakerWhoseClockReadingIsOlderThanTheStoredRefillDoesNotMoveItBackNorCountTheGapTwice() throws Exception {
        // What a taker that waited for another's row lock sees: the other stored a refill time later than
        // this taker's clock reading (taken before the lock was granted).
        f.execute("""
                INSERT INTO send_rate_buckets (phone_number_id, tenant_id, tokens, refilled_at)
                VALUES (?, ?, 0, clock_timestamp() + INTERVAL '2 seconds')""", OutboundFixture.PHONE_NUMBER_ID, f.tenantId);
        String stored = String.valueOf(f.count("SELECT (EXTRACT(EPOCH FROM refilled_at) * 1000)::bigint FROM send_rate_buckets"));
        SendRateLimiter limiter = new SendRateLimiter(f.db);

        int granted = limiter.take(f.tenantId, OutboundFixture.PHONE_NUMBER_ID, 10, 5, System.nanoTime() + 50_000_000L, () -> false);

        assertThat(granted).as("no time has passed since the stored refill").isZero();
        assertThat(String.valueOf(f.count("SELECT (EXTRACT(EPOCH FROM refilled_at) * 1000)::bigint FROM send_rate_buckets")))
                .as("the refill time never moves back").isEqualTo(stored);
        assertThat(f.count("SELECT COUNT(*) FROM send_rate_buckets WHERE tokens = 0")).isEqualTo(1);
    }

    @Test
    void aFullBucketGrantsAtMostOneSecondsWorth() throws Exception {
        SendRateLimiter limiter = new SendRateLimiter(f.db);

        assertThat(limiter.take(f.tenantId, OutboundFixture.PHONE_NUMBER_ID, 10, 25, System.nanoTime() + 1_000_000_000L, () -> false)).isEqualTo(10);
        assertThat(f.count("SELECT COUNT(*) FROM send_rate_buckets WHERE tokens < 1")).as("what was granted left the bucket").isEqualTo(1);
        assertThat(limiter.take(f.tenantId, OutboundFixture.PHONE_NUMBER_ID, 10, 25, System.nanoTime() + 5_000_000_000L, () -> true))
                .as("the sender is stopping").isZero();
    }
}
