package io.switchboard.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC…) through {@code secret-tool} (libsecret's own
 * command line): no native library in the app, the password handed over on standard input, never in a command
 * line another account could list. Entries carry the attributes service=switchboard, server, login.
 */
public final class SecretToolKeyring implements PasswordKeyring {
    static final String TOOL = "secret-tool";
    /** The probe must not hold the dialog up; a keyring that needs longer is treated as absent. */
    private static final Duration PROBE = Duration.ofSeconds(5);
    /** Storing or reading may show the keyring's unlock prompt to the person at the screen. */
    private static final Duration USE = Duration.ofSeconds(60);

    private final Map<String, String> environment;

    /** {@code environment}: the one secret-tool runs in (the session's: PATH, DBUS_SESSION_BUS_ADDRESS, DISPLAY…). */
    public SecretToolKeyring(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Status status() {
        if (executable().isEmpty()) {
            return new Status(false, "No system keyring: secret-tool (package libsecret-tools) is not installed, so the Secret Service"
                    + " cannot be asked; the password is typed at each sign-in.");
        }
        KeyringTool.Result r;
        try {
            r = run(PROBE, null, "lookup", "service", "switchboard", "probe", "availability");
        } catch (KeyringException e) {
            return new Status(false, "No system keyring: " + e.getMessage());
        }
        // Found (0), or not found (1, silent): a Secret Service answered. Anything on stderr means none did.
        if (r.exit() == 0 || (r.exit() == 1 && r.err().isBlank())) {
            return new Status(true, "Kept by the system keyring (Secret Service); removed when you press Forget or when it is refused.");
        }
        return new Status(false, "No system keyring answers in this session (" + firstLine(r.err())
                + "); start and unlock one (GNOME Keyring, KWallet, KeePassXC) to keep the password.");
    }

    @Override
    public Optional<String> lookup(String server, String login) {
        KeyringTool.Result r = run(USE, null, "lookup", "service", "switchboard", "server", server, "login", login);
        if (r.exit() == 0 && !r.out().isEmpty()) {
            return Optional.of(r.out());
        }
        if (r.exit() == 1 && r.err().isBlank() || r.exit() == 0) {
            return Optional.empty();
        }
        throw new KeyringException("The system keyring did not answer (" + firstLine(r.err()) + ").");
    }

    @Override
    public void store(String server, String login, String password) {
        KeyringTool.Result r = run(USE, password, "store", "--label=Switchboard sign-in: " + login + " on " + server,
                "service", "switchboard", "server", server, "login", login);
        if (r.exit() != 0) {
            throw new KeyringException("The system keyring did not keep the password (" + firstLine(r.err()) + ").");
        }
    }

    @Override
    public void forget(String server, String login) {
        KeyringTool.Result r = run(USE, null, "clear", "service", "switchboard", "server", server, "login", login);
        // 1 without a word: there was nothing to clear.
        if (r.exit() != 0 && !(r.exit() == 1 && r.err().isBlank())) {
            throw new KeyringException("The system keyring did not remove the password (" + firstLine(r.err()) + ").");
        }
    }

    private Optional<Path> executable() {
        return KeyringTool.onPath(TOOL, environment);
    }

    private KeyringTool.Result run(Duration timeout, String input, String... args) {
        Path tool = executable().orElseThrow(() -> new KeyringException("secret-tool (package libsecret-tools) is not installed."));
        return new KeyringTool(tool, environment).run(timeout, input, List.of(args));
    }

    private static String firstLine(String text) {
        return KeyringTool.firstLine(text, TOOL);
    }
}
