package io.switchboard.ui.signin;

import io.switchboard.agent.SignedIn;
import io.switchboard.ui.common.UiExecutor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sign-in dialog's state (team mode): login and password as typed, whether a check runs, the one
 * sentence a refusal gave. The check runs on the executor's background; results land on its UI thread. On success
 * {@code onSignedIn} gets the agent and the password (to open the app's connections with), once.
 */
public final class SignInViewModel {
    private final BiFunction<String, String, SignedIn> signIn;
    private final UiExecutor executor;
    private final Consumer<Credentials> onSignedIn;

    private final StringProperty login = new SimpleStringProperty(this, "login", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final ReadOnlyStringWrapper server = new ReadOnlyStringWrapper(this, "server", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper signedIn = new ReadOnlyBooleanWrapper(this, "signedIn", false);
    private final BooleanBinding canSignIn;

    /** What a successful sign-in hands on: who, and the password the app's pool connects with. */
    public record Credentials(SignedIn agent, String password) {
        @Override
        public String toString() {
            return "Credentials[" + agent.login() + ", password hidden]";
        }
    }

    public SignInViewModel(String serverDescription, String lastLogin, BiFunction<String, String, SignedIn> signIn, UiExecutor executor,
                           Consumer<Credentials> onSignedIn) {
        this.signIn = signIn;
        this.executor = executor;
        this.onSignedIn = onSignedIn;
        server.set(serverDescription);
        login.set(lastLogin == null ? "" : lastLogin);
        canSignIn = Bindings.createBooleanBinding(() -> !busy.get() && !signedIn.get() && !login.get().isBlank() && !password.get().isEmpty(),
                busy, signedIn, login, password);
        // A new attempt's typing clears the last refusal.
        login.addListener((o, a, b) -> error.set(""));
        password.addListener((o, a, b) -> error.set(""));
    }

    public StringProperty loginProperty() {
        return login;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyStringProperty serverProperty() {
        return server.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty signedInProperty() {
        return signedIn.getReadOnlyProperty();
    }

    public BooleanBinding canSignInProperty() {
        return canSignIn;
    }

    /** Checks the credentials in the background; a refusal keeps the login and clears the password. */
    public void signIn() {
        if (!canSignIn.get()) {
            return;
        }
        String user = login.get().strip();
        String secret = password.get();
        busy.set(true);
        error.set("");
        executor.now(() -> signIn.apply(user, secret), agent -> {
            busy.set(false);
            signedIn.set(true);
            onSignedIn.accept(new Credentials(agent, secret));
        }, failure -> {
            busy.set(false);
            password.set("");
            error.set(failure.getMessage() == null ? failure.toString() : failure.getMessage());
        });
    }
}
