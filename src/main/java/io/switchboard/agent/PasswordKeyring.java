package io.switchboard.agent;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operating system's keyring, where an agent may keep their sign-in password instead of typing it
 * (never a file of ours: docs/decisions/team-access-05-password-in-the-system-keyring.md). Each entry is
 * one login on one server. Every call may be slow (a process, D-Bus, perhaps an unlock prompt): never
 * on the FX thread.
 */
public interface PasswordKeyring {
    /** Whether a keyring answers here, and if not, one sentence saying why (shown as the checkbox's tooltip). */
    record Status(boolean available, String reason) {
    }

    Status status();

    /** The password kept for this login on this server, if any. */
    Optional<String> lookup(String server, String login);

    /** Keeps (or replaces) the password of this login on this server. */
    void store(String server, String login, String password);

    /** Removes the password of this login on this server; nothing kept is not an error. */
    void forget(String server, String login);

    /** The keyring of this operating system, or one that is never available and says why. */
    static PasswordKeyring system() {
        return of(System.getProperty("os.name", ""), System.getenv());
    }

    /**
     * The keyring for the system called {@code osName} (as Java's os.name says it), its tool run in {@code environment}:
     * the Secret Service through secret-tool on Linux and the BSDs, the login keychain through /usr/bin/security on
     * macOS, the Credential Manager through Windows PowerShell on Windows (team-access-05, team-access-07).
     */
    static PasswordKeyring of(String osName, Map<String, String> environment) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("linux") || os.contains("bsd")) {
            return new SecretToolKeyring(environment);
        }
        if (os.startsWith("mac") || os.contains("os x") || os.contains("darwin")) {
            return new MacKeychainKeyring(MacKeychainKeyring.SECURITY, environment);
        }
        if (os.startsWith("windows")) {
            return WindowsCredentialKeyring.of(environment);
        }
        return unavailable("Keeping the password in the system keyring is supported on Linux, macOS and Windows;"
                + " on " + osName + " type it at each sign-in.");
    }

    /** A keyring that is never there, with the reason; nothing is ever stored. */
    static PasswordKeyring unavailable(String reason) {
        return new PasswordKeyring() {
            @Override
            public Status status() {
                return new Status(false, reason);
            }

            @Override
            public Optional<String> lookup(String server, String login) {
                return Optional.empty();
            }

            @Override
            public void store(String server, String login, String password) {
                throw new KeyringException(reason);
            }

            @Override
            public void forget(String server, String login) {
                // Nothing can have been kept.
            }
        };
    }

    /** A keyring that refused or did not answer; the message never holds a password. */
    final class KeyringException extends RuntimeException {
        public KeyringException(String message) {
            super(message);
        }
    }
}
