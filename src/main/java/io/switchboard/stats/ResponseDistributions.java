package io.switchboard.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Response-time distributions from V28's bucketed counters, with the median and p90 still exact to the minute
 * (docs/decisions/stats-08-response-time-buckets.md). The counters say how many durations fall in each bucket,
 * which is enough for the dashboard's distribution (its edges are bucket edges) and to know which bucket holds a
 * percentile's rank and at which rank inside it. A bucket below one hour (and the "30 days or more" one) is a single
 * minute: that is the value. Otherwise the value is the rank-th shortest of the bucket's rows in response_times for
 * the same days, read by one statement for all distributions of a report from an index ordered by duration.
 *
 * <p>Use: {@link #add} every histogram, {@link #resolve} once, then {@link #get}. Counters and response_times must be
 * read in one snapshot ({@link #oneSnapshot}), or a reply stored between the two reads could shift the rank.
 */
final class ResponseDistributions {
    /** Below this many minutes a bucket is one minute wide. */
    static final int EXACT_BELOW = 60;
    /** stats_response_minutes' cap: 30 days or more, a bucket of its own. */
    static final int CAP = 43200;
    private static final int[] PERCENTS = {50, 90};

    /** Which response_times rows a distribution counts beyond tenant, kind and days. */
    record Scope(String kind, boolean anyAgent, UUID agent) {
        static Scope all(String kind) {
            return new Scope(kind, true, null);
        }

        /** One agent's rows, or (agent null) the unattributed ones. */
        static Scope ofAgent(String kind, UUID agent) {
            return new Scope(kind, false, agent);
        }
    }

    private record Lookup(int entry, int percentile, Scope scope, int lower, long rank) {
    }

    private static final class Entry {
        final TreeMap<Integer, Long> buckets;
        final Integer[] values = new Integer[PERCENTS.length];
        long count;

        Entry(TreeMap<Integer, Long> buckets) {
            this.buckets = buckets;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Lookup> lookups = new ArrayList<>();

    /** Makes the transaction read counters and response_times in one snapshot; must be its first statement. */
    static void oneSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        }
    }

    /** Registers a histogram (bucket lower edge in minutes → count, null for none); returns the id for {@link #get}. */
    int add(Scope scope, TreeMap<Integer, Long> histogram) {
        Entry e = new Entry(histogram == null ? new TreeMap<>() : histogram);
        int id = entries.size();
        entries.add(e);
        for (long n : e.buckets.values()) {
            e.count += n;
        }
        if (e.count <= 0) {
            return id;
        }
        for (int p = 0; p < PERCENTS.length; p++) {
            long rank = Math.max(1, (e.count * PERCENTS[p] + 99) / 100); // nearest rank
            long seen = 0;
            for (Map.Entry<Integer, Long> b : e.buckets.entrySet()) {
                if (seen + b.getValue() >= rank) {
                    int lower = b.getKey();
                    if (lower < EXACT_BELOW || lower >= CAP) {
                        e.values[p] = lower;
                    } else {
                        lookups.add(new Lookup(id, p, scope, lower, rank - seen));
                    }
                    break;
                }
                seen += b.getValue();
            }
        }
        return id;
    }

    /** Reads the exact values inside multi-minute buckets, all in one statement; {@code tenantId} null: every tenant. */
    void resolve(Connection c, UUID tenantId, StatsRange range) throws SQLException {
        if (lookups.isEmpty()) {
            return;
        }
        // The counters' day is the local date of ended_at in the tenant's zone: that exact test decides, and a
        // bound two days wider in UTC (no zone is 48 h away from UTC) lets the index skip what cannot match.
        String rows = " FROM response_times r WHERE r.tenant_id = %s AND r.kind = q.kind"
                + " AND stats_response_minutes(r.started_at, r.ended_at) >= q.lower"
                + " AND stats_response_minutes(r.started_at, r.ended_at) < stats_response_bucket_end(q.lower)"
                + " AND r.ended_at >= ? AND r.ended_at < ?"
                + " AND ((r.ended_at AT TIME ZONE 'UTC') AT TIME ZONE %s)::date BETWEEN ? AND ?"
                + " AND (q.any_agent OR r.agent_id IS NOT DISTINCT FROM q.agent)";
        String value = tenantId != null
                ? "SELECT stats_response_minutes(r.started_at, r.ended_at)" + rows.formatted("?", "(SELECT time_zone FROM tenants WHERE id = ?)")
                        + " ORDER BY stats_response_minutes(r.started_at, r.ended_at) OFFSET q.rank - 1 LIMIT 1"
                : "SELECT x.minutes FROM tenants t CROSS JOIN LATERAL (SELECT stats_response_minutes(r.started_at, r.ended_at) AS minutes"
                        + rows.formatted("t.id", "t.time_zone") + ") x ORDER BY x.minutes OFFSET q.rank - 1 LIMIT 1";
        String sql = "SELECT q.i, (" + value + ") FROM unnest(?::int[], ?::text[], ?::int[], ?::bigint[], ?::boolean[], ?::uuid[])"
                + " AS q(i, kind, lower, rank, any_agent, agent)";
        Integer[] index = new Integer[lookups.size()];
        String[] kinds = new String[lookups.size()];
        Integer[] lowers = new Integer[lookups.size()];
        Long[] ranks = new Long[lookups.size()];
        Boolean[] anyAgent = new Boolean[lookups.size()];
        UUID[] agents = new UUID[lookups.size()];
        for (int i = 0; i < lookups.size(); i++) {
            Lookup l = lookups.get(i);
            index[i] = i;
            kinds[i] = l.scope().kind();
            lowers[i] = l.lower();
            ranks[i] = l.rank();
            anyAgent[i] = l.scope().anyAgent();
            agents[i] = l.scope().agent();
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (tenantId != null) {
                ps.setObject(p++, tenantId);
            }
            ps.setObject(p++, range.from().minusDays(2).atStartOfDay());
            ps.setObject(p++, range.to().plusDays(3).atStartOfDay());
            if (tenantId != null) {
                ps.setObject(p++, tenantId);
            }
            ps.setObject(p++, range.from());
            ps.setObject(p++, range.to());
            ps.setArray(p++, c.createArrayOf("int4", index));
            ps.setArray(p++, c.createArrayOf("text", kinds));
            ps.setArray(p++, c.createArrayOf("int4", lowers));
            ps.setArray(p++, c.createArrayOf("int8", ranks));
            ps.setArray(p++, c.createArrayOf("bool", anyAgent));
            ps.setArray(p, c.createArrayOf("uuid", agents));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Lookup l = lookups.get(rs.getInt(1));
                    int found = rs.getInt(2);
                    // Absent only if the rows and the counters disagree (they are kept in one transaction):
                    // the bucket's lower edge is then the closest figure there is.
                    entries.get(l.entry()).values[l.percentile()] = rs.wasNull() ? l.lower() : found;
                }
            }
        }
        lookups.clear();
    }

    /** The distribution registered as {@code id}, with its exact median and p90 (after {@link #resolve}). */
    ResponseTimes get(int id) {
        Entry e = entries.get(id);
        long[] buckets = new long[ResponseTimes.BUCKETS.size()];
        e.buckets.forEach((lower, n) -> buckets[ResponseTimes.bucketOf(lower)] += n);
        List<Long> list = new ArrayList<>();
        for (long b : buckets) {
            list.add(b);
        }
        if (e.count <= 0) {
            return new ResponseTimes(Math.max(0, e.count), null, null, list);
        }
        return new ResponseTimes(e.count, e.values[0], e.values[1], list);
    }
}
