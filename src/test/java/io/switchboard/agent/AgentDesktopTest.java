package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.app.Services;
import io.switchboard.config.Settings;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.QueuedMessage;
import io.switchboard.tenant.TenantView;
import io.switchboard.testing.Rows;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop's services started the way the sign-in starts them — the agent's own credentials on a
 * team's server — read and write only their tenant, queue a reply with an INSERT, and run no worker.
 */
class AgentDesktopTest {
    @TempDir
    Path home;

    private final TeamDatabase team = new TeamDatabase();

    @AfterEach
    void tearDown() {
        team.close();
    }

    @Test
    void anAgentsDesktopSeesItsTenantQueuesRepliesAndRunsNoWorker() {
        NewPassword alice = team.agent("alice", team.tenantA, AgentRole.AGENT);
        team.owner.inJdbcTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE contacts SET last_inbound_at = NOW() AT TIME ZONE 'UTC'");
            }
            return null;
        });
        Settings teamSettings = Settings.load(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(team.ownerTarget.port()), "DB_NAME", team.name,
                "SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_SANDBOX", "false"), home, "Linux", home.toString());
        TeamSignIn signIn = new TeamSignIn(teamSettings, Clock.systemUTC());
        assertThat(TeamSignIn.needed(teamSettings)).isTrue();
        SignedIn agent = signIn.signIn(alice.login(), alice.password());

        try (Services services = Services.start(signIn.as(alice.login(), alice.password()))) {
            assertThat(services.tenants().list()).extracting(TenantView::id).containsExactly(team.tenantA);
            assertThat(services.conversations().list(team.tenantA, ConversationFilter.ALL, "", null, 50).items()).hasSize(1);
            assertThat(services.conversations().list(team.tenantB, ConversationFilter.ALL, "", null, 50).items()).isEmpty();
            assertThat(services.conversations().unreadTotal(team.tenantB)).isZero();
            assertThat(services.dailyBackups()).as("no workers in an agent's desktop").isEmpty();
            // Search goes through team_search_conversations (the indexes, not a filter over every message): same answers.
            assertThat(services.conversations().list(team.tenantA, ConversationFilter.ALL, "secret of", null, 50).items()).hasSize(1);
            assertThat(services.conversations().list(team.tenantA, ConversationFilter.ALL, "Globex", null, 50).items()).isEmpty();
            assertThat(services.conversations().list(team.tenantB, ConversationFilter.ALL, "secret of", null, 50).items()).isEmpty();

            UUID conversation = team.conversationOf(team.tenantA);
            QueuedMessage queued = services.outbox().queue(team.tenantA, conversation, OutboundContent.text("Hello from Alice"));
            assertThat(Rows.value(team.owner.dataSource(), "SELECT status || ' ' || direction FROM messages WHERE id = '" + queued.messageId() + "'"))
                    .isEqualTo("queued outbound");
            assertThatThrownBy(() -> services.outbox().queue(team.tenantB, team.conversationOf(team.tenantB), OutboundContent.text("sneaky")))
                    .hasMessageContaining("conversation");
        }
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM messages WHERE content = 'sneaky'")).isEqualTo(0L);
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM audit_log WHERE action = 'sign_in' AND actor_agent_id = '" + agent.agentId() + "'"))
                .isEqualTo(1L);
    }
}
