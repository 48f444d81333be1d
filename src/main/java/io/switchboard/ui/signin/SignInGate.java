package io.switchboard.ui.signin;

import io.switchboard.agent.TeamSignIn;
import io.switchboard.config.Settings;
import java.time.Clock;
import io.switchboard.ui.common.FxExecutor;
import java.util.function.Consumer;
import javafx.stage.Stage;

/**
 * Team mode's door: before the inbox opens, the sign-in dialog; the inbox then starts on settings that
 * carry the agent's own credentials. Solo mode, or DB_PASSWORD given (scripts), passes straight through.
 */
public final class SignInGate {
    private SignInGate() {
    }

    /** Calls {@code open} with the settings to start on, at once or after a successful sign-in; closing the dialog quits. */
    public static void pass(Settings settings, Consumer<Settings> open) {
        if (!TeamSignIn.needed(settings)) {
            open.accept(settings);
            return;
        }
        TeamSignIn team = new TeamSignIn(settings, Clock.systemUTC());
        FxExecutor worker = new FxExecutor();
        Stage dialog = new Stage();
        SignInViewModel model = new SignInViewModel(team.server(), team.lastLogin(), team::signIn, worker, credentials -> {
            worker.close();
            dialog.hide();
            open.accept(team.as(credentials.agent().login(), credentials.password()));
        });
        model.useKeyring(io.switchboard.agent.PasswordKeyring.system(), team.keyringServer());
        SignInView.show(dialog, model);
    }
}
