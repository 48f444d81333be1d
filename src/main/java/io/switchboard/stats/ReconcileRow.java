package io.switchboard.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One number and one of Meta's data points (a UTC day unless Meta cut it otherwise): our sent and delivered next to
 * Meta's. {@code flagged}: either figure differs by more than {@link MetaReconciliation#FLAG_SHARE}; {@code reason}:
 * why they differ, when we can tell (null when they agree).
 */
public record ReconcileRow(String phoneNumberId, String displayPhone, Instant start, Instant end, long ourSent, long metaSent,
                           long ourDelivered, long metaDelivered, boolean flagged, String reason)
        implements MetaComparison.Day {
    public LocalDate day() {
        return LocalDate.ofInstant(start, ZoneOffset.UTC);
    }

    public long sentDifference() {
        return ourSent - metaSent;
    }

    public long deliveredDifference() {
        return ourDelivered - metaDelivered;
    }

    public boolean agrees() {
        return ourSent == metaSent && ourDelivered == metaDelivered;
    }
}
