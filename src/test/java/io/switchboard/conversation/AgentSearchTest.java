package io.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.agent.AgentRole;
import io.switchboard.agent.NewPassword;
import io.switchboard.agent.TeamDatabase;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A team agent's search (matching ids first, then the page in the shape that suits their number) lists exactly
 * what the owner's inline search lists, page by page, with few matches and with many, and nothing of the
 * other tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentSearchTest {
    private TeamDatabase team;
    private Database asAgent;

    @BeforeAll
    void fill() {
        team = new TeamDatabase();
        // 260 conversations of tenant A whose last message asks for a refund (more than 4 lookups per row of a
        // page of 50), 3 whose contact is called Zebulon, 40 others; the same words in tenant B.
        for (UUID tenant : List.of(team.tenantA, team.tenantB)) {
            team.owner.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        WITH k AS (
                          INSERT INTO contacts (tenant_id, name, phone)
                          SELECT ?, CASE WHEN g <= 3 THEN 'Zebulon ' || g ELSE 'Customer ' || g END, '+4930' || lpad(g::text, 6, '0')
                          FROM generate_series(1, 303) g RETURNING id, name),
                        v AS (
                          INSERT INTO conversations (tenant_id, contact_id, last_message_at)
                          SELECT ?, k.id, TIMESTAMP '2026-11-01' + (random() * 1000000) * INTERVAL '1 second' FROM k RETURNING id, contact_id, last_message_at)
                        INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at)
                        SELECT ?, v.id, v.contact_id, 'inbound', 'text',
                               CASE WHEN row_number() OVER () <= 260 THEN 'I want a refund' ELSE 'hello' END, 'delivered', v.last_message_at
                        FROM v""")) {
                    ps.setObject(1, tenant);
                    ps.setObject(2, tenant);
                    ps.setObject(3, tenant);
                    ps.executeUpdate();
                }
                return null;
            });
        }
        NewPassword agent = team.agent("searcher", team.tenantA, AgentRole.AGENT);
        asAgent = Database.connect(new ConnectionTarget("127.0.0.1", team.ownerTarget.port(), team.name, agent.login(), agent.password(), false),
                2, "test");
    }

    @AfterAll
    void close() {
        asAgent.close();
        team.close();
    }

    @Test
    void theAgentsSearchListsWhatTheOwnersListsPageByPage() {
        ConversationService owner = new ConversationService(team.owner);
        ConversationService agent = new ConversationService(asAgent);
        assertThat(AgentSearch.condition(260, 50)).contains("IS TRUE");
        assertThat(AgentSearch.condition(3, 50)).doesNotContain("IS TRUE");
        for (String search : List.of("refund", "Zebulon", "+4930 000002", "nothing matches this")) {
            List<UUID> expected = allPages(owner, search);
            assertThat(allPages(agent, search)).as(search).isEqualTo(expected);
            assertThat(expected).as(search).hasSize(switch (search) {
                case "refund" -> 260;
                case "Zebulon" -> 3;
                case "+4930 000002" -> 1;
                default -> 0;
            });
        }
        assertThat(agent.list(team.tenantB, ConversationFilter.ALL, "refund", null, 50).items()).as("the other tenant").isEmpty();
    }

    private List<UUID> allPages(ConversationService service, String search) {
        List<UUID> ids = new ArrayList<>();
        ConversationCursor cursor = null;
        do {
            ConversationPage page = service.list(team.tenantA, ConversationFilter.ALL, search, cursor, 50);
            page.items().forEach(s -> ids.add(s.id()));
            cursor = page.next();
        } while (cursor != null);
        return ids;
    }
}
