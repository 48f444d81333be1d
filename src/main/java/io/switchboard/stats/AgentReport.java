package io.switchboard.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The by-agent breakdown of one scope and range: what the Stats view's "By agent" tab shows and {@code stats --by agent}
 * prints, from the same {@link #table()}.
 */
public record AgentReport(UUID tenantId, String zone, StatsRange range, List<AgentFigures> agents) {
    public static final List<String> COLUMNS = List.of("agent", "agent_id", "outbound", "sent", "delivered", "read", "failed", "first_responses",
            "first_response_median_minutes", "first_response_p90_minutes", "conversations_resolved", "resolution_median_minutes",
            "resolution_p90_minutes");

    public StatsTable table() {
        List<List<String>> rows = new ArrayList<>();
        for (AgentFigures a : agents) {
            rows.add(List.of(a.name(), a.agentId() == null ? "" : a.agentId().toString(), n(a.outbound()), n(a.sent()), n(a.delivered()),
                    n(a.read()), n(a.failed()), n(a.firstResponse().count()), minutes(a.firstResponse().medianMinutes()),
                    minutes(a.firstResponse().p90Minutes()), n(a.conversationsResolved()), minutes(a.resolution().medianMinutes()),
                    minutes(a.resolution().p90Minutes())));
        }
        String scope = (tenantId == null ? "all tenants" : "tenant " + tenantId) + ", " + range + " (" + zone + ")";
        return new StatsTable("By agent, " + scope, COLUMNS, rows);
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    private static String minutes(Integer m) {
        return m == null ? "" : m.toString();
    }
}
