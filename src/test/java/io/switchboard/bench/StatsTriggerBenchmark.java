package io.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the stats counters' UPDATE trigger on messages costs per status batch, measured inside PostgreSQL:
 * the event poller's statement shape (one UPDATE of {@code batch} messages from unnest arrays, as StatusWriter
 * writes them) under {@code EXPLAIN ANALYZE}, which reports each AFTER trigger's own time. Three kinds of
 * round alternate on the same database, so load on the shared machine falls on all three alike:
 * <ul>
 *   <li>{@code current} — the triggers as the migrations leave them;</li>
 *   <li>{@code v25} — the same statement with V25's stats_count_messages (read from its migration, installed
 *       as stats_count_messages_v25 with its own trigger) in place of the current stats UPDATE trigger;</li>
 *   <li>{@code off} — no stats UPDATE trigger at all (what {@code STATS_COUNTERS=off} measures end to end).</li>
 * </ul>
 * Each message gets {@code delivered}, later {@code read} (as in {@code bench/inbound-wrk.sh}), with a spread of
 * created/sent times over the last 90 days so the deltas fall into many day/hour keys (a live tenant, not one hour).
 *
 * <p>Run: {@code bench/run.sh StatsTriggerBenchmark [messages=30000] [batch=200] [variant.sql …]}.
 */
public final class StatsTriggerBenchmark {
    private enum Kind { CURRENT, V25, OFF }

    private StatsTriggerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        System.out.println("machine: " + BenchEnvironment.machine());
        try (BenchEnvironment env = new BenchEnvironment(4)) {
            List<UUID> ids = setUp(env, messages);
            installV25(env);
            for (int i = 2; i < args.length; i++) { // a variant to try: SQL run after the migrations (e.g. CREATE OR REPLACE FUNCTION …)
                String sql = java.nio.file.Files.readString(java.nio.file.Path.of(args[i]));
                env.db().inJdbcTransaction(c -> {
                    try (Statement st = c.createStatement()) {
                        st.execute(sql);
                    }
                    return null;
                });
                System.out.println("applied " + args[i]);
            }
            Map<Kind, List<double[]>> samples = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                samples.put(k, new ArrayList<>());
            }
            int batches = ids.size() / batch;
            Kind[] order = Kind.values();
            int round = 0;
            // Warm-up: the first 10 % of the batches, every kind, not recorded (plans, caches, JIT of the JVM side).
            int warm = Math.max(order.length, batches / 10);
            for (String status : new String[] {"delivered", "read"}) {
                for (int b = 0; b < batches; b++) {
                    Kind kind = order[round++ % order.length];
                    List<UUID> slice = ids.subList(b * batch, (b + 1) * batch);
                    double[] s = env.db().inJdbcTransaction(c -> measure(c, kind, status, slice));
                    if (status.equals("read") || b >= warm) {
                        samples.get(kind).add(s);
                    }
                }
            }
            System.out.printf("%d messages, batches of %d, delivered then read; rounds alternate current / v25 / off%n", messages, batch);
            System.out.println("kind      rounds  stats trigger ms/batch (median, mean)  UPDATE ms/batch (median, mean)  trigger ms per 1,000 statuses");
            for (Kind k : Kind.values()) {
                List<double[]> s = samples.get(k);
                double[] trig = s.stream().mapToDouble(x -> x[0]).sorted().toArray();
                double[] all = s.stream().mapToDouble(x -> x[1]).sorted().toArray();
                System.out.printf("%-9s %6d  %10.3f %10.3f                  %10.3f %10.3f           %8.2f%n", k.name().toLowerCase(), s.size(),
                        median(trig), mean(trig), median(all), mean(all), 1000 * mean(trig) / batch);
            }
            System.out.println("load average after: " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
            if ("hold".equals(System.getenv("STATS_TRIGGER_BENCH"))) { // keep the database up for psql until this process is ended
                System.out.println("holding: psql -h 127.0.0.1 -U postgres -p " + env.count("SELECT inet_server_port()"));
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** One status batch under EXPLAIN ANALYZE: {stats trigger ms, whole statement ms}. */
    private static double[] measure(Connection c, Kind kind, String status, List<UUID> slice) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE messages " + (kind == Kind.CURRENT ? "ENABLE" : "DISABLE") + " TRIGGER stats_messages_updated");
            s.execute("ALTER TABLE messages " + (kind == Kind.V25 ? "ENABLE" : "DISABLE") + " TRIGGER stats_messages_updated_v25");
        }
        Timestamp at = Timestamp.from(Instant.now());
        int n = slice.size();
        Array idArray = c.createArrayOf("uuid", slice.toArray());
        Array statusArray = c.createArrayOf("text", java.util.Collections.nCopies(n, status).toArray());
        Array atArray = c.createArrayOf("timestamp", java.util.Collections.nCopies(n, at).toArray());
        String column = status.equals("delivered") ? "delivered_at" : "read_at";
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) UPDATE messages m SET status = v.status, "
                + column + " = LEAST(m." + column + ", v.at), updated_at = NOW() "
                + "FROM unnest(?::uuid[], ?::text[], ?::timestamp[]) AS v(id, status, at) WHERE m.id = v.id")) {
            ps.setArray(1, idArray);
            ps.setArray(2, statusArray);
            ps.setArray(3, atArray);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                JsonNode plan = new ObjectMapper().readTree(rs.getString(1)).get(0);
                double trigger = 0;
                for (JsonNode t : plan.path("Triggers")) {
                    String name = t.path("Trigger Name").asText();
                    if (name.equals("stats_messages_updated") || name.equals("stats_messages_updated_v25")) {
                        trigger += t.path("Time").asDouble();
                    }
                }
                return new double[] {trigger, plan.path("Execution Time").asDouble()};
            } catch (IOException e) {
                throw new SQLException(e);
            }
        }
    }

    /** V25's stats_count_messages under another name, with its own (disabled) UPDATE trigger. */
    private static void installV25(BenchEnvironment env) throws IOException {
        String v25;
        try (InputStream in = StatsTriggerBenchmark.class.getResourceAsStream("/db/migration/V25__stats_update_trigger_without_self_join.sql")) {
            v25 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String function = v25.replace("CREATE OR REPLACE FUNCTION stats_count_messages()", "CREATE FUNCTION stats_count_messages_v25()");
        env.db().inJdbcTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(function);
                s.execute("CREATE TRIGGER stats_messages_updated_v25 AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
                        + " FOR EACH STATEMENT EXECUTE FUNCTION stats_count_messages_v25()");
                s.execute("ALTER TABLE messages DISABLE TRIGGER stats_messages_updated_v25");
            }
            return null;
        });
    }

    /** A tenant with {@code n} sent outbound messages, created over the last 90 days; their ids in a random order. */
    private static List<UUID> setUp(BenchEnvironment env, int n) {
        return env.db().inJdbcTransaction(c -> {
            UUID tenant;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name, time_zone) VALUES ('Bench', 'Europe/Berlin') RETURNING id");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                tenant = rs.getObject(1, UUID.class);
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO contacts (tenant_id, phone) SELECT ?, '+1202555' || lpad(g::text, 4, '0') FROM generate_series(1, 1000) g;
                    INSERT INTO conversations (tenant_id, contact_id, channel, status) SELECT tenant_id, id, 'whatsapp', 'open' FROM contacts WHERE tenant_id = ?;
                    WITH convs AS (SELECT id, contact_id, row_number() OVER (ORDER BY id) - 1 AS k FROM conversations WHERE tenant_id = ?)
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, status,
                                          external_message_id, sent_at, send_attempts, created_at, phone_number_id)
                    SELECT ?, cv.id, cv.contact_id, 'whatsapp', 'outbound', 'text', 'text', 'Bench ' || g, 'sent', 'wamid.bench' || g,
                           t, 1, t, '1555000' || (g % 3)
                    FROM generate_series(0, ? - 1) g JOIN convs cv ON cv.k = g % 1000
                    CROSS JOIN LATERAL (SELECT LOCALTIMESTAMP - (random() * 90 * 86400) * INTERVAL '1 second' AS t) x;
                    ANALYZE""")) {
                ps.setObject(1, tenant);
                ps.setObject(2, tenant);
                ps.setObject(3, tenant);
                ps.setObject(4, tenant);
                ps.setInt(5, n);
                ps.execute();
            }
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM messages WHERE tenant_id = ? ORDER BY random()")) {
                ps.setObject(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
    }
}
