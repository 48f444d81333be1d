package io.switchboard.ui.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.stats.AgentFigures;
import io.switchboard.stats.StatsService;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The "By agent" tab's view model on a real database, without a display: it follows the Stats view's report. */
class AgentBreakdownViewModelTest {
    private Database db;
    private UUID acme;
    private UUID globex;
    private StatsViewModel stats;
    private AgentBreakdownViewModel vm;
    private ScheduledExecutorService timer;

    @BeforeEach
    void open() {
        db = TestDatabase.open();
        TenantService tenants = new TenantService(db);
        acme = tenants.create("Acme").id();
        globex = tenants.create("Globex").id();
        UUID ann = agent(acme, "ann_vm", "Ann");
        UUID gus = agent(globex, "gus_vm", "Gus");
        answered(acme, ann, "+4915112340001");
        answered(acme, null, "+4915112340002");
        answered(globex, gus, "+15550000003");
        timer = Executors.newSingleThreadScheduledExecutor();
        StatsService service = new StatsService(db);
        stats = new StatsViewModel(service, tenants::list, Runnable::run, Runnable::run, timer, Clock.systemUTC());
        vm = new AgentBreakdownViewModel(service, Runnable::run, Runnable::run);
        vm.follow(stats.report);
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        db.close();
    }

    @Test
    void followsTheStatsViewsTenantAndItsExportIsTheCommandsTable() {
        stats.open(acme);

        assertThat(vm.rows).extracting(AgentFigures::name).containsExactly("Ann", AgentFigures.UNATTRIBUTED);
        assertThat(vm.rows.get(0).firstResponse().count()).isEqualTo(1);
        assertThat(vm.rows.get(0).firstResponse().medianMinutes()).isEqualTo(7);
        assertThat(vm.rows.get(0).outbound()).isEqualTo(1);
        assertThat(vm.table().columns()).contains("first_response_median_minutes", "conversations_resolved");
        assertThat(vm.table().rows()).isEqualTo(new StatsService(db).byAgent(acme, stats.report.get().range()).table().rows());

        stats.selectTenant(stats.tenants.stream().filter(t -> globex.equals(t.id())).findFirst().orElseThrow());
        assertThat(vm.rows).extracting(AgentFigures::name).containsExactly("Gus");

        stats.selectTenant(TenantChoice.ALL);
        assertThat(vm.rows).extracting(AgentFigures::name).containsExactly("Ann", "Gus", AgentFigures.UNATTRIBUTED);
        assertThat(vm.error.get()).isEmpty();
    }

    private UUID agent(UUID tenant, String login, String name) {
        UUID id = uuid("INSERT INTO agents (login, display_name) VALUES (?, ?) RETURNING id", login, name);
        uuid("INSERT INTO agent_tenants (agent_id, tenant_id, role) VALUES (?, ?, 'agent') RETURNING agent_id", id, tenant);
        return id;
    }

    /** A customer writes and {@code agent} (null: an automation) answers seven minutes later, today. */
    private void answered(UUID tenant, UUID agent, String phone) {
        UUID contact = uuid("INSERT INTO contacts (tenant_id, phone) VALUES (?, ?) RETURNING id", tenant, phone);
        UUID conversation = uuid("INSERT INTO conversations (tenant_id, contact_id) VALUES (?, ?) RETURNING id", tenant, contact);
        uuid("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at) VALUES (?, ?, ?,"
                + " 'inbound', 'text', 'hi', 'delivered', (NOW() AT TIME ZONE 'UTC') - INTERVAL '8 minutes') RETURNING id", tenant, conversation, contact);
        uuid("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, sent_by_agent_id, created_at)"
                + " VALUES (?, ?, ?, 'outbound', 'text', 'hello', 'queued', ?, (NOW() AT TIME ZONE 'UTC') - INTERVAL '1 minute') RETURNING id",
                tenant, conversation, contact, agent);
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
