package io.switchboard.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads the by-agent figures from the counters (plus the deltas not folded yet, in one statement): per agent, the
 * message kinds and the duration-bucket histograms of first responses and resolutions (exact median and p90 by
 * ResponseDistributions), which V23's triggers attribute
 * (docs/decisions/stats-06-response-times-by-agent.md). Names come from agents, which a supervisor may read for the
 * agents of their tenants; an agent they cannot see any more is shown by id.
 */
final class AgentBreakdowns {
    private static final String KINDS = "('outbound', 'sent', 'delivered', 'read', 'failed', 'first_response', 'resolution')";
    private static final UUID NOBODY = new UUID(0, 0);

    private AgentBreakdowns() {
    }

    static List<AgentFigures> read(Connection c, UUID tenantId, StatsRange range) throws SQLException {
        String where = (tenantId == null ? "" : "tenant_id = ? AND ") + "day BETWEEN ? AND ? AND kind IN " + KINDS;
        String sql = "SELECT agent_id, kind, minutes, SUM(n) FROM ("
                + " SELECT agent_id, kind, minutes, n FROM stats_counters WHERE " + where
                + " UNION ALL SELECT agent_id, kind, minutes, n FROM stats_deltas WHERE " + where
                + ") x GROUP BY 1, 2, 3 HAVING SUM(n) <> 0";
        Map<UUID, Map<String, Long>> counts = new HashMap<>();
        Map<UUID, Map<String, TreeMap<Integer, Long>>> minutes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (int part = 0; part < 2; part++) {
                if (tenantId != null) {
                    ps.setObject(i++, tenantId);
                }
                ps.setObject(i++, range.from());
                ps.setObject(i++, range.to());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID agent = rs.getObject(1, UUID.class);
                    UUID key = agent == null ? NOBODY : agent;
                    String kind = rs.getString(2);
                    long n = rs.getLong(4);
                    counts.computeIfAbsent(key, k -> new HashMap<>()).merge(kind, n, Long::sum);
                    if (kind.equals("first_response") || kind.equals("resolution")) {
                        minutes.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(kind, k -> new TreeMap<>()).merge(rs.getInt(3), n, Long::sum);
                    }
                }
            }
        }
        Set<UUID> ids = new LinkedHashSet<>(counts.keySet());
        ids.remove(NOBODY);
        Map<UUID, String> names = names(c, ids);
        // Each agent's (and the unattributed rows') exact median and p90, read in one statement for all of them.
        ResponseDistributions responses = new ResponseDistributions();
        Map<UUID, int[]> distributions = new HashMap<>();
        counts.keySet().forEach(key -> {
            Map<String, TreeMap<Integer, Long>> m = minutes.getOrDefault(key, Map.of());
            UUID agent = key.equals(NOBODY) ? null : key;
            distributions.put(key, new int[] {
                responses.add(ResponseDistributions.Scope.ofAgent("first_response", agent), m.get("first_response")),
                responses.add(ResponseDistributions.Scope.ofAgent("resolution", agent), m.get("resolution"))});
        });
        responses.resolve(c, tenantId, range);
        List<AgentFigures> out = new ArrayList<>();
        counts.forEach((key, byKind) -> {
            int[] d = distributions.get(key);
            UUID agent = key.equals(NOBODY) ? null : key;
            String name = agent == null ? AgentFigures.UNATTRIBUTED
                    : names.getOrDefault(agent, "agent " + agent.toString().substring(0, 8) + " (not an agent of this tenant now)");
            out.add(new AgentFigures(agent, name, byKind.getOrDefault("outbound", 0L), byKind.getOrDefault("sent", 0L),
                    byKind.getOrDefault("delivered", 0L), byKind.getOrDefault("read", 0L), byKind.getOrDefault("failed", 0L),
                    responses.get(d[0]), responses.get(d[1])));
        });
        // People by name; the unattributed row last, so the team's own rows come first.
        out.sort(Comparator.comparing((AgentFigures a) -> a.agentId() == null).thenComparing(AgentFigures::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(a -> String.valueOf(a.agentId())));
        return out;
    }

    private static Map<UUID, String> names(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, display_name, status FROM agents WHERE id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    out.put(rs.getObject(1, UUID.class), "disabled".equals(rs.getString(3)) ? name + " (disabled)" : name);
                }
            }
        }
        return out;
    }
}
