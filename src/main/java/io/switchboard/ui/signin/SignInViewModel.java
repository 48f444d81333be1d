package io.switchboard.ui.signin;

import io.switchboard.agent.PasswordKeyring;
import io.switchboard.agent.SignInException;
import io.switchboard.agent.SignedIn;
import io.switchboard.ui.common.UiExecutor;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
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
    private final BooleanProperty remember = new SimpleBooleanProperty(this, "remember", false);
    private final ReadOnlyBooleanWrapper keyringAvailable = new ReadOnlyBooleanWrapper(this, "keyringAvailable", false);
    private final ReadOnlyStringWrapper keyringNote = new ReadOnlyStringWrapper(this, "keyringNote",
            "Your login is remembered on this computer; your password never is.");
    private final ReadOnlyBooleanWrapper passwordFromKeyring = new ReadOnlyBooleanWrapper(this, "passwordFromKeyring", false);
    private PasswordKeyring keyring = PasswordKeyring.unavailable("No system keyring was asked.");
    private String keyringServer = "";
    /** True while the view model itself fills the password from the keyring (not the person typing). */
    private boolean filling;

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
        password.addListener((o, a, b) -> {
            error.set("");
            if (!filling) {
                passwordFromKeyring.set(false);
            }
        });
    }

    /**
     * Offers "Remember password in the system keyring" (team-access-05): asks in the background whether a keyring
     * answers (the checkbox stays disabled with the reason as its tooltip when none does) and, when it keeps a
     * password for the login shown, fills it in.
     */
    public void useKeyring(PasswordKeyring ring, String server) {
        this.keyring = ring;
        this.keyringServer = server;
        keyringNote.set("Asking the system keyring…");
        String user = login.get().strip();
        executor.run(() -> {
            PasswordKeyring.Status status = ring.status();
            Optional<String> kept = Optional.empty();
            if (status.available() && !user.isEmpty()) {
                try {
                    kept = ring.lookup(server, user);
                } catch (PasswordKeyring.KeyringException e) {
                    return new Probe(status, Optional.empty(), e.getMessage());
                }
            }
            return new Probe(status, kept, null);
        }, probe -> {
            keyringAvailable.set(probe.status().available());
            keyringNote.set(probe.problem() == null ? probe.status().reason() : probe.problem());
            if (probe.kept().isPresent() && password.get().isEmpty() && login.get().strip().equals(user)) {
                filling = true;
                password.set(probe.kept().get());
                filling = false;
                passwordFromKeyring.set(true);
                remember.set(true);
            }
        }, failure -> {
            keyringAvailable.set(false);
            keyringNote.set(String.valueOf(failure.getMessage()));
        });
    }

    private record Probe(PasswordKeyring.Status status, Optional<String> kept, String problem) {
    }

    /** Removes the password the keyring keeps for the login shown, and clears the field. */
    public void forgetPassword() {
        String user = login.get().strip();
        if (user.isEmpty()) {
            return;
        }
        password.set("");
        remember.set(false);
        PasswordKeyring ring = keyring;
        String server = keyringServer;
        executor.run(() -> {
            ring.forget(server, user);
            return null;
        }, done -> keyringNote.set("The password of " + user + " is no longer kept in the system keyring."),
                failure -> error.set(String.valueOf(failure.getMessage())));
    }

    /** "Remember password in the system keyring": kept on the next successful sign-in, removed when unticked. */
    public BooleanProperty rememberProperty() {
        return remember;
    }

    /** Whether a system keyring answered; the checkbox is disabled otherwise. */
    public ReadOnlyBooleanProperty keyringAvailableProperty() {
        return keyringAvailable.getReadOnlyProperty();
    }

    /** The checkbox's tooltip: why there is no keyring, or what keeping the password there means. */
    public ReadOnlyStringProperty keyringNoteProperty() {
        return keyringNote.getReadOnlyProperty();
    }

    /** Whether the password field holds the password the keyring kept (untouched since). */
    public ReadOnlyBooleanProperty passwordFromKeyringProperty() {
        return passwordFromKeyring.getReadOnlyProperty();
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
        boolean keep = remember.get() && keyringAvailable.get();
        boolean fromKeyring = passwordFromKeyring.get();
        boolean askKeyring = keyringAvailable.get();
        PasswordKeyring ring = keyring;
        String server = keyringServer;
        busy.set(true);
        error.set("");
        executor.now(() -> attempt(ring, server, user, secret, keep, fromKeyring, askKeyring), agent -> {
            busy.set(false);
            signedIn.set(true);
            onSignedIn.accept(new Credentials(agent, secret));
        }, failure -> {
            busy.set(false);
            password.set("");
            passwordFromKeyring.set(false);
            if (fromKeyring) {
                remember.set(false);
            }
            error.set(failure.getMessage() == null ? failure.toString() : failure.getMessage());
        });
    }

    /**
     * Signs in, then keeps or removes the password in the keyring as the checkbox says. A password the keyring gave
     * that the server refuses is removed at once: it would be refused again at every start. The keyring's own
     * trouble never stops a sign-in that succeeded.
     */
    private SignedIn attempt(PasswordKeyring ring, String server, String user, String secret, boolean keep, boolean fromKeyring, boolean askKeyring) {
        SignedIn agent;
        try {
            agent = signIn.apply(user, secret);
        } catch (SignInException e) {
            if (fromKeyring && e.credentialsRefused()) {
                try {
                    ring.forget(server, user);
                } catch (PasswordKeyring.KeyringException ignored) {
                    throw new SignInException(e.getMessage() + " The password kept in the system keyring could not be removed ("
                            + ignored.getMessage() + ").", e, true);
                }
                throw new SignInException(e.getMessage() + " The password kept in the system keyring was refused, so it was removed from it.", e, true);
            }
            throw e;
        }
        if (askKeyring) {
            try {
                if (keep) {
                    ring.store(server, user, secret);
                } else {
                    ring.forget(server, user);
                }
            } catch (PasswordKeyring.KeyringException e) {
                System.getLogger(SignInViewModel.class.getName()).log(System.Logger.Level.WARNING, "Signed in; " + e.getMessage());
            }
        }
        return agent;
    }
}
