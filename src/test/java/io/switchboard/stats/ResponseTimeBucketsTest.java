package io.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V28 keys response-time counters by duration bucket (stats-08): thousands of distinct wait lengths must keep the counter
 * rows bounded by days x buckets, and the median and p90 must still equal a plain recount to the minute — for the
 * tenant, for each agent and for all tenants, on ranges that cut the tenants' local days, with ties and durations on and
 * around every bucket edge the dashboard shows.
 */
class ResponseTimeBucketsTest {
    /** Durations on and beside the distribution's edges, the exact region's end and the 30-day cap. */
    private static final int[] EDGES = {0, 1, 59, 60, 61, 62, 63, 239, 240, 241, 479, 480, 481, 1439, 1440, 1441, 43199, 43200, 43201, 60000};
    private static final LocalDateTime START = LocalDateTime.of(2026, 3, 1, 0, 0);
    private static final int DAYS = 5;

    private Database db;
    private StatsService stats;
    private final Random random = new Random(20261202L);

    @BeforeEach
    void open() {
        db = TestDatabase.open();
        stats = new StatsService(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void thousandsOfDistinctWaitsKeepFewCounterRowsAndTheExactMedianAndP90() {
        UUID stJohns = tenant("Newfoundland", "America/St_Johns"); // UTC-03:30 (-02:30 in summer): days cut at odd UTC times
        UUID kolkata = tenant("Kolkata", "Asia/Kolkata");
        List<UUID> agents = List.of(UUID.randomUUID(), UUID.randomUUID());
        // Three batches (one statement each, as the triggers see them), a fold between, and a delete: counters and
        // deltas are both read, and a deletion counts back out.
        write(stJohns, agents, 4000);
        write(kolkata, agents, 600);
        new StatsFolder(db, Duration.ofSeconds(1)).foldAll();
        write(stJohns, agents, 4000);
        exec("DELETE FROM response_times WHERE id IN (SELECT id FROM response_times WHERE tenant_id = ? ORDER BY id LIMIT 300)", stJohns);

        long distinctMinutes = count("SELECT COUNT(DISTINCT (kind, " + MINUTES + ")) FROM response_times r WHERE tenant_id = ?", stJohns);
        assertThat(distinctMinutes).as("the history has over a thousand distinct wait lengths").isGreaterThan(1000);
        long keys = responseKeys(stJohns);
        long groups = count("SELECT COUNT(DISTINCT (day, kind, agent_id)) FROM stats_counters WHERE tenant_id = ?"
                + " AND kind IN ('first_response', 'resolution')", stJohns);
        assertThat(keys).as("at most one key per day, kind, agent and bucket").isLessThanOrEqualTo(groups * 198);
        assertThat(count("SELECT COUNT(*) FROM stats_counters WHERE kind IN ('first_response', 'resolution') AND (hour <> 0"
                + " OR minutes <> stats_response_bucket(minutes))")).as("keyed by day and bucket edge only").isZero();
        // 4,000 more answered waits on the same days: the old key (hour and exact minute) would add nearly a row each.
        write(stJohns, agents, 4000);
        new StatsFolder(db, Duration.ofSeconds(1)).foldAll();
        long more = responseKeys(stJohns) - keys;
        System.out.printf("response-time counter keys: %,d for %,d distinct durations; +%,d for 4,000 more waits%n", keys, distinctMinutes, more);
        assertThat(more).as("new counter keys for 4,000 more waits").isLessThan(1000);

        List<StatsRange> ranges = List.of(
                new StatsRange(START.toLocalDate(), START.toLocalDate().plusDays(DAYS + 1)), // everything
                new StatsRange(START.toLocalDate().plusDays(3), START.toLocalDate().plusDays(7)), // cuts local days at both ends
                new StatsRange(START.toLocalDate().plusDays(5), START.toLocalDate().plusDays(5))); // one local day
        for (StatsRange range : ranges) {
            for (UUID tenant : List.of(stJohns, kolkata)) {
                StatsReport report = stats.report(tenant, range);
                assertThat(report.firstResponse()).as("first responses, %s, %s", tenant, range)
                        .isEqualTo(ExactDistribution.of(recount(tenant, "first_response", range, false, null)));
                assertThat(report.resolution()).as("resolutions, %s, %s", tenant, range)
                        .isEqualTo(ExactDistribution.of(recount(tenant, "resolution", range, false, null)));
                for (AgentFigures a : stats.byAgent(tenant, range).agents()) {
                    assertThat(a.firstResponse()).as("first responses of %s, %s", a.name(), range)
                            .isEqualTo(ExactDistribution.of(recount(tenant, "first_response", range, true, a.agentId())));
                    assertThat(a.resolution()).as("resolutions of %s, %s", a.name(), range)
                            .isEqualTo(ExactDistribution.of(recount(tenant, "resolution", range, true, a.agentId())));
                }
            }
            StatsReport all = stats.report(null, range);
            assertThat(all.firstResponse()).as("all tenants, each in its own zone, %s", range)
                    .isEqualTo(ExactDistribution.of(recount(null, "first_response", range, false, null)));
            assertThat(all.resolution()).isEqualTo(ExactDistribution.of(recount(null, "resolution", range, false, null)));
        }
        StatsReport everything = stats.report(stJohns, ranges.get(0));
        assertThat(everything.firstResponse().medianMinutes()).as("the median lies in a bucket read from response_times")
                .isBetween(ResponseDistributions.EXACT_BELOW, ResponseDistributions.CAP - 1);
    }

    @Test
    void everyMinuteFallsInTheBucketWhoseEdgesEncloseIt() {
        assertThat(count("SELECT COUNT(*) FROM generate_series(-5, 50000) m WHERE stats_response_bucket(m) > GREATEST(0, LEAST(m, 43200))"
                + " OR stats_response_bucket_end(stats_response_bucket(m)) <= LEAST(m, 43200)")).isZero();
        assertThat(count("SELECT COUNT(*) FROM generate_series(0, 59) m WHERE stats_response_bucket(m) <> m")).as("exact below 1 h").isZero();
        assertThat(count("SELECT COUNT(*) FROM unnest(ARRAY[60, 240, 480, 1440, 43200]) e WHERE stats_response_bucket(e) <> e"))
                .as("the dashboard's distribution edges are bucket edges").isZero();
        assertThat(count("SELECT COUNT(DISTINCT stats_response_bucket(m)) FROM generate_series(0, 43200) m")).isEqualTo(198);
        assertThat(count("SELECT COUNT(*) FROM generate_series(60, 43199) m"
                + " WHERE stats_response_bucket_end(stats_response_bucket(m)) > CEIL(stats_response_bucket(m) * 1.06)"))
                .as("buckets above 1 h are at most 6 % wide").isZero();
    }

    private long responseKeys(UUID tenant) {
        return count("SELECT COUNT(DISTINCT (day, kind, agent_id, minutes)) FROM (SELECT day, kind, agent_id, minutes, n FROM stats_counters"
                + " WHERE tenant_id = ? UNION ALL SELECT day, kind, agent_id, minutes, n FROM stats_deltas WHERE tenant_id = ?) x"
                + " WHERE kind IN ('first_response', 'resolution')", tenant, tenant);
    }

    /** The duration in whole minutes, capped at 30 days, written out here rather than read from the migration. */
    private static final String MINUTES = "LEAST(43200, GREATEST(0, FLOOR(EXTRACT(EPOCH FROM (r.ended_at - r.started_at)) / 60)))::int";

    /** The recount: a histogram of exact minutes of the rows whose ended_at falls on the range's local days. */
    private TreeMap<Integer, Long> recount(UUID tenant, String kind, StatsRange range, boolean byAgent, UUID agent) {
        return db.inJdbcTransaction(c -> {
            TreeMap<Integer, Long> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + MINUTES + ", COUNT(*) FROM response_times r JOIN tenants t ON t.id = r.tenant_id"
                    + " WHERE (?::uuid IS NULL OR r.tenant_id = ?) AND r.kind = ?"
                    + " AND (NOT ? OR r.agent_id IS NOT DISTINCT FROM ?)"
                    + " AND ((r.ended_at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone)::date BETWEEN ? AND ? GROUP BY 1")) {
                ps.setObject(1, tenant);
                ps.setObject(2, tenant);
                ps.setString(3, kind);
                ps.setBoolean(4, byAgent);
                ps.setObject(5, agent);
                ps.setObject(6, range.from());
                ps.setObject(7, range.to());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            return out.isEmpty() ? null : out;
        });
    }

    /** {@code rows} response times of both kinds in one statement: random conversations, agents (or nobody), durations. */
    private void write(UUID tenant, List<UUID> agents, int rows) {
        db.inJdbcTransaction(c -> {
            List<UUID> conversations = conversations(c, tenant);
            List<Object[]> values = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                long seconds = duration();
                LocalDateTime ended = START.plusSeconds((long) (random.nextDouble() * DAYS * 86_400));
                UUID agent = random.nextInt(4) == 0 ? null : agents.get(random.nextInt(agents.size()));
                values.add(new Object[] {conversations.get(random.nextInt(conversations.size())), random.nextBoolean() ? "first_response" : "resolution",
                        ended.minusSeconds(seconds), ended, agent});
            }
            StringBuilder sql = new StringBuilder("INSERT INTO response_times (tenant_id, conversation_id, kind, started_at, ended_at, agent_id) VALUES ");
            for (int i = 0; i < values.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (Object[] v : values) {
                    ps.setObject(p++, tenant);
                    ps.setObject(p++, v[0]);
                    ps.setString(p++, (String) v[1]);
                    ps.setObject(p++, v[2]);
                    ps.setObject(p++, v[3]);
                    ps.setObject(p++, v[4]);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Seconds: a third on or next to an edge (ties), the rest spread from seconds to weeks (thousands of distinct minutes). */
    private long duration() {
        int pick = random.nextInt(3);
        if (pick == 0) {
            return EDGES[random.nextInt(EDGES.length)] * 60L + random.nextInt(60);
        }
        if (pick == 1) {
            return (long) (random.nextDouble() * 60 * 60); // under an hour
        }
        return (long) Math.exp(Math.log(60) + random.nextDouble() * (Math.log(45 * 86_400) - Math.log(60)));
    }

    private List<UUID> conversations(Connection c, UUID tenant) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM conversations WHERE tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }

    private UUID tenant(String name, String zone) {
        UUID tenant = uuid("INSERT INTO tenants (name) VALUES (?) RETURNING id", name);
        stats.setTimeZone(tenant, zone);
        for (int i = 0; i < 8; i++) {
            UUID contact = uuid("INSERT INTO contacts (tenant_id, name, phone) VALUES (?, ?, ?) RETURNING id", tenant, "C" + i,
                    "+49151" + (10_000_000 + random.nextInt(80_000_000)));
            exec("INSERT INTO conversations (tenant_id, contact_id) VALUES (?, ?)", tenant, contact);
        }
        return tenant;
    }

    private UUID uuid(String sql, Object... args) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        });
    }

    private long count(String sql, Object... args) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void exec(String sql, Object... args) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = prepare(c, sql, args)) {
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
