package io.switchboard.stats;

import java.util.List;

/**
 * A distribution of durations in whole minutes: how many, the median and
 * 90th percentile (nearest rank; null when there are none) and the count per bucket of {@link #BUCKETS}.
 */
public record ResponseTimes(long count, Integer medianMinutes, Integer p90Minutes, List<Long> buckets) {
    public static final List<String> BUCKETS = List.of("< 1 h", "1–4 h", "4–8 h", "8–24 h", "> 24 h");
    public static final String FIRST_RESPONSE_DEFINITION = "First response time: from a customer's first unanswered message to the next reply"
            + " written by a person (campaign messages do not count), counted on the day of the reply.";
    public static final String RESOLUTION_DEFINITION = "Resolution time: from a conversation's opening (or reopening) to its closing, counted on the day it was closed.";

    /** The bucket a duration falls in: &lt; 60, 60–239, 240–479, 480–1439, ≥ 1440 minutes. */
    public static int bucketOf(int minutes) {
        if (minutes < 60) {
            return 0;
        }
        if (minutes < 240) {
            return 1;
        }
        if (minutes < 480) {
            return 2;
        }
        return minutes < 1440 ? 3 : 4;
    }

    /** "2 h 05 min", "17 min" or "–". */
    public static String format(Integer minutes) {
        if (minutes == null) {
            return "–";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 2880) {
            return String.format("%d h %02d min", minutes / 60, minutes % 60);
        }
        return String.format("%d d %d h", minutes / 1440, (minutes % 1440) / 60);
    }
}
