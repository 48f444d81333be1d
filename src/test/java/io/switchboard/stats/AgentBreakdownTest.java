package io.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who a figure belongs to, on a history written row by row as psql would: Ann answers, Ben answers a conversation still
 * assigned to Ann, it is reassigned to Ben and he closes it; an automation answers another conversation, which is closed
 * unassigned. First responses go to who wrote the answer, resolutions to the assignee at the close.
 */
class AgentBreakdownTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final StatsRange RANGE = new StatsRange(TODAY.minusDays(2), TODAY.plusDays(1));

    private Database db;
    private StatsService stats;
    private UUID tenant;
    private UUID contact;
    private UUID ann;
    private UUID ben;

    @BeforeEach
    void open() {
        db = TestDatabase.open();
        stats = new StatsService(db);
        tenant = uuid("INSERT INTO tenants (name) VALUES ('Acme') RETURNING id");
        contact = uuid("INSERT INTO contacts (tenant_id, name, phone) VALUES (?, 'Ada', '+4915112345678') RETURNING id", tenant);
        ann = agent("ann_test", "Ann");
        ben = agent("ben_test", "Ben");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void firstResponsesGoToTheirAuthorAndResolutionsToTheAssigneeAtTheClose() {
        UUID first = uuid("INSERT INTO conversations (tenant_id, contact_id, assigned_agent_id) VALUES (?, ?, ?) RETURNING id", tenant, contact, ann);
        inbound(first, "07:00");
        UUID annReply = outbound(first, "07:30", ann, null);
        inbound(first, "08:00");
        UUID benReply = outbound(first, "10:00", ben, null); // Ben answers while Ann is still assigned
        exec("UPDATE messages SET status = 'read', sent_at = created_at, delivered_at = created_at, read_at = created_at WHERE id = ?", annReply);
        exec("UPDATE messages SET status = 'failed', failed_at = created_at, error_code = '131026' WHERE id = ?", benReply);
        exec("UPDATE conversations SET assigned_agent_id = ? WHERE id = ?", ben, first);
        close(first, 180);

        contact = uuid("INSERT INTO contacts (tenant_id, name, phone) VALUES (?, 'Bo', '+4915112345679') RETURNING id", tenant);
        UUID second = uuid("INSERT INTO conversations (tenant_id, contact_id) VALUES (?, ?) RETURNING id", tenant, contact);
        UUID campaign = uuid("INSERT INTO campaigns (tenant_id, name, message, recipients) VALUES (?, 'Spring', 'Hi', ARRAY['+4915112345678']) RETURNING id", tenant);
        inbound(second, "07:00");
        outbound(second, "07:05", null, campaign); // a campaign answers nobody
        outbound(second, "07:20", null, null); // an automation does: unattributed
        close(second, 30);

        AgentReport report = stats.byAgent(tenant, RANGE);

        assertThat(report.agents()).extracting(AgentFigures::name).containsExactly("Ann", "Ben", AgentFigures.UNATTRIBUTED);
        AgentFigures a = report.agents().get(0);
        assertThat(List.of(a.outbound(), a.sent(), a.delivered(), a.read(), a.failed())).containsExactly(1L, 1L, 1L, 1L, 0L);
        assertThat(a.firstResponse().count()).isEqualTo(1);
        assertThat(a.firstResponse().medianMinutes()).isEqualTo(30);
        assertThat(a.conversationsResolved()).isZero();
        assertThat(a.resolution().medianMinutes()).isNull();
        AgentFigures b = report.agents().get(1);
        assertThat(List.of(b.outbound(), b.sent(), b.failed())).containsExactly(1L, 0L, 1L);
        assertThat(b.firstResponse().medianMinutes()).isEqualTo(120);
        assertThat(b.conversationsResolved()).isEqualTo(1);
        assertThat(b.resolution().medianMinutes()).isEqualTo(180);
        assertThat(b.resolution().p90Minutes()).isEqualTo(180);
        AgentFigures nobody = report.agents().get(2);
        assertThat(nobody.agentId()).isNull();
        assertThat(nobody.outbound()).as("the campaign's and the automation's").isEqualTo(2);
        assertThat(nobody.firstResponse().medianMinutes()).isEqualTo(20);
        assertThat(nobody.conversationsResolved()).isEqualTo(1);
        assertThat(nobody.resolution().medianMinutes()).isEqualTo(30);
        // Everyone's together are the tenant's figures.
        StatsReport whole = stats.report(tenant, RANGE);
        assertThat(report.agents().stream().mapToLong(f -> f.firstResponse().count()).sum()).isEqualTo(whole.firstResponse().count());
        assertThat(report.agents().stream().mapToLong(AgentFigures::conversationsResolved).sum()).isEqualTo(whole.resolution().count());
        assertThat(report.agents().stream().mapToLong(AgentFigures::outbound).sum()).isEqualTo(whole.delivery().outbound());

        // What `stats --by agent` prints and the tab exports: the same rows.
        assertThat(report.table().csv()).contains("Ann," + ann + ",1,1,1,1,0,1,30,30,0,,\r\n")
                .contains("Ben," + ben + ",1,0,0,0,1,1,120,120,1,180,180\r\n")
                .contains("unattributed,,2,0,0,0,0,1,20,20,1,30,30\r\n");

        // The folder moves deltas into counters: nothing changes. A disabled agent keeps their history, named so.
        new StatsFolder(db, java.time.Duration.ofSeconds(1)).foldAll();
        exec("UPDATE agents SET status = 'disabled' WHERE id = ?", ben);
        assertThat(stats.byAgent(tenant, RANGE).agents()).extracting(AgentFigures::name).containsExactly("Ann", "Ben (disabled)", "unattributed");
        assertThat(stats.byAgent(tenant, RANGE).table().rows()).isEqualTo(report.table().rows().stream()
                .map(r -> r.get(0).equals("Ben") ? java.util.stream.Stream.concat(java.util.stream.Stream.of("Ben (disabled)"), r.stream().skip(1)).toList() : r)
                .toList());
    }

    @Test
    void anAgentDeletedLeavesTheirMessagesUnattributedAndAClosedUnassignedConversationIsTheClosers() {
        UUID conversation = uuid("INSERT INTO conversations (tenant_id, contact_id) VALUES (?, ?) RETURNING id", tenant, contact);
        inbound(conversation, "07:00");
        outbound(conversation, "07:10", ben, null);
        exec("DELETE FROM agents WHERE id = ?", ben); // messages.sent_by_agent_id is set null: the counters follow

        AgentReport report = stats.byAgent(tenant, RANGE);

        assertThat(report.agents()).extracting(AgentFigures::name, AgentFigures::outbound).containsExactly(
                org.assertj.core.groups.Tuple.tuple("agent " + ben.toString().substring(0, 8) + " (not an agent of this tenant now)", 0L),
                org.assertj.core.groups.Tuple.tuple(AgentFigures.UNATTRIBUTED, 1L));
        assertThat(report.agents().get(0).firstResponse().medianMinutes()).as("the answer was Ben's, whoever he is now").isEqualTo(10);
        assertThat(report.agents().get(1).firstResponse().count()).isZero();
    }

    private UUID agent(String login, String name) {
        UUID id = uuid("INSERT INTO agents (login, display_name) VALUES (?, ?) RETURNING id", login, name);
        exec("INSERT INTO agent_tenants (agent_id, tenant_id, role) VALUES (?, ?, 'agent')", id, tenant);
        return id;
    }

    private void inbound(UUID conversation, String time) {
        uuid("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at) VALUES (?, ?, ?, 'inbound',"
                + " 'text', 'hi', 'delivered', ?::timestamp) RETURNING id", tenant, conversation, contact, TODAY + " " + time);
    }

    private UUID outbound(UUID conversation, String time, UUID agent, UUID campaign) {
        return uuid("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, sent_by_agent_id, campaign_id,"
                + " created_at) VALUES (?, ?, ?, 'outbound', 'text', 'hello', 'queued', ?, ?, ?::timestamp) RETURNING id", tenant, conversation, contact,
                agent, campaign, TODAY + " " + time);
    }

    /** Closes the conversation {@code minutes} after its episode opened (one transaction: one NOW()). */
    private void close(UUID conversation, int minutes) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET opened_at = (NOW() AT TIME ZONE 'UTC') - make_interval(mins => ?) WHERE id = ?")) {
                ps.setInt(1, minutes);
                ps.setObject(2, conversation);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET status = 'closed' WHERE id = ?")) {
                ps.setObject(1, conversation);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void exec(String sql, Object... params) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    private UUID uuid(String sql, Object... params) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }
}
