package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.stats.AgentFigures;
import io.switchboard.stats.AgentReport;
import io.switchboard.stats.StatsRange;
import io.switchboard.stats.StatsService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Team mode: a supervisor signs in with their own credentials and sees the by-agent breakdown of their tenant, with the
 * agents' names (agents of their tenants are readable to them by row-level security); the other tenant's agents and
 * figures stay invisible; an agent (not a supervisor) reads no counters at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorAgentStatsTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final StatsRange RANGE = new StatsRange(TODAY.minusDays(1), TODAY.plusDays(1));

    private TeamDatabase team;
    private NewPassword supervisorA;
    private NewPassword agentA;
    private NewPassword agentB;

    @BeforeAll
    void team() throws SQLException {
        team = new TeamDatabase();
        supervisorA = team.agent("sue", team.tenantA, AgentRole.SUPERVISOR);
        agentA = team.agent("al", team.tenantA, AgentRole.AGENT);
        agentB = team.agent("bea", team.tenantB, AgentRole.AGENT);
        answerAs(agentA, team.tenantA);
        answerAs(agentB, team.tenantB);
    }

    @AfterAll
    void close() {
        team.close();
    }

    /** The tenant's customer writes (the service stores it) and the agent answers from their own session. */
    private void answerAs(NewPassword agent, UUID tenant) throws SQLException {
        UUID conversation = team.conversationOf(tenant);
        UUID contact = team.contactOf(tenant);
        team.owner.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content,"
                    + " status, created_at) VALUES (?, ?, ?, 'inbound', 'text', 'help?', 'delivered', (NOW() AT TIME ZONE 'UTC') - INTERVAL '25 minutes')")) {
                ps.setObject(1, tenant);
                ps.setObject(2, conversation);
                ps.setObject(3, contact);
                ps.executeUpdate();
            }
            return null;
        });
        try (Connection c = team.connectAs(agent); PreparedStatement ps = c.prepareStatement("INSERT INTO messages (tenant_id, conversation_id,"
                + " contact_id, direction, type, content, status, sent_by_agent_id, created_at) VALUES (?, ?, ?, 'outbound', 'text', 'on it', 'queued',"
                + " (SELECT id FROM agents WHERE login = session_user), NOW() AT TIME ZONE 'UTC')")) {
            ps.setObject(1, tenant);
            ps.setObject(2, conversation);
            ps.setObject(3, contact);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aSupervisorSeesTheirTenantsAgentsByNameAndNothingOfTheOtherTenant() throws SQLException {
        try (Connection c = team.connectAs(supervisorA)) {
            assertThat(values(c, "SELECT display_name FROM agents ORDER BY display_name")).as("plain JDBC as the supervisor")
                    .contains("al (test)", "sue (test)").doesNotContain("bea (test)");
            assertThat(values(c, "SELECT DISTINCT tenant_id::text FROM response_times")).containsExactly(team.tenantA.toString());
        }
        Database asSupervisor = Database.connect(new ConnectionTarget(team.ownerTarget.host(), team.ownerTarget.port(), team.ownerTarget.database(),
                supervisorA.login(), supervisorA.password(), false), 2, "test");
        try {
            AgentReport report = new StatsService(asSupervisor).byAgent(team.tenantA, RANGE);
            assertThat(report.agents()).singleElement().satisfies(a -> {
                assertThat(a.name()).isEqualTo("al (test)");
                assertThat(a.outbound()).isEqualTo(1);
                assertThat(a.firstResponse().count()).isEqualTo(1);
                // the wait began with the fill's message, seconds before the answer (the later one joined the same wait)
                assertThat(a.firstResponse().medianMinutes()).isBetween(0, 1);
            });
            assertThat(new StatsService(asSupervisor).byAgent(null, RANGE).agents()).as("all tenants, for them, is their tenant")
                    .extracting(AgentFigures::name).containsExactly("al (test)");
        } finally {
            asSupervisor.close();
        }
        try (Connection c = team.connectAs(agentA)) {
            assertThat(values(c, "SELECT count(*) FROM stats_counters")).as("figures are for supervisors").containsExactly("0");
            assertThat(values(c, "SELECT count(*) FROM stats_deltas")).containsExactly("0");
            assertThat(values(c, "SELECT count(*) FROM response_times")).containsExactly("0");
        }
        // The owner (the service) sees both tenants' agents.
        assertThat(new StatsService(team.owner).byAgent(null, RANGE).agents()).extracting(AgentFigures::name).containsExactly("al (test)", "bea (test)");
    }

    private static List<String> values(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
