package io.switchboard.stats;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's sent, delivered and read per template and UTC day next to Meta's template_analytics. {@code method} says how
 * our side was counted ("counters" or "recount"); {@code problems} lists what could not be compared, one sentence each.
 */
public record TemplateReconcileReport(UUID tenantId, LocalDate from, LocalDate to, String method, List<TemplateReconcileRow> rows,
                                      List<String> problems) implements MetaComparison<TemplateReconcileRow> {
    public long flaggedCount() {
        return rows.stream().filter(TemplateReconcileRow::flagged).count();
    }

    public boolean agrees() {
        return problems.isEmpty() && rows.stream().allMatch(TemplateReconcileRow::agrees);
    }

    /** The rows as `stats reconcile --by template` prints them and the view exports them. */
    public StatsTable table() {
        List<List<String>> out = new ArrayList<>();
        for (TemplateReconcileRow r : rows) {
            String when = r.start().atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT)
                    && r.end().getEpochSecond() - r.start().getEpochSecond() == 86_400 ? r.day().toString() : r.start() + "/" + r.end();
            out.add(List.of(when, r.name(), r.language(), r.templateId(), n(r.ourSent()), n(r.metaSent()), n(r.sentDifference()), n(r.ourDelivered()),
                    n(r.metaDelivered()), n(r.deliveredDifference()), n(r.ourRead()), n(r.metaRead()), n(r.readDifference()), r.flagged() ? "yes" : "",
                    r.reason() == null ? "" : r.reason()));
        }
        return new StatsTable("Reconcile templates with Meta, " + from + " to " + to + " (UTC days; ours " + method + ")",
                List.of("day_utc", "template", "language", "template_id", "sent_ours", "sent_meta", "sent_diff", "delivered_ours", "delivered_meta",
                        "delivered_diff", "read_ours", "read_meta", "read_diff", "flagged", "reason"), out);
    }

    private static String n(long v) {
        return Long.toString(v);
    }
}
