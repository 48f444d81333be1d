package io.switchboard.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The tables of a report, one per grouping the command's --by and the view's exports offer. */
public final class StatsTables {
    /** What a table is grouped by; {@code SUMMARY} is the default (the headline figures). */
    public enum By {
        SUMMARY, DAY, HOUR, NUMBER, TEMPLATE, CAMPAIGN, AGENT, ERROR, RESPONSE;

        public static By parse(String text) {
            for (By b : values()) {
                if (b.name().equalsIgnoreCase(text)) {
                    return b;
                }
            }
            throw new io.switchboard.common.ValidationException("by", "must be one of day, hour, number, template, campaign, agent, error, response (not \""
                    + text + "\")");
        }
    }

    private StatsTables() {
    }

    public static StatsTable of(StatsReport r, By by) {
        String scope = (r.tenantId() == null ? "all tenants" : "tenant " + r.tenantId()) + ", " + r.range() + " (" + r.zone() + ")";
        return switch (by) {
            case SUMMARY -> summary(r, scope);
            case DAY -> {
                List<List<String>> rows = new ArrayList<>();
                r.days().forEach(d -> rows.add(List.of(d.day().toString(), n(d.inbound()), n(d.outbound()), n(d.conversations()), n(d.sent()),
                        n(d.delivered()), n(d.read()), n(d.failed()))));
                yield new StatsTable("Volume and delivery by day, " + scope,
                        List.of("day", "inbound", "outbound", "new_conversations", "sent", "delivered", "read", "failed"), rows);
            }
            case HOUR -> {
                List<List<String>> rows = new ArrayList<>();
                r.hours().forEach(h -> rows.add(List.of(String.format(Locale.ROOT, "%02d", h.hour()), n(h.inbound()), n(h.outbound()))));
                yield new StatsTable("Messages by hour of day, " + scope, List.of("hour", "inbound", "outbound"), rows);
            }
            case NUMBER -> breakdown("By WhatsApp number, " + scope, "number", r.byNumber());
            case TEMPLATE -> breakdown("By template, " + scope, "template", r.byTemplate());
            case CAMPAIGN -> breakdown("By campaign, " + scope, "campaign", r.byCampaign());
            case AGENT -> breakdown("By agent, " + scope, "agent", r.byAgent());
            case ERROR -> {
                List<List<String>> rows = new ArrayList<>();
                r.failures().forEach(f -> rows.add(List.of(f.code(), f.title(), f.reason(), n(f.count()), f.share().percent())));
                yield new StatsTable("Failures by reason, " + scope, List.of("code", "title", "reason", "count", "share"), rows);
            }
            case RESPONSE -> {
                List<List<String>> rows = new ArrayList<>();
                rows.add(responseRow("first response", r.firstResponse()));
                rows.add(responseRow("resolution", r.resolution()));
                List<String> columns = new ArrayList<>(List.of("measure", "count", "median_minutes", "p90_minutes"));
                ResponseTimes.BUCKETS.forEach(columns::add);
                yield new StatsTable("Response times, " + scope, columns, rows);
            }
        };
    }

    private static List<String> responseRow(String name, ResponseTimes t) {
        List<String> row = new ArrayList<>(List.of(name, n(t.count()), t.medianMinutes() == null ? "" : String.valueOf(t.medianMinutes()),
                t.p90Minutes() == null ? "" : String.valueOf(t.p90Minutes())));
        t.buckets().forEach(b -> row.add(n(b)));
        return row;
    }

    private static StatsTable summary(StatsReport r, String scope) {
        DeliveryFunnel d = r.delivery();
        List<List<String>> rows = List.of(
                List.of("outbound messages", n(d.outbound())),
                List.of("sent", n(d.sent())),
                List.of("delivered", n(d.delivered())),
                List.of("read", n(d.read())),
                List.of("failed", n(d.failed())),
                List.of("attempted", n(d.attempted())),
                List.of("delivery rate", d.deliveryRate().percent()),
                List.of("read rate", d.readRate().percent()),
                List.of("failure rate", d.failureRate().percent()),
                List.of("inbound messages", n(r.inbound())),
                List.of("new conversations", n(r.newConversations())),
                List.of("first response median", ResponseTimes.format(r.firstResponse().medianMinutes())),
                List.of("first response p90", ResponseTimes.format(r.firstResponse().p90Minutes())),
                List.of("resolution median", ResponseTimes.format(r.resolution().medianMinutes())),
                List.of("resolution p90", ResponseTimes.format(r.resolution().p90Minutes())));
        return new StatsTable("Summary, " + scope, List.of("figure", "value"), rows);
    }

    private static StatsTable breakdown(String title, String what, List<Breakdown> list) {
        List<List<String>> rows = new ArrayList<>();
        list.forEach(b -> rows.add(List.of(b.label(), b.key(), n(b.inbound()), n(b.outbound()), n(b.sent()), n(b.delivered()), n(b.read()),
                n(b.failed()), b.deliveryRate().percent(), b.readRate().percent())));
        return new StatsTable(title, List.of(what, "key", "inbound", "outbound", "sent", "delivered", "read", "failed", "delivery_rate", "read_rate"),
                rows);
    }

    private static String n(long v) {
        return Long.toString(v);
    }
}
