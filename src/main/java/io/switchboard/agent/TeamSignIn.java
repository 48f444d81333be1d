package io.switchboard.agent;

import io.switchboard.config.Settings;
import io.switchboard.config.Variable;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.HostList;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Team mode's sign-in for the desktop: needed when the settings name an external server (DB_HOST) but
 * no DB_PASSWORD (scripts and `serve` still set DB_USERNAME/DB_PASSWORD and skip it). Signing in checks
 * the agent's credentials once ({@link SignIn}); the app then starts on settings carrying them.
 */
public final class TeamSignIn {
    private final Settings settings;
    private final SignInMemory memory;
    private final Clock clock;

    public TeamSignIn(Settings settings, Clock clock) {
        this.settings = settings;
        this.memory = new SignInMemory(settings.dataFolder());
        this.clock = clock;
    }

    public static boolean needed(Settings settings) {
        return settings.explicit(Variable.DB_HOST).isPresent() && settings.explicit(Variable.DB_PASSWORD).isEmpty();
    }

    /** Where the sign-in goes, for the dialog: host and database, never a credential. */
    public String server() {
        return settings.get(Variable.DB_HOST) + "/" + settings.get(Variable.DB_NAME);
    }

    /** The server as the keyring names it (host, port, database): a password is kept per login and server. */
    public String keyringServer() {
        return settings.get(Variable.DB_HOST) + ":" + settings.get(Variable.DB_PORT) + "/" + settings.get(Variable.DB_NAME);
    }

    public String lastLogin() {
        return memory.lastLogin().orElse(settings.explicit(Variable.DB_USERNAME).orElse(""));
    }

    /** Checks the credentials (slow: a network round trip; never on the FX thread) and remembers the login. */
    public SignedIn signIn(String login, String password) {
        String user = login == null ? "" : login.strip();
        ConnectionTarget target = new ConnectionTarget(
                HostList.parse(Variable.DB_HOST.name(), settings.get(Variable.DB_HOST), settings.integer(Variable.DB_PORT, 1, 65535)),
                settings.get(Variable.DB_NAME), user, password, false, ConnectionTarget.Role.PRIMARY);
        SignedIn signedIn = SignIn.check(target, memory.passwordValidUntil(user).orElse(null), LocalDateTime.now(clock));
        memory.remember(signedIn);
        return signedIn;
    }

    /** The settings the app starts on once signed in: the same, with the agent's own credentials. */
    public Settings as(String login, String password) {
        Map<String, String> values = new HashMap<>(settings.values());
        values.put(Variable.DB_USERNAME.name(), login.strip());
        values.put(Variable.DB_PASSWORD.name(), password);
        return new Settings(values, settings.dataFolder(), settings.envFilesRead());
    }
}
