package io.switchboard.stats;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's sent and delivered per number and UTC day next to Meta's analytics. {@code method} says how our side was
 * counted ("counters" or "recount"); {@code problems} lists numbers Meta could not be asked about, each in one sentence.
 */
public record ReconcileReport(UUID tenantId, LocalDate from, LocalDate to, String method, List<ReconcileRow> rows, List<String> problems)
        implements MetaComparison<ReconcileRow> {
    public long flaggedCount() {
        return rows.stream().filter(ReconcileRow::flagged).count();
    }

    public boolean agrees() {
        return problems.isEmpty() && rows.stream().allMatch(ReconcileRow::agrees);
    }

    /** The rows as the command prints and the view exports them. */
    public StatsTable table() {
        List<List<String>> out = new ArrayList<>();
        for (ReconcileRow r : rows) {
            String when = r.start().atOffset(ZoneOffset.UTC).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                    && r.end().getEpochSecond() - r.start().getEpochSecond() == 86_400 ? r.day().toString() : r.start() + "/" + r.end();
            out.add(List.of(when, r.displayPhone() == null ? r.phoneNumberId() : r.displayPhone(), Long.toString(r.ourSent()),
                    Long.toString(r.metaSent()), Long.toString(r.sentDifference()), Long.toString(r.ourDelivered()),
                    Long.toString(r.metaDelivered()), Long.toString(r.deliveredDifference()), r.flagged() ? "yes" : "",
                    r.reason() == null ? "" : r.reason()));
        }
        return new StatsTable("Reconcile with Meta, " + from + " to " + to + " (UTC days; ours " + method + ")",
                List.of("day_utc", "number", "sent_ours", "sent_meta", "sent_diff", "delivered_ours", "delivered_meta", "delivered_diff",
                        "flagged", "reason"), out);
    }
}
