package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.db.Migrations;
import io.switchboard.testing.Rows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Agents of two tenants, in each role, connect with their own credentials over plain JDBC (what psql
 * would do) and try to read, insert, update and delete the other tenant's rows: nothing is returned,
 * every write is refused or touches nothing. Within their own tenant each role may do what it should.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowLevelSecurityTest {
    private static final List<String> TENANT_TABLES = List.of("contacts", "conversations", "messages", "message_statuses", "templates",
            "agent_tenants", "campaigns", "automations");

    private TeamDatabase team;
    private NewPassword agentA;
    private NewPassword supervisorA;
    private NewPassword adminA;
    private NewPassword agentB;
    private UUID conversationB;
    private UUID contactB;

    @BeforeAll
    void team() {
        team = new TeamDatabase();
        agentA = team.agent("alice", team.tenantA, AgentRole.AGENT);
        supervisorA = team.agent("sam", team.tenantA, AgentRole.SUPERVISOR);
        adminA = team.agent("ada", team.tenantA, AgentRole.ADMIN);
        agentB = team.agent("bob", team.tenantB, AgentRole.AGENT);
        conversationB = team.conversationOf(team.tenantB);
        contactB = team.contactOf(team.tenantB);
    }

    @AfterAll
    void close() {
        team.close();
    }

    @Test
    void everyRoleReadsItsOwnTenantOnlyInEveryTable() throws SQLException {
        for (NewPassword who : List.of(agentA, supervisorA, adminA)) {
            try (Connection c = team.connectAs(who)) {
                assertThat(values(c, "SELECT DISTINCT id::text FROM tenants")).as(who.login()).containsExactly(team.tenantA.toString());
                for (String table : TENANT_TABLES) {
                    // Campaigns are for supervisors and admins, automations for admins: the others see none at all.
                    boolean theirs = !(table.equals("campaigns") && who == agentA) && !(table.equals("automations") && who != adminA);
                    assertThat(values(c, "SELECT DISTINCT tenant_id::text FROM " + table)).as(who.login() + " reads " + table)
                            .isEqualTo(theirs ? List.of(team.tenantA.toString()) : List.of());
                    assertThat(values(c, "SELECT count(*) FROM " + table + " WHERE tenant_id = '" + team.tenantB + "'"))
                            .as(who.login() + " asks for the other tenant's " + table + " by id").containsExactly("0");
                }
                assertThat(values(c, "SELECT content FROM messages")).contains("a secret of Acme").doesNotContain("a secret of Globex");
            }
        }
        try (Connection c = team.connectAs(agentB)) {
            assertThat(values(c, "SELECT name FROM contacts")).containsExactly("Globex customer");
            assertThat(update(c, "UPDATE agents SET last_seen_at = NOW() WHERE login = current_user")).as("presence: their own row").isEqualTo(1);
            assertThat(values(c, "SELECT login FROM agents ORDER BY login")).as("agents of other tenants are invisible").containsExactly(agentB.login());
        }
    }

    @Test
    void writesToTheOtherTenantAreRefusedOrTouchNothing() throws SQLException {
        for (NewPassword who : List.of(agentA, supervisorA, adminA)) {
            try (Connection c = team.connectAs(who)) {
                assertRefused(c, "INSERT INTO contacts (tenant_id, phone) VALUES ('" + team.tenantB + "', '+15559990000')");
                assertRefused(c, "INSERT INTO conversations (tenant_id, contact_id) VALUES ('" + team.tenantB + "', '" + contactB + "')");
                assertRefused(c, "INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status) VALUES ('"
                        + team.tenantB + "', '" + conversationB + "', '" + contactB + "', 'outbound', 'text', 'hi', 'queued')");
                assertRefused(c, "INSERT INTO templates (tenant_id, name, body) VALUES ('" + team.tenantB + "', 'x', 'y')");
                assertRefused(c, "INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc)"
                        + " VALUES ('" + team.tenantB + "', 'stolen', 'a', 'b', 'c')");
                assertRefused(c, "INSERT INTO agent_tenants (agent_id, tenant_id, role) SELECT id, '" + team.tenantB + "', 'admin' FROM agents WHERE login = current_user");
                for (String table : List.of("contacts", "conversations", "messages", "templates", "campaigns", "automations")) {
                    assertNothingOrRefused(c, "UPDATE " + table + " SET created_at = NOW() WHERE tenant_id = '" + team.tenantB + "'");
                    assertNothingOrRefused(c, "DELETE FROM " + table + " WHERE tenant_id = '" + team.tenantB + "'");
                }
                assertNothingOrRefused(c, "UPDATE whatsapp_accounts SET display_phone = 'x' WHERE tenant_id = '" + team.tenantB + "'");
                assertNothingOrRefused(c, "UPDATE tenants SET name = 'pwned' WHERE id = '" + team.tenantB + "'");
                // Moving an own row into the other tenant is a write into it too.
                assertRefused(c, "UPDATE contacts SET tenant_id = '" + team.tenantB + "'");
            }
        }
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM contacts WHERE tenant_id = '" + team.tenantB + "'")).isEqualTo(1L);
        assertThat(Rows.value(team.owner.dataSource(), "SELECT name FROM tenants WHERE id = '" + team.tenantB + "'")).isEqualTo("Globex");
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM messages WHERE tenant_id = '" + team.tenantB + "'")).isEqualTo(1L);
    }

    @Test
    void whatsAppSecretsAreUnreadableEvenForAnAdmin() throws SQLException {
        for (NewPassword who : List.of(agentA, adminA)) {
            try (Connection c = team.connectAs(who)) {
                assertThat(values(c, "SELECT phone_number_id FROM whatsapp_accounts")).containsExactly("Acme-pnid");
                for (String column : List.of("access_token_enc", "app_secret_enc", "verify_token_enc", "*")) {
                    assertThatThrownBy(() -> values(c, "SELECT " + column + " FROM whatsapp_accounts"))
                            .as(who.login() + " reads " + column).hasMessageContaining("permission denied");
                }
                assertThatThrownBy(() -> values(c, "SELECT count(*) FROM webhook_events")).hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void anAgentQueuesOutboundMessagesButChangesNothingAnAdminOwns() throws SQLException {
        UUID conversationA = team.conversationOf(team.tenantA);
        UUID contactA = team.contactOf(team.tenantA);
        try (Connection c = team.connectAs(agentA)) {
            execute(c, "INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status) VALUES ('"
                    + team.tenantA + "', '" + conversationA + "', '" + contactA + "', 'outbound', 'text', 'On my way', 'queued')");
            assertRefused(c, "INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status) VALUES ('"
                    + team.tenantA + "', '" + conversationA + "', '" + contactA + "', 'inbound', 'text', 'forged customer words', 'delivered')");
            assertNothingOrRefused(c, "UPDATE messages SET content = 'rewritten' WHERE direction = 'inbound'");
            assertNothingOrRefused(c, "UPDATE templates SET body = 'x'");
            assertNothingOrRefused(c, "UPDATE tenants SET name = 'x'");
            assertNothingOrRefused(c, "UPDATE whatsapp_accounts SET status = 'inactive'");
            assertNothingOrRefused(c, "UPDATE automations SET status = 'paused'");
            assertThat(values(c, "SELECT count(*) FROM automations")).as("automations are the admins'").containsExactly("0");
            assertThat(values(c, "SELECT count(*) FROM stats_counters")).as("stats are for supervisors").containsExactly("0");
            execute(c, "UPDATE contacts SET name = 'Acme customer (VIP)'");
        }
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM messages WHERE content = 'On my way'")).isEqualTo(1L);
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM messages WHERE content IN ('rewritten', 'forged customer words')")).isEqualTo(0L);
        assertThat(Rows.value(team.owner.dataSource(), "SELECT name FROM tenants WHERE id = '" + team.tenantA + "'")).isEqualTo("Acme");
    }

    @Test
    void aSupervisorCannotManageAgentsButAnAdminCanWithinTheirTenant() throws SQLException {
        try (Connection c = team.connectAs(supervisorA)) {
            assertRefused(c, "INSERT INTO agent_tenants (agent_id, tenant_id, role) SELECT id, '" + team.tenantA + "', 'admin' FROM agents WHERE login = current_user");
            assertNothingOrRefused(c, "UPDATE agent_tenants SET role = 'admin'");
            assertNothingOrRefused(c, "UPDATE templates SET body = 'x'");
        }
        try (Connection c = team.connectAs(adminA)) {
            assertThat(update(c, "UPDATE templates SET body = 'Hello {{1}}'")).isEqualTo(1);
            assertThat(update(c, "UPDATE tenants SET name = 'Acme Inc'")).isEqualTo(1);
            assertThat(update(c, "UPDATE agent_tenants SET role = 'supervisor' WHERE agent_id = (SELECT id FROM agents WHERE login = '" + agentA.login() + "')")).isEqualTo(1);
            assertThat(update(c, "UPDATE agent_tenants SET role = 'agent' WHERE agent_id = (SELECT id FROM agents WHERE login = '" + agentA.login() + "')")).isEqualTo(1);
            assertNothingOrRefused(c, "UPDATE agents SET status = 'disabled' WHERE login = '" + agentB.login() + "'");
        }
        assertThat(Rows.value(team.owner.dataSource(), "SELECT status FROM agents WHERE login = '" + agentB.login() + "'")).isEqualTo("active");
        team.owner.inJdbcTransaction(c -> update(c, "UPDATE tenants SET name = 'Acme' WHERE id = '" + team.tenantA + "'"));
    }

    @Test
    void businessHoursAreTheAdminsAndAssignmentRulesTheSupervisorsWhileEveryoneReadsThem() throws SQLException {
        team.owner.inJdbcTransaction(c -> execute(c, "INSERT INTO business_hours (tenant_id, time_zone, weekly) VALUES ('"
                + team.tenantA + "', 'UTC', '{}') ON CONFLICT DO NOTHING"));
        team.owner.inJdbcTransaction(c -> execute(c, "INSERT INTO assignment_rules (tenant_id, mode) VALUES ('"
                + team.tenantA + "', 'off') ON CONFLICT DO NOTHING"));
        try (Connection c = team.connectAs(agentA)) {
            assertThat(values(c, "SELECT time_zone FROM business_hours")).containsExactly("UTC");
            assertNothingOrRefused(c, "UPDATE business_hours SET time_zone = 'Europe/Lisbon'");
            assertNothingOrRefused(c, "UPDATE assignment_rules SET mode = 'round_robin'");
            assertNothingOrRefused(c, "DELETE FROM media_downloads");
        }
        try (Connection c = team.connectAs(supervisorA)) {
            assertNothingOrRefused(c, "UPDATE business_hours SET time_zone = 'Europe/Lisbon'");
            assertThat(update(c, "UPDATE assignment_rules SET mode = 'off'")).isEqualTo(1);
        }
        try (Connection c = team.connectAs(adminA)) {
            assertThat(update(c, "UPDATE business_hours SET time_zone = 'UTC'")).isEqualTo(1);
        }
    }

    @Test
    void onlySupervisorsAssignConversationsToOthers() throws SQLException {
        UUID conversationA = team.conversationOf(team.tenantA);
        String agentAId = agentIdOf(agentA);
        String supervisorId = agentIdOf(supervisorA);
        try (Connection c = team.connectAs(agentA)) {
            assertThat(update(c, "UPDATE conversations SET assigned_agent_id = '" + agentAId + "' WHERE id = '" + conversationA + "'")).isEqualTo(1);
            assertThatThrownBy(() -> update(c, "UPDATE conversations SET assigned_agent_id = '" + supervisorId + "' WHERE id = '" + conversationA + "'"))
                    .hasMessageContaining("only a supervisor or admin");
        }
        try (Connection c = team.connectAs(supervisorA)) {
            assertThat(update(c, "UPDATE conversations SET assigned_agent_id = '" + supervisorId + "' WHERE id = '" + conversationA + "'")).isEqualTo(1);
            assertThatThrownBy(() -> update(c, "UPDATE conversations SET assigned_agent_id = '" + agentIdOf(agentB) + "' WHERE id = '" + conversationA + "'"))
                    .as("an agent of another tenant").hasMessageContaining("not an active agent of this conversation's tenant");
        }
        try (Connection c = team.connectAs(agentA)) {
            assertThatThrownBy(() -> update(c, "UPDATE conversations SET assigned_agent_id = NULL WHERE id = '" + conversationA + "'"))
                    .as("taking it from the supervisor").hasMessageContaining("only a supervisor or admin");
        }
    }

    @Test
    void aDisabledAgentSeesNothingEvenOnAnOpenConnection() throws SQLException {
        NewPassword temp = team.agent("tmp", team.tenantA, AgentRole.AGENT);
        try (Connection c = team.connectAs(temp)) {
            assertThat(values(c, "SELECT count(*) FROM contacts")).containsExactly("1");
            new AgentAdmin(team.owner).disable(temp.login());
            assertThat(values(c, "SELECT count(*) FROM contacts")).containsExactly("0");
            assertNothingOrRefused(c, "UPDATE agents SET status = 'active' WHERE login = current_user");
            assertNothingOrRefused(c, "UPDATE agents SET last_seen_at = NOW() WHERE login = current_user");
        }
    }

    @Test
    void aTableAddedByALaterMigrationIsCoveredTheNextTimeTheSchemaIsMigrated() throws SQLException {
        team.owner.inJdbcTransaction(c -> {
            execute(c, "CREATE TABLE later_feature_notes (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), tenant_id UUID NOT NULL REFERENCES tenants(id), body TEXT)");
            execute(c, "INSERT INTO later_feature_notes (tenant_id, body) VALUES ('" + team.tenantA + "', 'note A'), ('" + team.tenantB + "', 'note B')");
            return null;
        });
        new Migrations(team.owner.dataSource()).migrate(); // nothing pending: only afterMigrate runs
        try (Connection c = team.connectAs(agentA)) {
            assertThat(values(c, "SELECT body FROM later_feature_notes")).containsExactly("note A");
            assertRefused(c, "INSERT INTO later_feature_notes (tenant_id, body) VALUES ('" + team.tenantB + "', 'planted')");
            execute(c, "INSERT INTO later_feature_notes (tenant_id, body) VALUES ('" + team.tenantA + "', 'mine')");
        }
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM later_feature_notes")).isEqualTo(3L);
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM pg_policy WHERE polrelid = 'later_feature_notes'::regclass"))
                .as("one policy per command").isEqualTo(4L);
        // Applying again changes nothing (no policy dropped and re-made).
        Object before = Rows.value(team.owner.dataSource(), "SELECT string_agg(oid::text, ',' ORDER BY oid) FROM pg_policy");
        new Migrations(team.owner.dataSource()).migrate();
        assertThat(Rows.value(team.owner.dataSource(), "SELECT string_agg(oid::text, ',' ORDER BY oid) FROM pg_policy")).isEqualTo(before);
    }

    @Test
    void theSearchFunctionAnswersOnlyForTheAgentsOwnTenants() throws SQLException {
        try (Connection c = team.connectAs(agentA)) {
            assertThat(values(c, "SELECT count(*) FROM team_search_conversations('" + team.tenantA + "', '%secret of%', '%none%')")).containsExactly("1");
            assertThat(values(c, "SELECT count(*) FROM team_search_conversations('" + team.tenantB + "', '%secret of%', '%')"))
                    .as("another tenant: nothing, not even ids").containsExactly("0");
        }
    }

    /**
     * The policies read the session's tenants through the view team_session_tenants (V30). An agent may
     * create objects of the same names in pg_temp and put pg_temp first in their search_path: policies and
     * the view were bound to their objects when they were made, so nothing the agent plants is consulted.
     */
    @Test
    void objectsAnAgentPlantsInPgTempDoNotChangeWhatThePoliciesSee() throws SQLException {
        try (Connection c = team.connectAs(agentA)) {
            execute(c, "SET search_path = pg_temp, public");
            String everyTenant = "SELECT id AS tenant_id, 3 AS role_rank FROM (VALUES ('" + team.tenantA + "'::uuid), ('" + team.tenantB + "'::uuid)) v(id)";
            execute(c, "CREATE TEMP VIEW team_session_tenants AS " + everyTenant);
            String everyTenantArray = "ARRAY['" + team.tenantA + "'::uuid, '" + team.tenantB + "'::uuid]";
            execute(c, "CREATE TEMP TABLE team_access AS SELECT session_user::text AS login, gen_random_uuid() AS agent_id, "
                    + everyTenantArray + " AS agent_tenants, " + everyTenantArray + " AS supervisor_tenants, " + everyTenantArray + " AS admin_tenants");
            execute(c, "CREATE TEMP TABLE agent_tenants AS SELECT NULL::uuid AS agent_id, tenant_id, 'admin'::varchar AS role FROM (" + everyTenant + ") e");
            execute(c, "CREATE TEMP TABLE agents AS SELECT id, login, display_name, 'active'::varchar AS status FROM public.agents");
            execute(c, "CREATE FUNCTION pg_temp.team_tenants(min_role TEXT) RETURNS UUID[] LANGUAGE sql AS $$ SELECT ARRAY['"
                    + team.tenantA + "'::uuid, '" + team.tenantB + "'::uuid] $$");
            execute(c, "CREATE FUNCTION pg_temp.team_role_rank(role TEXT) RETURNS INT LANGUAGE sql AS $$ SELECT 3 $$");
            // A tenants table of their own would make team_is_owner() (pg_class's owner of 'tenants') answer yes.
            execute(c, "CREATE TEMP TABLE tenants AS SELECT id, name FROM public.tenants");
            // Readable by anyone, so a function running with the owner's rights that looked in pg_temp would read them, not fail.
            execute(c, "GRANT SELECT ON pg_temp.team_session_tenants, pg_temp.agent_tenants, pg_temp.agents, pg_temp.tenants,"
                    + " pg_temp.team_access TO PUBLIC");
            assertThat(values(c, "SELECT count(*) FROM team_session_tenants")).as("the planted view is what the name means to the agent").containsExactly("2");
            assertThat(values(c, "SELECT cardinality(admin_tenants) FROM team_access")).as("the planted table too").containsExactly("2");

            assertThat(values(c, "SELECT DISTINCT id::text FROM public.tenants")).containsExactly(team.tenantA.toString());
            for (String table : List.of("contacts", "conversations", "messages", "message_statuses", "templates")) {
                assertThat(values(c, "SELECT DISTINCT tenant_id::text FROM public." + table)).as(table).containsExactly(team.tenantA.toString());
            }
            assertThat(values(c, "SELECT count(*) FROM public.campaigns")).as("an agent still reads no campaigns").containsExactly("0");
            assertThat(values(c, "SELECT tenant_id::text FROM public.team_session_tenants")).containsExactly(team.tenantA.toString());
            assertThat(values(c, "SELECT count(*) FROM public.team_search_conversations('" + team.tenantB + "', '%secret of%', '%')"))
                    .as("another tenant's search ids").containsExactly("0");
            assertThat(values(c, "SELECT count(*) FROM public.team_search_conversations('" + team.tenantA + "', '%secret of%', '%none%')")).containsExactly("1");
            assertThat(values(c, "SELECT public.team_is_owner()")).containsExactly("f");
            assertThat(values(c, "SELECT cardinality(public.team_tenants('agent'))")).containsExactly("1");
            assertRefused(c, "INSERT INTO public.contacts (tenant_id, name, phone) VALUES ('" + team.tenantB + "', 'planted', '+15550009999')");
            assertNothingOrRefused(c, "UPDATE public.conversations SET status = 'closed' WHERE id = '" + conversationB + "'");
            assertNothingOrRefused(c, "UPDATE public.templates SET body = 'planted'");
        }
    }

    /**
     * The policies read the session's tenants from their row of team_access (V31), which triggers rewrite in
     * the same transaction as the change: a new role, a new tenant, a removed tenant, a disabled agent act on
     * a connection that is already open.
     */
    @Test
    void aNewRoleATenantAddedOrRemovedActAtOnceOnAnOpenConnection() throws SQLException {
        NewPassword mover = team.agent("mover", team.tenantA, AgentRole.AGENT);
        AgentAdmin admin = new AgentAdmin(team.owner);
        try (Connection c = team.connectAs(mover)) {
            assertThat(values(c, "SELECT DISTINCT tenant_id::text FROM contacts")).containsExactly(team.tenantA.toString());
            assertThat(values(c, "SELECT cardinality(supervisor_tenants) FROM team_access")).containsExactly("0");

            admin.setRole(mover.login(), team.tenantA, AgentRole.SUPERVISOR);
            assertThat(values(c, "SELECT supervisor_tenants::text FROM team_access")).containsExactly("{" + team.tenantA + "}");
            admin.setRole(mover.login(), team.tenantB, AgentRole.AGENT);
            assertThat(values(c, "SELECT DISTINCT tenant_id::text FROM contacts ORDER BY 1"))
                    .containsExactlyInAnyOrder(team.tenantA.toString(), team.tenantB.toString());
            assertAccessRowsFollowTheMemberships();

            admin.setRole(mover.login(), team.tenantB, null);
            assertThat(values(c, "SELECT DISTINCT tenant_id::text FROM contacts")).containsExactly(team.tenantA.toString());
            admin.disable(mover.login());
            assertThat(values(c, "SELECT count(*) FROM contacts")).containsExactly("0");
            assertThat(values(c, "SELECT count(*) FROM team_access")).as("a disabled agent has no row").containsExactly("0");
            assertAccessRowsFollowTheMemberships();
            admin.enable(mover.login());
            assertThat(values(c, "SELECT DISTINCT tenant_id::text FROM contacts")).containsExactly(team.tenantA.toString());
        }
        assertAccessRowsFollowTheMemberships();
    }

    @Test
    void anAgentReadsOnlyTheirOwnRowOfTeamAccessAndChangesNone() throws SQLException {
        try (Connection c = team.connectAs(agentA)) {
            assertThat(values(c, "SELECT login || ' ' || agent_tenants::text || ' ' || supervisor_tenants::text FROM team_access"))
                    .containsExactly(agentA.login() + " {" + team.tenantA + "} {}");
            assertRefused(c, "UPDATE team_access SET agent_tenants = agent_tenants || '" + team.tenantB + "'::uuid");
            assertRefused(c, "INSERT INTO team_access VALUES ('planted', gen_random_uuid(), '{" + team.tenantB + "}', '{}', '{}')");
            assertRefused(c, "DELETE FROM team_access");
            execute(c, "CREATE FUNCTION pg_temp.peek_access(t UUID[]) RETURNS BOOLEAN LANGUAGE plpgsql COST 0.0001 AS $$"
                    + " BEGIN RAISE NOTICE 'saw %', t; RETURN true; END $$");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT agent_tenants FROM team_access WHERE pg_temp.peek_access(agent_tenants)")) {
                List<String> seen = new ArrayList<>();
                while (rs.next()) {
                    seen.add(rs.getString(1));
                }
                for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                    seen.add(w.getMessage());
                }
                assertThat(seen).as("the row, and what the function was shown").containsExactly("{" + team.tenantA + "}", "saw {" + team.tenantA + "}");
            }
            // The agents of their tenant, through team_colleagues(); not the other tenant's.
            assertThat(values(c, "SELECT login FROM agents")).contains(supervisorA.login(), adminA.login()).doesNotContain(agentB.login());
        }
    }

    /** team_access holds exactly what agents and agent_tenants say: a row per active agent, tenants by rank. */
    private void assertAccessRowsFollowTheMemberships() {
        String truth = """
                SELECT a.login::text, a.id,
                       ARRAY(SELECT m.tenant_id FROM agent_tenants m WHERE m.agent_id = a.id ORDER BY 1),
                       ARRAY(SELECT m.tenant_id FROM agent_tenants m WHERE m.agent_id = a.id AND m.role IN ('supervisor', 'admin') ORDER BY 1),
                       ARRAY(SELECT m.tenant_id FROM agent_tenants m WHERE m.agent_id = a.id AND m.role = 'admin' ORDER BY 1)
                FROM agents a WHERE a.status = 'active'""";
        String kept = "SELECT login, agent_id, agent_tenants, supervisor_tenants, admin_tenants FROM team_access";
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM ((" + truth + " EXCEPT " + kept + ") UNION ALL (" + kept + " EXCEPT " + truth + ")) d"))
                .as("rows of team_access that differ from the memberships").isEqualTo(0L);
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM team_access")).isNotEqualTo(0L);
    }

    @Test
    void theSessionsTenantsViewShowsAnAgentOnlyTheirOwnMemberships() throws SQLException {
        try (Connection c = team.connectAs(supervisorA)) {
            assertThat(values(c, "SELECT tenant_id || ' ' || role_rank FROM team_session_tenants")).containsExactly(team.tenantA + " 2");
            // A function that would print every row it is shown is not run before the view's own condition (security_barrier).
            execute(c, "CREATE FUNCTION pg_temp.peek(t UUID) RETURNS BOOLEAN LANGUAGE plpgsql COST 0.0001 AS $$"
                    + " BEGIN RAISE NOTICE 'saw %', t; RETURN true; END $$");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tenant_id FROM team_session_tenants WHERE pg_temp.peek(tenant_id)")) {
                while (rs.next()) {
                    assertThat(rs.getString(1)).isEqualTo(team.tenantA.toString());
                }
                List<String> seen = new ArrayList<>();
                for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                    seen.add(w.getMessage());
                }
                assertThat(seen).as("what the function was shown").containsExactly("saw " + team.tenantA);
            }
        }
    }

    @Test
    void theOwnerIsNotLimited() {
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM contacts")).isEqualTo(2L);
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(DISTINCT access_token_enc) FROM whatsapp_accounts")).isEqualTo(2L);
    }

    private String agentIdOf(NewPassword who) {
        return String.valueOf(Rows.value(team.owner.dataSource(), "SELECT id FROM agents WHERE login = '" + who.login() + "'"));
    }

    private static List<String> values(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static Void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return null;
    }

    /** Refused by PostgreSQL: a privilege missing (42501) or a row-level security policy violated (42501 too). */
    private static void assertRefused(Connection c, String sql) {
        assertThatThrownBy(() -> execute(c, sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isEqualTo("42501"));
    }

    /** Either refused, or it ran and touched no row: the policy hid every row from it. */
    private static void assertNothingOrRefused(Connection c, String sql) {
        try {
            assertThat(update(c, sql)).as(sql).isZero();
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("42501");
        }
    }
}
