package io.switchboard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.db.Database;
import io.switchboard.testing.Rows;
import io.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each audited action leaves one row: who, what, the object and only what changed, secrets hidden. */
class AuditLogTest {
    private final Database db = TestDatabase.open();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyAuditedActionIsRecordedWithWhoWhatAndBeforeAfter() throws Exception {
        UUID tenant = id("INSERT INTO tenants (name) VALUES ('Acme') RETURNING id");
        UUID agent = id("INSERT INTO agents (login, display_name) VALUES (current_user, 'The owner') RETURNING id");
        exec("INSERT INTO agent_tenants (agent_id, tenant_id, role) VALUES ('" + agent + "', '" + tenant + "', 'admin')");
        exec("UPDATE tenants SET name = 'Acme Inc' WHERE id = '" + tenant + "'");
        UUID contact = id("INSERT INTO contacts (tenant_id, name, phone) VALUES ('" + tenant + "', 'Ana', '+15550001111') RETURNING id");
        exec("UPDATE contacts SET name = 'Ana Lima', updated_at = NOW() WHERE id = '" + contact + "'");
        exec("UPDATE contacts SET updated_at = NOW() + interval '1 minute' WHERE id = '" + contact + "'"); // bookkeeping only: not recorded
        UUID conversation = id("INSERT INTO conversations (tenant_id, contact_id) VALUES ('" + tenant + "', '" + contact + "') RETURNING id");
        exec("UPDATE conversations SET assigned_agent_id = '" + agent + "' WHERE id = '" + conversation + "'");
        exec("UPDATE conversations SET status = 'closed' WHERE id = '" + conversation + "'");
        exec("UPDATE conversations SET status = 'open' WHERE id = '" + conversation + "'");
        exec("UPDATE conversations SET assigned_agent_id = NULL WHERE id = '" + conversation + "'");
        exec("INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc)"
                + " VALUES ('" + tenant + "', 'pnid-1', 'CIPHERTEXT-OF-THE-TOKEN', 'CIPHER-2', 'CIPHER-3')");
        exec("UPDATE whatsapp_accounts SET access_token_enc = 'NEW-CIPHERTEXT', send_rate_per_second = 40");
        exec("INSERT INTO templates (tenant_id, name, body) VALUES ('" + tenant + "', 'welcome', 'Hi')");
        exec("INSERT INTO campaigns (tenant_id, name, message, recipients) VALUES ('" + tenant + "', 'Launch', 'Hello', '{+15550001111,+15550002222}')");
        exec("UPDATE campaigns SET sent_count = 2, delivered_count = 1"); // the worker's recount: bookkeeping, not recorded
        exec("UPDATE campaigns SET status = 'scheduled', scheduled_at = NOW() + interval '1 day'");
        exec("INSERT INTO automations (tenant_id, name, trigger_type, trigger_config, action_type, action_config)"
                + " VALUES ('" + tenant + "', 'Greeter', 'webhook', '{}', 'send_message', '{}')");
        exec("UPDATE agents SET display_name = 'Owner' WHERE id = '" + agent + "'");
        exec("DELETE FROM contacts WHERE id = '" + contact + "'");

        List<Map<String, Object>> log = Rows.query(db.dataSource(),
                "SELECT object_type || ':' || action AS what, actor_login, actor_agent_id, tenant_id, before::text AS before, after::text AS after"
                        + " FROM audit_log ORDER BY at, id");
        assertThat(log).extracting(r -> r.get("what")).containsExactly(
                "tenants:insert", "agents:insert", "agent_tenants:insert", "tenants:update",
                "contacts:insert", "contacts:update",
                "conversations:assign", "conversations:close", "conversations:reopen", "conversations:unassign",
                "whatsapp_accounts:insert", "whatsapp_accounts:update", "templates:insert", "campaigns:insert", "campaigns:update", "automations:insert",
                "agents:update", "contacts:delete");
        assertThat(log).allSatisfy(r -> assertThat(r.get("actor_login")).isEqualTo("postgres"));
        assertThat(log.subList(2, log.size())).allSatisfy(r -> {
            assertThat(r.get("actor_agent_id")).isEqualTo(agent);
            assertThat(r.get("tenant_id")).isEqualTo(tenant);
        });
        assertThat(log.get(3).get("before")).isEqualTo("{\"name\": \"Acme\"}");
        assertThat(log.get(3).get("after")).isEqualTo("{\"name\": \"Acme Inc\"}");
        assertThat(log.get(5).get("after")).as("only what changed; updated_at is bookkeeping").isEqualTo("{\"name\": \"Ana Lima\"}");
        assertThat(log.get(6).get("after")).isEqualTo("{\"assigned_agent_id\": \"" + agent + "\"}");
        assertThat(log.get(7).get("before")).isEqualTo("{\"status\": \"open\"}");
        assertThat(log.stream().map(r -> r.get("before") + " " + r.get("after"))).noneMatch(text -> text.contains("CIPHER"));
        assertThat(log.get(11).get("after")).isEqualTo("{\"access_token_enc\": \"(hidden)\", \"send_rate_per_second\": 40}");
        assertThat((String) log.get(17).get("before")).contains("\"name\": \"Ana Lima\"");
        assertThat((String) log.get(14).get("after")).as("an action on a campaign is recorded, its counters are not")
                .contains("\"status\": \"scheduled\"").doesNotContain("sent_count");
        assertThat((String) log.get(13).get("after")).as("a campaign's recipients are kept as their count, not its phones")
                .contains("\"recipients\": \"2 recipients\"").doesNotContain("+15550002222");
    }

    @Test
    void anAgentCanNeitherWriteNorRewriteTheLog() throws Exception {
        String login = "audit_" + ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().substring(0, 6);
        TestDatabase.executeAsSuperuser("CREATE ROLE " + login + " LOGIN IN ROLE switchboard_agents");
        UUID tenant = id("INSERT INTO tenants (name) VALUES ('Acme') RETURNING id");
        UUID agent = id("INSERT INTO agents (login, display_name) VALUES ('" + login + "', 'An admin') RETURNING id");
        exec("INSERT INTO agent_tenants (agent_id, tenant_id, role) VALUES ('" + agent + "', '" + tenant + "', 'admin')");
        try (Connection c = DriverManager.getConnection(db.target().jdbcUrl(), login, ""); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM audit_log");
            rs.next();
            assertThat(rs.getLong(1)).as("an admin reads their tenant's log").isEqualTo(2); // agent_tenants insert, tenant insert
            assertThatThrownBy(() -> s.execute("INSERT INTO audit_log (tenant_id, action, object_type) VALUES ('" + tenant + "', 'x', 'y')"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("DELETE FROM audit_log")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("UPDATE audit_log SET actor_login = 'someone'")).hasMessageContaining("permission denied");
        }
    }

    private UUID id(String sql) {
        return (UUID) Rows.value(db.dataSource(), sql);
    }

    private void exec(String sql) {
        db.inJdbcTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }
}
