package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.app.Services;
import io.switchboard.channel.whatsapp.ConnectedNumbers;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppAccountView;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import io.switchboard.testing.Rows;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.tenants.WhatsAppConnectionViewModel;
import io.switchboard.ui.tenants.WhatsAppDialogs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tenants → WhatsApp dialog in team mode: agents, supervisors and admins, each with their own credentials,
 * see their tenant's numbers without a single character of a secret, cannot connect from the desktop (the dialog
 * says who does, and stores nothing), and the owner's dialog still connects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamWhatsAppNumbersTest {
    private TeamDatabase team;
    private List<NewPassword> everyRole;
    private NewPassword adminA;

    @TempDir
    Path home;

    @BeforeAll
    void team() {
        team = new TeamDatabase();
        adminA = team.agent("ada", team.tenantA, AgentRole.ADMIN);
        everyRole = List.of(team.agent("alice", team.tenantA, AgentRole.AGENT), team.agent("sam", team.tenantA, AgentRole.SUPERVISOR), adminA);
    }

    @AfterAll
    void close() {
        team.close();
    }

    private Database as(NewPassword who) {
        return Database.connect(new ConnectionTarget("127.0.0.1", team.ownerTarget.port(), team.name, who.login(), who.password(), false), 2, "test");
    }

    @Test
    void everyRoleListsItsTenantsNumbersWithoutSecrets() {
        for (NewPassword who : everyRole) {
            try (Database db = as(who)) {
                // What the dialog used to do: read the sealed secrets to mask them. Column privileges refuse it, for admins too.
                assertThatThrownBy(() -> new WhatsAppAccountService(db, new SecretBox(new byte[32])).list(team.tenantA))
                        .as(who.login()).hasStackTraceContaining("permission denied");
                List<WhatsAppAccountView> numbers = new ConnectedNumbers(db).list(team.tenantA);
                assertThat(numbers).as(who.login()).extracting(WhatsAppAccountView::phoneNumberId).containsExactly("Acme-pnid");
                WhatsAppAccountView acme = numbers.get(0);
                assertThat(List.of(acme.accessTokenMasked(), acme.appSecretMasked(), acme.verifyTokenMasked()))
                        .containsOnly(ConnectedNumbers.HIDDEN);
                assertThat(acme.status()).isEqualTo("active");
                assertThat(acme.apiBaseUrl()).isEqualTo(WhatsAppAccountService.DEFAULT_API_BASE_URL);
                assertThat(new ConnectedNumbers(db).list(team.tenantB)).as("the other tenant's numbers").isEmpty();
            }
        }
    }

    @Test
    void theListOnlyDialogShowsTheNumbersAndStoresNothing() {
        TenantView acme = new TenantView(team.tenantA, "Acme", TenantStatus.ACTIVE, Instant.now(), null);
        long before = (Long) Rows.value(team.owner.dataSource(), "SELECT count(*) FROM whatsapp_accounts");
        try (Database db = as(adminA)) {
            WhatsAppConnectionViewModel vm = WhatsAppDialogs.listOnly(new ConnectedNumbers(db))
                    .open(acme, new InboxSession(new ImmediateExecutor(), Instant::now), () -> { });
            vm.reload();
            assertThat(vm.accounts()).extracting(WhatsAppConnectionViewModel::describe)
                    .containsExactly("id Acme-pnid · active · token set (hidden) · 80/s · " + WhatsAppAccountService.DEFAULT_API_BASE_URL);
            assertThat(vm.canConnectProperty().get()).isFalse();
            assertThat(vm.noticeProperty().get()).contains("switchboard whatsapp connect --tenant " + team.tenantA).contains("serve");

            vm.phoneNumberIdProperty().set("106540352242922");
            vm.accessTokenProperty().set("EAAG-typed-token");
            vm.appSecretProperty().set("app-secret");
            vm.verifyTokenProperty().set("verify");
            vm.save();
            assertThat(vm.resultProperty().get()).isEqualTo(vm.noticeProperty().get());
            assertThat(vm.resultOkProperty().get()).isFalse();
            vm.test();
            assertThat(vm.resultProperty().get()).isEqualTo(vm.noticeProperty().get());
            assertThat(vm.testingProperty().get()).isFalse();
        }
        assertThat(Rows.value(team.owner.dataSource(), "SELECT count(*) FROM whatsapp_accounts")).isEqualTo(before);
    }

    @Test
    void theDesktopKnowsAnAgentsSessionFromTheOwners() {
        Settings teamSettings = Settings.load(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(team.ownerTarget.port()), "DB_NAME", team.name,
                "SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_SANDBOX", "false"), home, "Linux", home.toString());
        TeamSignIn signIn = new TeamSignIn(teamSettings, Clock.systemUTC());
        try (Services services = Services.start(signIn.as(adminA.login(), adminA.password()))) {
            assertThat(services.teamAgent()).as("an admin is still a team agent: no secrets").isTrue();
            assertThat(services.connectedNumbers().list(team.tenantA)).extracting(WhatsAppAccountView::phoneNumberId).containsExactly("Acme-pnid");
        }
    }

    @Test
    void theOwnersDialogStillConnectsNumbers() {
        // A tenant of its own: the fixture's numbers hold placeholder ciphertext the owner's list could not open.
        java.util.UUID initech = team.owner.inJdbcTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO tenants (name) VALUES ('Initech') RETURNING id")) {
                var rs = ps.executeQuery();
                rs.next();
                return rs.getObject(1, java.util.UUID.class);
            }
        });
        TenantView globex = new TenantView(initech, "Initech", TenantStatus.ACTIVE, Instant.now(), null);
        WhatsAppAccountService accounts = new WhatsAppAccountService(team.owner, new SecretBox(new byte[32]));
        WhatsAppConnectionViewModel vm = WhatsAppDialogs.owner(() -> accounts, () -> null)
                .open(globex, new InboxSession(new ImmediateExecutor(), Instant::now), () -> { });
        assertThat(vm.canConnectProperty().get()).isTrue();
        assertThat(vm.noticeProperty().get()).isEmpty();
        vm.phoneNumberIdProperty().set("2000123");
        vm.accessTokenProperty().set("EAAG-owner-token-9876");
        vm.appSecretProperty().set("owner-secret");
        vm.verifyTokenProperty().set("owner-verify");
        vm.save();
        assertThat(vm.resultOkProperty().get()).as(vm.resultProperty().get()).isTrue();
        assertThat(vm.accounts()).extracting(WhatsAppAccountView::phoneNumberId).containsExactly("2000123");
        assertThat(vm.accounts().get(0).accessTokenMasked()).endsWith("9876");
    }
}
