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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cost of row-level security on the inbox's queries: the same service calls the inbox view models
 * make (list pages deep into the keyset, filters, thread pages, the unread total, search), timed as the
 * owner (not subject to row-level security: the "before") and as an agent of the tenant (every table's
 * policies apply: the "after"), alternating owner/agent/agent/owner round by round so load on the shared
 * machine falls on both alike. Two tenants of equal size, so the policies have rows to exclude.
 *
 * <pre>bench/run.sh RlsInboxBenchmark [conversations per tenant, default 20000] [messages per tenant, default 200000] [rounds, default 12]</pre>
 */
public final class RlsInboxBenchmark {
    private RlsInboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long messages = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 12;
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
                try (Database asAgent = Database.connect(agentTarget, 4, "bench").startHibernate(false)) {
                    run(new ConversationService(owner), new ConversationService(asAgent), tenant, rounds);
                }
            }
        }
    }

    private static void run(ConversationService owner, ConversationService agent, UUID tenant, int rounds) {
        List<UUID> threads = owner.list(tenant, ConversationFilter.ALL, "", null, 20).items().stream().map(ConversationSummary::id).toList();
        String digits = "555";
        Map<String, Workload> workloads = new LinkedHashMap<>();
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
        workloads.put("thread: newest page of 20 conversations", s -> threads.forEach(id -> s.thread(tenant, id, null, 50)));
        workloads.put("unread total x10", s -> {
            for (int i = 0; i < 10; i++) {
                s.unreadTotal(tenant);
            }
        });
        workloads.put("search: phone digits, word", s -> {
            s.list(tenant, ConversationFilter.ALL, digits, null, 50);
            s.list(tenant, ConversationFilter.ALL, "refund", null, 50);
        });
        // Warm both sides up (plans, caches, JIT) before anything is timed.
        for (int i = 0; i < 3; i++) {
            workloads.values().forEach(w -> { w.run(owner); w.run(agent); });
        }
        System.out.printf("%-52s %12s %12s %8s%n", "workload (median of " + rounds + " rounds)", "owner ms", "agent ms", "ratio");
        double ownerTotal = 0;
        double agentTotal = 0;
        for (Map.Entry<String, Workload> e : workloads.entrySet()) {
            List<Double> o = new ArrayList<>();
            List<Double> a = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    o.add(time(e.getValue(), owner));
                    a.add(time(e.getValue(), agent));
                } else {
                    a.add(time(e.getValue(), agent));
                    o.add(time(e.getValue(), owner));
                }
            }
            double om = median(o);
            double am = median(a);
            ownerTotal += om;
            agentTotal += am;
            System.out.printf("%-52s %12.2f %12.2f %8.3f%n", e.getKey(), om, am, am / om);
        }
        System.out.printf("%-52s %12.2f %12.2f %8.3f%n", "all of the above", ownerTotal, agentTotal, agentTotal / ownerTotal);
    }

    private static double time(Workload w, ConversationService s) {
        long start = System.nanoTime();
        w.run(s);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
