package io.switchboard.campaign;

import java.util.List;
import java.util.Map;

/**
 * A campaign's funnel as the counters kept by V22's triggers have it at the moment of reading (equal to a recount of its
 * recipients and their messages with FunnelBucket's conditions).
 * {@code counts} has one entry per {@link FunnelBucket}; {@code failures} breaks "failed" down by Meta's code.
 */
public record Funnel(Map<FunnelBucket, Integer> counts, List<Failure> failures) {

    /** One error code: how many, Meta's title and our plain-language reason. */
    public record Failure(String code, int count, String title, String reason) {
    }

    public int count(FunnelBucket b) {
        return counts.getOrDefault(b, 0);
    }

    /** delivered (incl. read) / sent. */
    public double deliveryRate() {
        return ratio(count(FunnelBucket.DELIVERED), count(FunnelBucket.SENT));
    }

    /** read / delivered: a lower bound, since customers can turn read receipts off. */
    public double readRate() {
        return ratio(count(FunnelBucket.READ), count(FunnelBucket.DELIVERED));
    }

    /** replied within 72 hours / delivered. */
    public double replyRate() {
        return ratio(count(FunnelBucket.REPLIED), count(FunnelBucket.DELIVERED));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : a / (double) b;
    }

    public static final String DEFINITIONS = """
            sent: accepted by Meta (later failures included); delivery rate = delivered (incl. read) / sent; \
            read rate = read / delivered, a lower bound because customers can turn read receipts off; \
            reply rate = replied within 72 hours of delivery / delivered; \
            limited by Meta (131049) is not counted as failed""";
}
