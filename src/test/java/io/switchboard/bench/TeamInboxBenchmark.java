package io.switchboard.bench;

import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationScope;
import io.switchboard.conversation.ConversationScope.Assignee;
import io.switchboard.conversation.ConversationService;
import io.switchboard.demo.DemoData;
import io.switchboard.team.AssignmentRules;
import io.switchboard.team.TeamServices;
import io.switchboard.tenant.TenantService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the team inbox adds to every list refresh on a large tenant: the first page narrowed to Mine /
 * Unassigned / a label, the three counts beside the chips, presence, and an idle round-robin run, each
 * next to the plain first page measured in the same minute. Usage: bench/run.sh TeamInboxBenchmark [CONVERSATIONS] [MESSAGES]
 */
public final class TeamInboxBenchmark {
    private TeamInboxBenchmark() {
    }

    public static void main(String[] args) {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long messages = args.length > 1 ? Long.parseLong(args[1]) : 300_000;
        try (BenchEnvironment env = new BenchEnvironment(4)) {
            UUID tenant = new TenantService(env.db()).create("Northwind Support").id();
            long t0 = System.nanoTime();
            new DemoData(env.db()).fill(tenant, conversations, messages, 7L);
            System.out.printf("filled %,d conversations, %,d messages in %.1f s%n", conversations, messages, (System.nanoTime() - t0) / 1e9);
            TeamServices team = new TeamServices(env.db(), "Owner");
            UUID me = team.agents().me(tenant).orElseThrow().id();
            List<UUID> agents = new ArrayList<>(List.of(me));
            for (int i = 0; i < 9; i++) {
                String login = "agent" + i;
                env.db().inJdbcTransaction(c -> c.createStatement().executeUpdate("WITH a AS (INSERT INTO agents (login, display_name, last_seen_at)"
                        + " VALUES ('" + login + "', 'Agent " + login + "', NOW()) RETURNING id) INSERT INTO agent_tenants (agent_id, tenant_id, role)"
                        + " SELECT id, '" + tenant + "', 'agent' FROM a"));
            }
            // Two thirds assigned across ten agents, a tenth labelled.
            env.db().inJdbcTransaction(c -> c.createStatement().executeUpdate("UPDATE conversations cv SET assigned_agent_id = a.id FROM"
                    + " (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM agents) a WHERE cv.tenant_id = '" + tenant + "'"
                    + " AND abs(hashtext(cv.id::text)) % 15 = a.n"));
            var vip = team.labels().create(tenant, "VIP", "#ff8800");
            env.db().inJdbcTransaction(c -> c.createStatement().executeUpdate("INSERT INTO conversation_labels (tenant_id, conversation_id, label_id)"
                    + " SELECT tenant_id, id, '" + vip.id() + "' FROM conversations WHERE tenant_id = '" + tenant + "' AND abs(hashtext(id::text)) % 10 = 0"));
            env.db().inJdbcTransaction(c -> c.createStatement().execute("ANALYZE"));
            team.autoAssignment().setRules(tenant, new AssignmentRules(AssignmentRules.Mode.ROUND_ROBIN, 1_000));
            ConversationService list = new ConversationService(env.db());
            System.out.printf("assigned to me %,d, unassigned %,d%n", list.scopeCounts(tenant, ConversationFilter.ALL, me, null).mine(),
                    list.scopeCounts(tenant, ConversationFilter.ALL, me, null).unassigned());

            for (int round = 0; round < 2; round++) {
                System.out.println("round " + (round + 1));
                double base = measure("first page, All (the list as before)", () -> list.list(tenant, ConversationFilter.ALL, "", null, 50));
                measure("first page, All, Mine", () -> list.list(tenant, ConversationFilter.ALL, new ConversationScope(Assignee.MINE, me, null), "", null, 50), base);
                measure("first page, All, Unassigned", () -> list.list(tenant, ConversationFilter.ALL, new ConversationScope(Assignee.UNASSIGNED, me, null), "", null, 50), base);
                measure("first page, Open, Mine", () -> list.list(tenant, ConversationFilter.OPEN, new ConversationScope(Assignee.MINE, me, null), "", null, 50), base);
                measure("first page, All, label VIP", () -> list.list(tenant, ConversationFilter.ALL, new ConversationScope(Assignee.ALL, null, vip.id()), "", null, 50), base);
                measure("counts Mine/Unassigned/All under All", () -> list.scopeCounts(tenant, ConversationFilter.ALL, me, null), base);
                measure("counts under Open", () -> list.scopeCounts(tenant, ConversationFilter.OPEN, me, null), base);
                measure("counts under Unread", () -> list.scopeCounts(tenant, ConversationFilter.UNREAD, me, null), base);
                measure("counts under All, label VIP", () -> list.scopeCounts(tenant, ConversationFilter.ALL, me, vip.id()), base);
                measure("presence: others typing / just answered", () -> team.presence().others(tenant), base);
                measure("round robin run, every online agent at the cap", () -> team.autoAssignment().assignWaiting(tenant), base);
            }
        }
    }

    private static double measure(String what, Supplier<?> call) {
        return measure(what, call, 0);
    }

    private static double measure(String what, Supplier<?> call, double base) {
        for (int i = 0; i < 5; i++) {
            call.get();
        }
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            call.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        double p50 = ms[ms.length / 2];
        System.out.printf("  %-48s p50 %7.2f ms  p90 %7.2f ms%s%n", what, p50, ms[(int) (ms.length * 0.9)],
                base > 0 ? String.format("  (%.2f× the plain first page)", p50 / base) : "");
        return p50;
    }
}
