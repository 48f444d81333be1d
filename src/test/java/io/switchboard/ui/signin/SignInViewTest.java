package io.switchboard.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.agent.AgentAdmin;
import io.switchboard.agent.AgentRole;
import io.switchboard.agent.NewPassword;
import io.switchboard.agent.TeamDatabase;
import io.switchboard.agent.TeamSignIn;
import io.switchboard.config.Settings;
import io.switchboard.config.Variable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.switchboard.ui.common.FxExecutor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The team sign-in dialog against a real team database, headless: a refusal is shown in one sentence
 * and keeps the login; a good sign-in hands on the agent and is remembered for the next start.
 */
class SignInViewTest {
    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private final TeamDatabase team = new TeamDatabase();
    private final FxExecutor worker = new FxExecutor();

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        worker.close();
        team.close();
    }

    @Test
    void aDisabledAgentIsToldSoAndAnActiveOneSignsInAndIsRemembered() throws Exception {
        NewPassword alice = team.agent("alice", team.tenantA, AgentRole.AGENT);
        NewPassword gone = team.agent("gone", team.tenantA, AgentRole.AGENT);
        new AgentAdmin(team.owner).disable(gone.login());
        TeamSignIn signIn = new TeamSignIn(settings(), Clock.systemUTC());
        AtomicReference<SignInViewModel.Credentials> handedOn = new AtomicReference<>();

        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> SignInView.show(stage,
                new SignInViewModel(signIn.server(), signIn.lastLogin(), signIn::signIn, worker, handedOn::set)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#signInServer").queryAs(Label.class).getText()).isEqualTo("127.0.0.1/" + team.name);
        assertThat(robot.lookup("#signInButton").queryAs(Button.class).isDisabled()).as("nothing typed yet").isTrue();

        robot.clickOn("#signInLogin").write(gone.login());
        robot.clickOn("#signInPassword").write(gone.password());
        robot.clickOn("#signInButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#signInError").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#signInError").queryAs(Label.class).getText())
                .isEqualTo("The agent " + gone.login() + " is disabled; an admin can enable it again (agent enable --login " + gone.login() + ").");
        assertThat(robot.lookup("#signInPassword").queryAs(PasswordField.class).getText()).as("the password is cleared").isEmpty();
        assertThat(handedOn.get()).isNull();

        robot.interact(() -> robot.lookup("#signInLogin").queryAs(TextField.class).setText(alice.login()));
        robot.clickOn("#signInPassword").write(alice.password());
        assertThat(robot.lookup("#signInError").queryAs(Label.class).getText()).as("typing clears the refusal").isEmpty();
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> handedOn.get() != null);
        assertThat(handedOn.get().agent().login()).isEqualTo(alice.login());
        assertThat(handedOn.get().password()).isEqualTo(alice.password());
        assertThat(handedOn.get().toString()).doesNotContain(alice.password());

        TeamSignIn nextStart = new TeamSignIn(settings(), Clock.systemUTC());
        assertThat(nextStart.lastLogin()).isEqualTo(alice.login());
        Settings started = nextStart.as(alice.login(), alice.password());
        assertThat(started.get(Variable.DB_USERNAME)).isEqualTo(alice.login());
        assertThat(TeamSignIn.needed(started)).as("signed in: no second dialog").isFalse();
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
