package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.db.EmbeddedServer;
import io.switchboard.db.Migrations;
import io.switchboard.testing.Rows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in and agent administration against a server that checks passwords (the app's own embedded
 * PostgreSQL: scram-sha-256, its app role without CREATEROLE until a superuser grants it), so wrong and
 * expired passwords really are refused by PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInTest {
    @TempDir
    static Path folder;

    private EmbeddedServer server;
    private Database owner;
    private UUID tenant;

    @BeforeAll
    void server() {
        server = EmbeddedServer.startOrAttach(folder, t -> { }).orElseThrow();
        owner = Database.connect(server.target(), 2, "test");
        new Migrations(owner.dataSource()).migrate();
        tenant = UUID.fromString(String.valueOf(Rows.value(owner.dataSource(), "INSERT INTO tenants (name) VALUES ('Acme') RETURNING id")));
    }

    @AfterAll
    void stop() {
        owner.close();
        server.close();
    }

    @Test
    void anAdminWithoutCreateroleIsToldExactlyThatAndNothingChanges() throws Exception {
        assertThatThrownBy(() -> new AgentAdmin(owner).add("Nobody", "nobody", tenant, AgentRole.AGENT, null))
                .isInstanceOf(AgentAdminException.class)
                .hasMessage("The database role switchboard may not create or change login roles: it needs the CREATEROLE privilege"
                        + " (a superuser grants it with ALTER ROLE switchboard CREATEROLE). Nothing was changed.");
        assertThat(Rows.value(owner.dataSource(), "SELECT count(*) FROM pg_roles WHERE rolname = 'nobody'")).isEqualTo(0L);
        assertThat(Rows.value(owner.dataSource(), "SELECT count(*) FROM agents WHERE login = 'nobody'")).isEqualTo(0L);
    }

    @Test
    void agentsSignInWithTheirOwnPasswordAndEachRefusalSaysWhy() throws Exception {
        asSuperuser("ALTER ROLE switchboard CREATEROLE");
        try {
            AgentAdmin admin = new AgentAdmin(owner);
            NewPassword alice = admin.add("Alice Martin", "alice", tenant, AgentRole.AGENT, null);
            assertThat(alice.password()).hasSize(20).doesNotContain("alice");
            assertThat(alice.toString()).doesNotContain(alice.password());

            SignedIn signedIn = SignIn.check(as(alice.login(), alice.password()), null, now());
            assertThat(signedIn.login()).isEqualTo("alice");
            assertThat(signedIn.passwordValidUntil()).isNull();
            assertThat(Rows.value(owner.dataSource(), "SELECT count(*) FROM audit_log WHERE action = 'sign_in' AND actor_login = 'alice' AND tenant_id = '"
                    + tenant + "' AND actor_agent_id = '" + signedIn.agentId() + "'")).isEqualTo(1L);
            assertThat(admin.list()).singleElement().satisfies(a -> {
                assertThat(a.login()).isEqualTo("alice");
                assertThat(a.roles()).containsEntry(tenant, AgentRole.AGENT);
                assertThat(a.canLogIn()).isTrue();
            });

            assertThatThrownBy(() -> SignIn.check(as("alice", "not-her-password"), null, now())).isInstanceOf(SignInException.class)
                    .hasMessage("Wrong login or password for alice (or the password has expired); check both, or ask an admin for a new password"
                            + " (agent password --login alice).");

            // A password valid until yesterday: PostgreSQL refuses it like a wrong one; the remembered end date tells them apart.
            LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
            NewPassword expired = admin.resetPassword("alice", yesterday);
            assertThatThrownBy(() -> SignIn.check(as("alice", alice.password()), null, now())).as("the old password stopped working")
                    .hasMessageStartingWith("Wrong login or password for alice");
            assertThatThrownBy(() -> SignIn.check(as("alice", expired.password()), yesterday.plusDays(1).atStartOfDay(), now()))
                    .isInstanceOf(SignInException.class)
                    .hasMessage("The password of alice expired on " + yesterday.plusDays(1) + " 00:00 UTC; ask an admin for a new one (agent password --login alice).");
            NewPassword fresh = admin.resetPassword("alice", LocalDate.now(ZoneOffset.UTC).plusDays(30));
            assertThat(SignIn.check(as("alice", fresh.password()), null, now()).passwordValidUntil())
                    .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusDays(31).atStartOfDay());

            admin.setRole("alice", tenant, null);
            assertThatThrownBy(() -> SignIn.check(as("alice", fresh.password()), null, now())).isInstanceOf(SignInException.class)
                    .hasMessage("The agent alice belongs to no tenant yet; an admin adds one with `agent role`.");
            admin.setRole("alice", tenant, AgentRole.SUPERVISOR);

            admin.disable("alice");
            assertThatThrownBy(() -> SignIn.check(as("alice", fresh.password()), null, now())).isInstanceOf(SignInException.class)
                    .hasMessage("The agent alice is disabled; an admin can enable it again (agent enable --login alice).");
            admin.enable("alice");
            assertThat(SignIn.check(as("alice", fresh.password()), null, now()).login()).isEqualTo("alice");

            SignedIn asOwner = SignIn.check(server.target(), null, now());
            assertThat(asOwner.login()).as("the owner is let in as itself, no agent").isEqualTo("switchboard");
            assertThat(asOwner.agentId()).isNull();

            assertThatThrownBy(() -> admin.add("Again", "alice", tenant, AgentRole.AGENT, null))
                    .hasMessage("login: a database role named \"alice\" already exists; choose another login");
            assertThatThrownBy(() -> admin.add("Bad", "Robert'); DROP", tenant, AgentRole.AGENT, null)).hasMessageStartingWith("login: must be 1 to 63 characters");
            assertThat(Rows.value(owner.dataSource(), "SELECT string_agg(action, ',' ORDER BY at, id) FROM audit_log WHERE object_type IN ('agents', 'agent_tenants')"
                    + " AND action <> 'sign_in'")).isEqualTo("insert,insert,delete,insert,update,update");
        } finally {
            asSuperuser("ALTER ROLE switchboard NOCREATEROLE");
        }
    }

    private ConnectionTarget as(String login, String password) {
        ConnectionTarget t = server.target();
        return new ConnectionTarget(t.host(), t.port(), t.database(), login, password, false);
    }

    private void asSuperuser(String sql) throws Exception {
        String password = Files.readString(folder.toAbsolutePath().normalize().resolve("postgres-superuser.password")).strip();
        try (Connection c = DriverManager.getConnection(server.target().jdbcUrl(), "postgres", password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
