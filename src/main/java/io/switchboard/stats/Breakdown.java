package io.switchboard.stats;

/**
 * Figures for one value of a dimension (a number, a template, a campaign, an agent). {@code key} is
 * the stored value (phone_number_id, "name|language", a UUID, or "" for none); {@code label} what a person reads.
 */
public record Breakdown(Dimension dimension, String key, String label, long inbound, long outbound, long sent, long delivered, long read,
                        long failed) {
    public enum Dimension { NUMBER, TEMPLATE, CAMPAIGN, AGENT }

    public Rate deliveryRate() {
        return new Rate(delivered, sent);
    }

    public Rate readRate() {
        return new Rate(read, delivered);
    }
}
