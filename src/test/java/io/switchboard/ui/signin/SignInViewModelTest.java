package io.switchboard.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.agent.TeamDatabase;
import io.switchboard.agent.TeamSignIn;
import io.switchboard.config.Settings;
import io.switchboard.ui.common.ImmediateExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign-in dialog's rules without a display, against a real team database. */
class SignInViewModelTest {
    @TempDir
    Path home;

    private final TeamDatabase team = new TeamDatabase();

    @AfterEach
    void tearDown() {
        team.close();
    }

    @Test
    void theViewModelRefusesEmptyInputAndRunsOneCheckAtATime() {
        TeamSignIn signIn = new TeamSignIn(settings(), Clock.systemUTC());
        AtomicReference<SignInViewModel.Credentials> handedOn = new AtomicReference<>();
        SignInViewModel model = new SignInViewModel(signIn.server(), "", signIn::signIn, new ImmediateExecutor(), handedOn::set);
        assertThat(model.canSignInProperty().get()).isFalse();
        model.loginProperty().set("nobody_" + ProcessHandle.current().pid());
        assertThat(model.canSignInProperty().get()).as("no password yet").isFalse();
        model.passwordProperty().set("whatever");
        assertThat(model.canSignInProperty().get()).isTrue();
        model.signIn();
        assertThat(model.errorProperty().get()).startsWith("There is no login nobody_");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(handedOn.get()).isNull();
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
