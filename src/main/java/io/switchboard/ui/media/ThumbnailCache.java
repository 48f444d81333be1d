package io.switchboard.ui.media;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Decoded pictures kept for reuse, bounded by what they weigh in memory (a decoded thumbnail costs
 * width × height × 4 bytes, whatever its file size): the least recently used go first when a new one
 * would pass the bound, and one heavier than the bound alone is not kept at all. Thread-safe.
 */
public final class ThumbnailCache<K, V> {
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, V> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long weight;

    public ThumbnailCache(long maxWeight, ToLongFunction<V> weigher) {
        if (maxWeight <= 0) {
            throw new IllegalArgumentException("maxWeight must be positive");
        }
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized void put(K key, V value) {
        long w = weigher.applyAsLong(value);
        V old = entries.remove(key);
        if (old != null) {
            weight -= weigher.applyAsLong(old);
        }
        if (w > maxWeight) {
            return;
        }
        Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator();
        while (weight + w > maxWeight && eldest.hasNext()) {
            weight -= weigher.applyAsLong(eldest.next().getValue());
            eldest.remove();
        }
        entries.put(key, value);
        weight += w;
    }

    public synchronized long weight() {
        return weight;
    }

    public synchronized int size() {
        return entries.size();
    }

    public long maxWeight() {
        return maxWeight;
    }
}
