package io.switchboard.ui.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThumbnailCacheTest {
    /** Values are their own weight in bytes, as a decoded thumbnail weighs width × height × 4. */
    private final ThumbnailCache<String, Long> cache = new ThumbnailCache<>(1_000, Long::longValue);

    @Test
    void neverHoldsMoreThanItsBoundAndDropsTheLeastRecentlyUsedFirst() {
        cache.put("a", 400L);
        cache.put("b", 400L);
        assertThat(cache.get("a")).isEqualTo(400L); // a is now the most recently used
        cache.put("c", 400L);
        assertThat(cache.get("b")).as("least recently used, evicted").isNull();
        assertThat(cache.get("a")).isEqualTo(400L);
        assertThat(cache.get("c")).isEqualTo(400L);
        assertThat(cache.weight()).isEqualTo(800);
        for (int i = 0; i < 500; i++) {
            cache.put("k" + i, (long) (i % 300) + 1);
            assertThat(cache.weight()).isLessThanOrEqualTo(1_000);
        }
    }

    @Test
    void aValueHeavierThanTheBoundIsNotKeptAndReplacingAKeyReweighsIt() {
        cache.put("huge", 1_001L);
        assertThat(cache.get("huge")).isNull();
        assertThat(cache.weight()).isZero();
        cache.put("x", 600L);
        cache.put("x", 100L);
        assertThat(cache.weight()).isEqualTo(100);
        assertThat(cache.size()).isEqualTo(1);
    }
}
