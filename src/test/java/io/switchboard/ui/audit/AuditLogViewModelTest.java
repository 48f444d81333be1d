package io.switchboard.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.agent.AgentRole;
import io.switchboard.agent.NewPassword;
import io.switchboard.agent.TeamDatabase;
import io.switchboard.audit.AuditEntry;
import io.switchboard.audit.AuditLog;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.ui.common.ImmediateExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log window's rules without a display: pages newest first, CSV export of everything, and an admin-only view enforced by the database. */
class AuditLogViewModelTest {
    @TempDir
    Path folder;

    private final TeamDatabase team = new TeamDatabase();

    @AfterEach
    void tearDown() {
        team.close();
    }

    @Test
    void pagesNewestFirstAndExportsTheWholeLogAsCsv() throws Exception {
        team.owner.inJdbcTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO contacts (tenant_id, name, phone) SELECT '" + team.tenantA + "', 'Guest, \"' || g || '\"', '+1666' || lpad(g::text, 7, '0')"
                        + " FROM generate_series(1, 250) g");
            }
            return null;
        });
        AuditLogViewModel model = new AuditLogViewModel(new AuditLog(team.owner), team.tenantA, new ImmediateExecutor());
        model.refresh();
        assertThat(model.entries()).hasSize(AuditLogViewModel.PAGE);
        assertThat(model.moreProperty().get()).isTrue();
        assertThat(model.entries().get(0).after()).as("newest first").contains("Guest, \\\"250\\\"");
        model.loadOlder();
        long total = (Long) io.switchboard.testing.Rows.value(team.owner.dataSource(), "SELECT count(*) FROM audit_log WHERE tenant_id = '" + team.tenantA + "'");
        assertThat(model.entries()).hasSize((int) total);
        assertThat(model.moreProperty().get()).isFalse();
        assertThat(model.entries()).extracting(AuditEntry::at).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(model.entries().get(model.entries().size() - 1).objectType()).as("the tenant's creation comes first").isEqualTo("tenants");

        Path csv = folder.resolve("audit.csv");
        model.exportCsv(csv);
        assertThat(model.statusProperty().get()).isEqualTo("Exported " + total + " entries to " + csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize((int) total + 1);
        assertThat(lines.get(0)).isEqualTo("at_utc,tenant_id,actor_login,actor_name,action,object_type,object_id,before,after");
        assertThat(lines.get(1)).contains(",tenants,").contains(",insert,");
        assertThat(lines.get(lines.size() - 1)).contains(",contacts,").contains("\"{\"\"id\"\": ").contains("Guest, \\\"\"250\\\"\"");
    }

    @Test
    void anAgentWhoIsNoAdminSeesAnEmptyLog() throws Exception {
        NewPassword agent = team.agent("nosy", team.tenantA, AgentRole.SUPERVISOR);
        ConnectionTarget t = team.ownerTarget;
        try (Database asAgent = Database.connect(new ConnectionTarget(t.host(), t.port(), t.database(), agent.login(), agent.password(), false), 2, "test")) {
            AuditLogViewModel model = new AuditLogViewModel(new AuditLog(asAgent), team.tenantA, new ImmediateExecutor());
            model.refresh();
            assertThat(model.entries()).isEmpty();
            assertThat(model.statusProperty().get()).isEqualTo("Nothing recorded for this tenant, or you are no admin of it.");
        }
    }
}
