package io.switchboard.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One template and one of Meta's data points (a UTC day): our sent, delivered and read next to Meta's template analytics.
 * {@code flagged}: a figure differs by more than {@link MetaReconciliation#FLAG_SHARE}; {@code reason}: why, when we can
 * tell (null when they agree).
 */
public record TemplateReconcileRow(String templateId, String name, String language, Instant start, Instant end, long ourSent, long metaSent,
                                   long ourDelivered, long metaDelivered, long ourRead, long metaRead, boolean flagged, String reason)
        implements MetaComparison.Day {
    public LocalDate day() {
        return LocalDate.ofInstant(start, ZoneOffset.UTC);
    }

    public String label() {
        return language == null || language.isEmpty() ? name : name + " (" + language + ")";
    }

    public long sentDifference() {
        return ourSent - metaSent;
    }

    public long deliveredDifference() {
        return ourDelivered - metaDelivered;
    }

    public long readDifference() {
        return ourRead - metaRead;
    }

    public boolean agrees() {
        return ourSent == metaSent && ourDelivered == metaDelivered && ourRead == metaRead;
    }
}
