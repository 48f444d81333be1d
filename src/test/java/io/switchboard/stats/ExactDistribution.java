package io.switchboard.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tests' oracle for a response-time distribution: median and p90 by nearest rank over a histogram of exact
 * minutes (a plain recount of durations), buckets as {@link ResponseTimes#BUCKETS}. The dashboard must give the same
 * from its duration-bucket counters.
 */
final class ExactDistribution {
    private ExactDistribution() {
    }

    static ResponseTimes of(TreeMap<Integer, Long> minutes) {
        long[] buckets = new long[ResponseTimes.BUCKETS.size()];
        long count = 0;
        if (minutes != null) {
            for (Map.Entry<Integer, Long> e : minutes.entrySet()) {
                count += e.getValue();
                buckets[ResponseTimes.bucketOf(e.getKey())] += e.getValue();
            }
        }
        List<Long> list = new ArrayList<>();
        for (long b : buckets) {
            list.add(b);
        }
        if (count <= 0) {
            return new ResponseTimes(Math.max(0, count), null, null, list);
        }
        return new ResponseTimes(count, nearestRank(minutes, count, 50), nearestRank(minutes, count, 90), list);
    }

    private static Integer nearestRank(TreeMap<Integer, Long> minutes, long count, int percent) {
        long rank = Math.max(1, (count * percent + 99) / 100);
        long seen = 0;
        for (Map.Entry<Integer, Long> e : minutes.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return minutes.lastKey();
    }
}
