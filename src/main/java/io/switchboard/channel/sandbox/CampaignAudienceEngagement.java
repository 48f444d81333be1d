package io.switchboard.channel.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * How a sandbox number that never wrote in reacts to a template (a campaign recipient), so a demo campaign shows a
 * realistic funnel: about 3 % are held back by Meta's per-user marketing limit (131049), 2 % are undeliverable
 * (131026), the rest are delivered; most of those are read and about one in ten replies (now and then with STOP).
 * Decided by the number alone, so a retry or a second campaign to the same number behaves the same.
 */
enum CampaignAudienceEngagement {
    LIMITED_BY_META, UNDELIVERABLE, DELIVERED, READ, REPLIES, OPTS_OUT;

    static final List<String> REPLIES_TEXT = List.of("Thanks, got it!", "Great, see you then", "Can I change the delivery day?", "👍");

    static CampaignAudienceEngagement of(String waId) {
        CRC32 crc = new CRC32();
        crc.update(waId.getBytes(StandardCharsets.US_ASCII));
        int bucket = (int) (crc.getValue() % 100);
        if (bucket < 3) {
            return LIMITED_BY_META;
        }
        if (bucket < 5) {
            return UNDELIVERABLE;
        }
        if (bucket < 6) {
            return OPTS_OUT;
        }
        if (bucket < 16) {
            return REPLIES;
        }
        if (bucket < 80) {
            return READ;
        }
        return DELIVERED;
    }

    /** Read receipts come back for these. */
    boolean reads() {
        return this == READ || this == REPLIES || this == OPTS_OUT;
    }
}
