package io.switchboard.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.agent.AgentAdmin;
import io.switchboard.agent.AgentRole;
import io.switchboard.agent.NewPassword;
import io.switchboard.agent.PasswordKeyring;
import io.switchboard.agent.PrivateSecretService;
import io.switchboard.agent.SecretToolKeyring;
import io.switchboard.agent.TeamDatabase;
import io.switchboard.agent.TeamSignIn;
import io.switchboard.config.Settings;
import io.switchboard.ui.common.ImmediateExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Remember password in the system keyring" in the sign-in dialog's view model, against a real team database and,
 * where one can run, a real Secret Service: kept on a good sign-in, filled in at the next start, removed when the
 * server refuses it, on Forget and when unticked. Without a keyring the checkbox is off and says why.
 */
class SignInKeyringTest {
    @TempDir
    Path home;

    private final TeamDatabase team = new TeamDatabase();
    private final AtomicReference<SignInViewModel.Credentials> handedOn = new AtomicReference<>();

    @AfterEach
    void tearDown() {
        team.close();
    }

    @Test
    void withoutAKeyringTheCheckboxIsOffSaysWhyAndSignInStillWorks() {
        NewPassword alice = team.agent("alice", team.tenantA, AgentRole.AGENT);
        TeamSignIn signIn = new TeamSignIn(settings(), Clock.systemUTC());
        // The headless session every CI run has: no D-Bus session bus.
        PasswordKeyring none = new SecretToolKeyring(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", home.toString()));
        SignInViewModel model = dialog(signIn, alice.login(), none);
        assertThat(model.keyringAvailableProperty().get()).isFalse();
        assertThat(model.keyringNoteProperty().get()).startsWith("No system keyring").isEqualTo(none.status().reason());
        assertThat(model.passwordProperty().get()).isEmpty();
        model.rememberProperty().set(true); // the view keeps it disabled; even so nothing may be stored anywhere
        model.passwordProperty().set(alice.password());
        model.signIn();
        assertThat(handedOn.get()).isNotNull();
        assertThat(model.errorProperty().get()).isEmpty();
    }

    @Test
    void aKeptPasswordIsFilledInAndForgottenWhenRefusedOnForgetOrWhenUnticked() throws Exception {
        Optional<PrivateSecretService> started = PrivateSecretService.start(home.resolve("keyring"));
        if (started.isEmpty()) {
            // CI: no gnome-keyring here; what the dialog offers on such a machine.
            SignInViewModel model = dialog(new TeamSignIn(settings(), Clock.systemUTC()), "", PasswordKeyring.system());
            assertThat(model.keyringAvailableProperty().get()).isFalse();
            assertThat(model.keyringNoteProperty().get()).isNotBlank();
            return;
        }
        try (PrivateSecretService service = started.get()) {
            PasswordKeyring ring = new SecretToolKeyring(service.environment());
            NewPassword alice = team.agent("alice", team.tenantA, AgentRole.AGENT);
            TeamSignIn signIn = new TeamSignIn(settings(), Clock.systemUTC());
            String server = signIn.keyringServer();

            // First start: nothing kept; tick the box and sign in: kept.
            SignInViewModel first = dialog(signIn, alice.login(), ring);
            assertThat(first.keyringAvailableProperty().get()).isTrue();
            assertThat(first.passwordProperty().get()).isEmpty();
            first.passwordProperty().set(alice.password());
            first.rememberProperty().set(true);
            first.signIn();
            assertThat(handedOn.get().password()).isEqualTo(alice.password());
            assertThat(ring.lookup(server, alice.login())).contains(alice.password());

            // Next start: filled in from the keyring, box ticked; it signs in.
            handedOn.set(null);
            SignInViewModel second = dialog(signIn, signIn.lastLogin(), ring);
            assertThat(second.passwordProperty().get()).isEqualTo(alice.password());
            assertThat(second.passwordFromKeyringProperty().get()).isTrue();
            assertThat(second.rememberProperty().get()).isTrue();
            second.signIn();
            assertThat(handedOn.get()).isNotNull();

            // The server refuses the kept password (here: an admin disabled alice; the shared test server trusts
            // loopback passwords, so a changed password cannot be shown refused on it): removed from the keyring.
            new AgentAdmin(team.owner).disable(alice.login());
            handedOn.set(null);
            SignInViewModel third = dialog(signIn, alice.login(), ring);
            assertThat(third.passwordFromKeyringProperty().get()).isTrue();
            third.signIn();
            assertThat(handedOn.get()).isNull();
            assertThat(third.errorProperty().get()).startsWith("The agent " + alice.login() + " is disabled")
                    .endsWith("The password kept in the system keyring was refused, so it was removed from it.");
            assertThat(ring.lookup(server, alice.login())).isEmpty();
            assertThat(third.rememberProperty().get()).isFalse();
            assertThat(third.passwordProperty().get()).isEmpty();

            // Enabled again: typed, ticked, kept again; then "Forget" removes it.
            new AgentAdmin(team.owner).enable(alice.login());
            NewPassword renewed = alice;
            third.passwordProperty().set(renewed.password());
            third.rememberProperty().set(true);
            third.signIn();
            assertThat(ring.lookup(server, alice.login())).contains(renewed.password());
            SignInViewModel fourth = dialog(signIn, alice.login(), ring);
            assertThat(fourth.passwordProperty().get()).isEqualTo(renewed.password());
            fourth.forgetPassword();
            assertThat(fourth.passwordProperty().get()).isEmpty();
            assertThat(ring.lookup(server, alice.login())).isEmpty();

            // Kept, then a sign-in with the box unticked removes it.
            ring.store(server, alice.login(), renewed.password());
            SignInViewModel fifth = dialog(signIn, alice.login(), ring);
            fifth.rememberProperty().set(false);
            fifth.signIn();
            assertThat(handedOn.get()).isNotNull();
            assertThat(ring.lookup(server, alice.login())).isEmpty();
        }
    }

    private SignInViewModel dialog(TeamSignIn signIn, String lastLogin, PasswordKeyring ring) {
        SignInViewModel model = new SignInViewModel(signIn.server(), lastLogin, signIn::signIn, new ImmediateExecutor(), handedOn::set);
        model.useKeyring(ring, signIn.keyringServer());
        return model;
    }

    private Settings settings() {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", "127.0.0.1");
        env.put("DB_PORT", String.valueOf(team.ownerTarget.port()));
        env.put("DB_NAME", team.name);
        env.put("SWITCHBOARD_HOME", home.toString());
        return Settings.load(env, home, "Linux", home.toString());
    }
}
