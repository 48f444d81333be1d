package io.switchboard.bench;

import io.switchboard.agent.AgentAdmin;
import io.switchboard.agent.AgentRole;
import io.switchboard.agent.NewPassword;
import io.switchboard.conversation.ConversationCursor;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationPage;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.db.Migrations;
import io.switchboard.demo.DemoData;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost of row-level security on the inbox's queries: the same service calls the inbox view models
 * make (list pages deep into the keyset, filters, thread pages, the unread total, search), timed as the
 * owner (not subject to row-level security) and as an agent of the tenant (every table's policies apply).
 * Two tenants of equal size, so the policies have rows to exclude.
 *
 * <p>Small costs (a thread page takes 0.2 ms) drown in the noise of a shared 2-core machine, so: every
 * round runs every workload once as the owner and once as the agent, back to back, in alternating order;
 * each round gives one agent ÷ owner ratio per workload; the figure reported is the median of those
 * ratios with their interquartile range (p25–p75), over many rounds. The CPU time PostgreSQL's processes
 * spent during each run (from /proc, summed over the rounds) is less disturbed by other processes' load than
 * wall time, so its agent ÷ owner ratio is reported too. PostgreSQL's own planning and
 * execution times (EXPLAIN ANALYZE, owner and agent alternated) show what the policies add inside the
 * server, without the JDBC round trip. Rounds and EXPLAIN batches run on new server processes (see
 * newBackends).
 *
 * <p>With {@code compare} (the default), sets of policy functions are measured in one process on the same
 * data, in alternating blocks (before, after, [others], before, after, [others]): "before" is V30's
 * policies, each calling team_tenants() (every team policy dropped, then the V30 migration run again),
 * "after" is V31's, each reading the session's one row of team_session_access (the migration itself, run
 * again); further class-path scripts named on the command line are compared too, several joined by commas
 * (e.g. bench/rls-policies-v15.sql, V15's SECURITY DEFINER function). {@code current} measures only the
 * schema as migrated; {@code hold} fills the data, prints how to reach it with psql as either role, and waits.
 *
 * <pre>bench/run.sh RlsInboxBenchmark [conversations per tenant, default 20000] [messages per tenant, default 200000]
 *     [rounds per policy set, default 40] [compare|current, default compare] [further policy scripts on the class path to compare]</pre>
 */
public final class RlsInboxBenchmark {
    private static final String BEFORE_SQL = "bench/rls-drop-team-policies.sql,db/migration/V30__team_tenants_without_security_definer.sql";
    private static final String AFTER_SQL = "db/migration/V31__policies_read_one_row_per_session.sql";
    private static final int WARM_UP_ROUNDS = 3;
    private static final int EXPLAIN_RUNS = 30;

    private RlsInboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long messages = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        boolean compare = args.length <= 3 || args[3].equals("compare");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("shared_buffers", "128MB").start()) {
            String suffix = Long.toString(ProcessHandle.current().pid());
            superuser(server, "CREATE ROLE bench_owner LOGIN PASSWORD 'owner' CREATEROLE");
            superuser(server, "CREATE DATABASE bench OWNER bench_owner");
            ConnectionTarget ownerTarget = new ConnectionTarget("127.0.0.1", server.getPort(), "bench", "bench_owner", "owner", false);
            try (Database owner = Database.connect(ownerTarget, 4, "bench")) {
                new Migrations(owner.dataSource()).migrate();
                owner.startHibernate(false);
                UUID tenant = tenant(owner, "Northwind");
                UUID other = tenant(owner, "Contoso");
                long t0 = System.nanoTime();
                new DemoData(owner).fill(tenant, conversations, messages, 1);
                new DemoData(owner).fill(other, conversations, messages, 2);
                System.out.printf("filled 2 tenants x %,d conversations, %,d messages in %.1f s%n", conversations, messages, (System.nanoTime() - t0) / 1e9);
                owner.inJdbcTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("ANALYZE");
                    }
                    return null;
                });
                NewPassword agent = new AgentAdmin(owner).add("Bench agent", "bench_agent_" + suffix, tenant, AgentRole.AGENT, null);
                ConnectionTarget agentTarget = new ConnectionTarget("127.0.0.1", server.getPort(), "bench", agent.login(), agent.password(), false);
                try (Database asAgent = Database.connect(agentTarget, 4, "bench").startHibernate(false);
                     Connection ownerSql = DriverManager.getConnection(ownerTarget.jdbcUrl(), ownerTarget.user(), ownerTarget.password())) {
                    Path pgData = Path.of(superuserValue(server, "SHOW data_directory"));
                    Bench bench = new Bench(owner, asAgent, tenant, pgData);
                    if (args.length > 3 && args[3].equals("hold")) {
                        // For EXPLAIN by hand: psql as either role until the process is stopped.
                        System.out.printf("hold: psql 'postgresql://%s:%s@127.0.0.1:%d/bench' (owner: bench_owner/owner), tenant %s%n",
                                agent.login(), agent.password(), server.getPort(), tenant);
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    if (compare) {
                        // before, after, then any further policy scripts named on the command line; blocks cycle through them twice.
                        Map<String, String> variants = new LinkedHashMap<>();
                        variants.put("before", BEFORE_SQL);
                        variants.put("after", AFTER_SQL);
                        for (int i = 4; i < args.length; i++) {
                            variants.put(args[i], args[i]);
                        }
                        Map<String, Results> results = new LinkedHashMap<>();
                        variants.keySet().forEach(v -> results.put(v, new Results()));
                        List<String> names = List.copyOf(variants.keySet());
                        for (int block = 0; block < 2 * names.size(); block++) {
                            String variant = names.get(block % names.size());
                            apply(owner, variants.get(variant));
                            System.out.printf("block %d: %s policies (%s), load average %s%n", block + 1, variant, policyShape(ownerSql), loadAverage());
                            bench.measure(results.get(variant), rounds / 2);
                        }
                        results.forEach((variant, r) -> r.print(variant + " (" + variants.get(variant) + ")"));
                        compare(results);
                    } else {
                        Results r = new Results();
                        System.out.printf("current policies (%s), load average %s%n", policyShape(ownerSql), loadAverage());
                        bench.measure(r, rounds);
                        r.print("as migrated");
                    }
                    System.out.println("load average at the end: " + loadAverage());
                }
            }
        }
    }

    /** The workloads, run as owner and agent through the same service code the view models call. */
    private static final class Bench {
        private final Database ownerPool;
        private final Database agentPool;
        private final ConversationService owner;
        private final ConversationService agent;
        private final UUID tenant;
        private final Path pgData;
        private List<Long> serverProcesses = List.of();
        private final Map<String, Workload> workloads = new LinkedHashMap<>();
        private final Map<String, Explained> explained = new LinkedHashMap<>();

        Bench(Database ownerPool, Database agentPool, UUID tenant, Path pgData) {
            this.pgData = pgData;
            this.ownerPool = ownerPool;
            this.agentPool = agentPool;
            this.owner = new ConversationService(ownerPool);
            this.agent = new ConversationService(agentPool);
            this.tenant = tenant;
            List<UUID> threads = owner.list(tenant, ConversationFilter.ALL, "", null, 20).items().stream().map(ConversationSummary::id).toList();
            workloads.put("list: 40 pages of 50 (keyset)", s -> {
                ConversationCursor cursor = null;
                for (int i = 0; i < 40; i++) {
                    ConversationPage p = s.list(tenant, ConversationFilter.ALL, "", cursor, 50);
                    cursor = p.next();
                    if (cursor == null) {
                        break;
                    }
                }
            });
            workloads.put("first page per filter (all, open, unread, closed)", s -> {
                for (ConversationFilter f : List.of(ConversationFilter.ALL, ConversationFilter.OPEN, ConversationFilter.UNREAD, ConversationFilter.CLOSED)) {
                    s.list(tenant, f, "", null, 50);
                }
            });
            // Five times over: one pass (~5 ms) is too short for a per-round ratio to mean much on this machine.
            workloads.put("thread: newest page of 20 conversations x5", s -> {
                for (int i = 0; i < 5; i++) {
                    threads.forEach(id -> s.thread(tenant, id, null, 50));
                }
            });
            workloads.put("unread total x10", s -> {
                for (int i = 0; i < 10; i++) {
                    s.unreadTotal(tenant);
                }
            });
            workloads.put("search: phone digits, word", s -> {
                s.list(tenant, ConversationFilter.ALL, "555", null, 50);
                s.list(tenant, ConversationFilter.ALL, "refund", null, 50);
            });
            // Copies of ConversationService's statements (thread page, first list page, unread total), for EXPLAIN.
            UUID thread = threads.get(0);
            explained.put("thread page (messages + agents)", new Explained(THREAD_SQL, List.of(tenant, thread)));
            explained.put("list first page (4 tables)", new Explained(LIST_SQL, List.of(tenant)));
            explained.put("unread total", new Explained(UNREAD_SQL, List.of(tenant)));
        }

        /** Wall milliseconds, and the CPU seconds PostgreSQL's processes spent meanwhile (ticks of 10 ms: summed over rounds). */
        private double[] timed(Workload w, ConversationService s) {
            // A collection of the previous run's garbage is not charged to this one (a thread-page run lasts ~20 ms).
            System.gc();
            Map<Long, Double> before = serverCpu();
            double ms = time(w, s);
            Map<Long, Double> after = serverCpu();
            // Per process: one that ended meanwhile (a pool retiring a connection, autovacuum) reads 0 and is left out.
            double cpu = before.entrySet().stream().filter(e -> after.getOrDefault(e.getKey(), 0.0) > 0)
                    .mapToDouble(e -> after.get(e.getKey()) - e.getValue()).sum();
            return new double[] {ms, cpu};
        }

        private Map<Long, Double> serverCpu() {
            Map<Long, Double> cpu = new LinkedHashMap<>();
            serverProcesses.forEach(pid -> cpu.put(pid, CpuTime.ofProcess(pid)));
            return cpu;
        }

        /**
         * Every round on new server processes, warmed up once: the same statement can run up to 30 % faster or
         * slower in one backend process than in another for as long as both live (measured with identical work
         * as both roles), and a pool hands a single-threaded caller the same connection every time, so one
         * round's owner ÷ agent ratio would carry that process's luck through the whole run.
         */
        private void newBackends() throws IOException {
            ownerPool.dropPooledConnections();
            agentPool.dropPooledConnections();
            workloads.values().forEach(w -> { w.run(owner); w.run(agent); });
            serverProcesses = serverProcesses(pgData);
            try {
                Thread.sleep(300); // the old processes' exits, not during a timed run
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void measure(Results into, int rounds) throws Exception {
            for (int i = 0; i < WARM_UP_ROUNDS; i++) { // plans, caches and JIT, after the policies changed
                workloads.values().forEach(w -> { w.run(owner); w.run(agent); });
            }
            serverProcesses = serverProcesses(pgData); // the pools' backends are open by now
            for (int r = 0; r < rounds; r++) {
                newBackends();
                for (Map.Entry<String, Workload> e : workloads.entrySet()) {
                    double[] o;
                    double[] a;
                    if ((r + into.rounds) % 2 == 0) {
                        o = timed(e.getValue(), owner);
                        a = timed(e.getValue(), agent);
                    } else {
                        a = timed(e.getValue(), agent);
                        o = timed(e.getValue(), owner);
                    }
                    into.add(e.getKey(), o[0], a[0]);
                    into.addCpu(e.getKey(), o[1], a[1]);
                }
            }
            into.rounds += rounds;
            // On new server processes every 10 runs, for the same reason as the rounds (newBackends).
            for (Map.Entry<String, Explained> e : explained.entrySet()) {
                for (int batch = 0; batch < EXPLAIN_RUNS / 10; batch++) {
                    ownerPool.dropPooledConnections();
                    agentPool.dropPooledConnections();
                    try (Connection o = ownerPool.dataSource().getConnection(); Connection a = agentPool.dataSource().getConnection()) {
                        e.getValue().run(o); // catalog caches of the new process
                        e.getValue().run(a);
                        for (int i = 0; i < 10; i++) {
                            if (i % 2 == 0) {
                                into.addExplain(e.getKey(), e.getValue().run(o), e.getValue().run(a));
                            } else {
                                double[] agentTimes = e.getValue().run(a);
                                into.addExplain(e.getKey(), e.getValue().run(o), agentTimes);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Per workload: owner and agent times and the per-round ratios; per statement: EXPLAIN's planning/execution times. */
    private static final class Results {
        int rounds;
        final Map<String, List<double[]>> samples = new LinkedHashMap<>();
        final Map<String, List<double[]>> explains = new LinkedHashMap<>();
        final Map<String, double[]> cpu = new LinkedHashMap<>();

        void addCpu(String workload, double owner, double agent) {
            double[] sums = cpu.computeIfAbsent(workload, k -> new double[2]);
            sums[0] += owner;
            sums[1] += agent;
        }

        double cpuRatio(String workload) {
            double[] sums = cpu.get(workload);
            return sums[0] == 0 ? Double.NaN : sums[1] / sums[0];
        }

        void add(String workload, double ownerMs, double agentMs) {
            samples.computeIfAbsent(workload, k -> new ArrayList<>()).add(new double[] {ownerMs, agentMs, agentMs / ownerMs});
        }

        void addExplain(String statement, double[] owner, double[] agent) {
            explains.computeIfAbsent(statement, k -> new ArrayList<>()).add(new double[] {owner[0], owner[1], agent[0], agent[1]});
        }

        double ratio(String workload) {
            return quantile(column(samples.get(workload), 2), 0.5);
        }

        void print(String title) {
            System.out.printf("%n%s: %d rounds%n", title, rounds);
            System.out.printf("%-52s %10s %10s %14s %16s %22s%n", "workload", "owner ms", "agent ms", "median ratio", "ratio p25-p75",
                    "server CPU s (ratio)");
            double ownerTotal = 0;
            double agentTotal = 0;
            List<Double> totalRatios = new ArrayList<>();
            for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
                List<Double> o = column(e.getValue(), 0);
                List<Double> a = column(e.getValue(), 1);
                List<Double> ratios = column(e.getValue(), 2);
                ownerTotal += quantile(o, 0.5);
                agentTotal += quantile(a, 0.5);
                double[] c = cpu.get(e.getKey());
                System.out.printf("%-52s %10.2f %10.2f %14.3f %8.3f-%.3f %22s%n", e.getKey(), quantile(o, 0.5), quantile(a, 0.5),
                        quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75),
                        String.format("%.2f / %.2f (%.3f)", c[0], c[1], cpuRatio(e.getKey())));
            }
            for (int i = 0; i < rounds; i++) {
                double o = 0;
                double a = 0;
                for (List<double[]> s : samples.values()) {
                    o += s.get(i)[0];
                    a += s.get(i)[1];
                }
                totalRatios.add(a / o);
            }
            System.out.printf("%-52s %10.2f %10.2f %14.3f %8.3f-%.3f%n", "all of the above (sum per round)", ownerTotal, agentTotal,
                    quantile(totalRatios, 0.5), quantile(totalRatios, 0.25), quantile(totalRatios, 0.75));
            System.out.printf("%n%-52s %12s %12s %12s %12s%n", "EXPLAIN ANALYZE, medians of " + explains.values().iterator().next().size() + " (ms)",
                    "owner plan", "owner exec", "agent plan", "agent exec");
            for (Map.Entry<String, List<double[]>> e : explains.entrySet()) {
                System.out.printf("%-52s %12.3f %12.3f %12.3f %12.3f%n", e.getKey(), quantile(column(e.getValue(), 0), 0.5),
                        quantile(column(e.getValue(), 1), 0.5), quantile(column(e.getValue(), 2), 0.5), quantile(column(e.getValue(), 3), 0.5));
            }
        }
    }

    private static void compare(Map<String, Results> results) {
        System.out.printf("%nagent ÷ owner, median of per-round ratios (p25-p75)%n%-52s", "workload");
        results.keySet().forEach(v -> System.out.printf(" %22s", v.length() > 22 ? v.substring(v.length() - 22) : v));
        System.out.println();
        Results first = results.values().iterator().next();
        for (String w : first.samples.keySet()) {
            System.out.printf("%-52s", w);
            results.values().forEach(r -> System.out.printf(" %22s", String.format("%.3f (%.2f-%.2f)", r.ratio(w),
                    quantile(column(r.samples.get(w), 2), 0.25), quantile(column(r.samples.get(w), 2), 0.75))));
            System.out.println();
        }
        System.out.printf("%nPostgreSQL CPU, agent ÷ owner (sums over all rounds)%n%-52s", "workload");
        results.keySet().forEach(v -> System.out.printf(" %22s", v.length() > 22 ? v.substring(v.length() - 22) : v));
        System.out.println();
        for (String w : first.samples.keySet()) {
            System.out.printf("%-52s", w);
            results.values().forEach(r -> System.out.printf(" %22.3f", r.cpuRatio(w)));
            System.out.println();
        }
        System.out.printf("%nEXPLAIN ANALYZE, agent's planning + execution minus the owner's (ms, medians)%n%-52s", "statement");
        results.keySet().forEach(v -> System.out.printf(" %22s", v.length() > 22 ? v.substring(v.length() - 22) : v));
        System.out.println();
        for (String st : first.explains.keySet()) {
            System.out.printf("%-52s", st);
            results.values().forEach(r -> System.out.printf(" %22.3f", extra(r.explains.get(st))));
            System.out.println();
        }
    }

    private static double extra(List<double[]> runs) {
        return quantile(runs.stream().map(r -> r[2] + r[3] - r[0] - r[1]).toList(), 0.5);
    }

    /** One statement under EXPLAIN (ANALYZE): its planning and execution times as PostgreSQL measured them. */
    private record Explained(String sql, List<Object> parameters) {
        private static final Pattern TIME = Pattern.compile("^(Planning|Execution) Time: ([0-9.]+) ms");

        double[] run(Connection c) throws Exception {
            double[] times = new double[2];
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE) " + sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    ps.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Matcher m = TIME.matcher(rs.getString(1));
                        if (m.find()) {
                            times[m.group(1).equals("Planning") ? 0 : 1] = Double.parseDouble(m.group(2));
                        }
                    }
                }
            }
            return times;
        }
    }

    private static final String LIST_SQL = """
            SELECT cv.id, cv.contact_id, ct.name, ct.phone, cv.channel, cv.status, cv.last_message_at, cv.last_read_at, ct.last_inbound_at,
                   lm.direction, lm.type, lm.content_type, lm.preview, lm.status, ur.unread, cv.assigned_agent_id, ag.display_name
            FROM conversations cv
            JOIN contacts ct ON ct.id = cv.contact_id AND ct.tenant_id = cv.tenant_id
            LEFT JOIN agents ag ON ag.id = cv.assigned_agent_id
            LEFT JOIN LATERAL (
                SELECT m.direction, m.type, m.content_type, left(m.content, 160) AS preview, m.status FROM messages m
                WHERE m.conversation_id = cv.id AND m.tenant_id = cv.tenant_id
                ORDER BY m.created_at DESC, m.id DESC LIMIT 1) lm ON true
            LEFT JOIN LATERAL (
                SELECT count(*) AS unread FROM messages m
                WHERE m.conversation_id = cv.id AND m.tenant_id = cv.tenant_id AND m.direction = 'inbound'
                  AND m.created_at > CASE WHEN cv.last_read_at IS NULL THEN '-infinity'::timestamp ELSE cv.last_read_at END) ur ON true
            WHERE cv.tenant_id = ? ORDER BY cv.last_message_at DESC NULLS LAST, cv.id DESC LIMIT 50""";
    private static final String THREAD_SQL = """
            SELECT id, direction, type, content_type, content, metadata::text, status, created_at, sent_at, delivered_at, read_at, failed_at,
                   error_code, error_title, error_detail,
                   (SELECT a.display_name FROM agents a WHERE a.id = messages.sent_by_agent_id)
            FROM messages WHERE tenant_id = ? AND conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT 50""";
    private static final String UNREAD_SQL = """
            SELECT COALESCE(sum(u.n), 0) FROM conversations cv
            CROSS JOIN LATERAL (
                SELECT count(*) AS n FROM messages m
                WHERE m.conversation_id = cv.id AND m.tenant_id = cv.tenant_id AND m.direction = 'inbound'
                  AND m.created_at > CASE WHEN cv.last_read_at IS NULL THEN '-infinity'::timestamp ELSE cv.last_read_at END) u
            WHERE cv.tenant_id = ? AND (cv.last_read_at IS NULL OR cv.last_message_at > cv.last_read_at) AND cv.status <> 'archived'""";

    /** Runs a policy script (several statements) as the owner; the agent's cached plans are invalidated by it. */
    private static void apply(Database owner, String resources) throws IOException {
        List<String> scripts = new ArrayList<>();
        for (String resource : resources.split(",")) {
            try (InputStream in = RlsInboxBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("not on the class path: " + resource);
                }
                scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        owner.inJdbcTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : scripts) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }

    /** How the messages table's read policy checks the tenant, to show which set is in place. */
    private static String policyShape(Connection c) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_get_expr(polqual, polrelid) FROM pg_policy WHERE polrelid = 'messages'::regclass AND polname = 'team_select_agent'")) {
            String expr = rs.next() ? rs.getString(1) : "";
            String shape = expr.contains("FROM team_access") ? "one-row lookup in the policy (V31)"
                    : expr.contains("team_session_tenants") ? "view subquery in the policy" : expr.contains("team_tenants") ? "team_tenants()" : "none";
            try (ResultSet fn = s.executeQuery("SELECT prosecdef, proconfig::text FROM pg_proc WHERE proname = 'team_tenants'")) {
                fn.next();
                return shape + (fn.getBoolean(1) ? ", SECURITY DEFINER " + fn.getString(2) : ", caller's rights " + fn.getString(2));
            }
        }
    }

    /** The postmaster of {@code pgData} and its children (the pools' backends among them). */
    private static List<Long> serverProcesses(Path pgData) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child -> pids.add(child.pid())));
        return pids;
    }

    private static String superuserValue(EmbeddedPostgres server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres", "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<Double> column(List<double[]> rows, int i) {
        return rows.stream().map(r -> r[i]).toList();
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = values.stream().sorted().toList();
        double pos = q * (sorted.size() - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
    }

    private static double time(Workload w, ConversationService s) {
        long start = System.nanoTime();
        w.run(s);
        return (System.nanoTime() - start) / 1e6;
    }

    private static UUID tenant(Database db, String name) {
        return db.inJdbcTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO tenants (name) VALUES (?) RETURNING id")) {
                ps.setString(1, name);
                var rs = ps.executeQuery();
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        });
    }

    private static void superuser(EmbeddedPostgres server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @FunctionalInterface
    private interface Workload {
        void run(ConversationService service);
    }
}
