package io.switchboard.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The macOS login keychain through Apple's own {@code /usr/bin/security} (docs/decisions/team-access-07-keyring-on-macos-and-windows.md).
 * Items are generic passwords: service {@code Switchboard:<server>}, account = the login. Reading and removing pass
 * only those two in arguments; storing goes through {@code security -i}, which reads its command line from standard
 * input, because {@code add-generic-password} takes the password only as an argument ({@code -w}) and arguments can
 * be listed by any account on the machine.
 */
public final class MacKeychainKeyring implements PasswordKeyring {
    /** Where macOS keeps the tool; a fixed path, not the PATH. */
    public static final Path SECURITY = Path.of("/usr/bin/security");
    static final String SERVICE_PREFIX = "Switchboard:";
    /** {@code security}'s exit status for errSecItemNotFound (-25300): nothing kept. */
    static final int NOT_FOUND = 44;
    /**
     * {@code find-generic-password -w} prints a password with any byte outside printable ASCII as hex, which cannot be
     * told from a password that is hex; such passwords (and any that happens to start with this) are kept encoded.
     */
    static final String ENCODED = "switchboard-base64:";
    /** {@code security -i} reads lines into a 4096-byte buffer (SecurityTool/security.c, MAX_LINE_LEN). */
    private static final int MAX_LINE = 4000;
    private static final Duration PROBE = Duration.ofSeconds(5);
    /** Storing or reading may show the keychain's own "allow access" or unlock prompt to the person at the screen. */
    private static final Duration USE = Duration.ofSeconds(60);

    private final KeyringTool tool;

    /** {@code security}: normally {@link #SECURITY}; {@code environment}: the one the tool runs in. */
    public MacKeychainKeyring(Path security, Map<String, String> environment) {
        this.tool = new KeyringTool(security, environment);
    }

    @Override
    public Status status() {
        if (!Files.isExecutable(tool.executable())) {
            return new Status(false, "No system keychain: " + tool.executable() + " is missing, so the keychain cannot be asked;"
                    + " the password is typed at each sign-in.");
        }
        KeyringTool.Result r;
        try {
            // Attributes only (no -w, no -g): the probe never reads a password.
            r = tool.run(PROBE, null, List.of("find-generic-password", "-s", SERVICE_PREFIX + "probe", "-a", "availability"));
        } catch (KeyringException e) {
            return new Status(false, "No system keychain: " + e.getMessage());
        }
        if (r.exit() == 0 || r.exit() == NOT_FOUND) {
            return new Status(true, "Kept by the macOS keychain (login keychain); removed when you press Forget or when it is refused.");
        }
        return new Status(false, "The macOS keychain does not answer in this session (" + complaint(r)
                + "); sign in at the Mac's screen, or unlock the login keychain, to keep the password.");
    }

    @Override
    public Optional<String> lookup(String server, String login) {
        KeyringTool.Result r = tool.run(USE, null, List.of("find-generic-password", "-s", service(server), "-a", login, "-w"));
        if (r.exit() == NOT_FOUND) {
            return Optional.empty();
        }
        if (r.exit() != 0) {
            throw new KeyringException("The macOS keychain did not answer (" + complaint(r) + ").");
        }
        String kept = r.out().endsWith("\n") ? r.out().substring(0, r.out().length() - 1) : r.out();
        return kept.isEmpty() ? Optional.empty() : Optional.of(decode(kept));
    }

    @Override
    public void store(String server, String login, String password) {
        String line = String.join(" ", "add-generic-password", "-U",
                "-a", quote(login, "login"), "-s", quote(service(server), "server"),
                "-l", quote("Switchboard sign-in: " + login + " on " + server, "login"),
                "-w", quote(encode(password), "password")) + "\n";
        if (line.getBytes(StandardCharsets.UTF_8).length > MAX_LINE) {
            throw new KeyringException("The macOS keychain cannot keep this password: with the login and server it is longer than the"
                    + " " + MAX_LINE + " bytes security reads in one line.");
        }
        KeyringTool.Result r = tool.run(USE, line, List.of("-i"));
        // In -i mode the exit status is the command's OSStatus cut to a byte, which can be 0 for a failure; the
        // "<command>: returned N" line security writes for every failing command cannot.
        if (r.exit() != 0 || r.err().contains("add-generic-password: returned")) {
            throw new KeyringException("The macOS keychain did not keep the password (" + complaint(r) + ").");
        }
    }

    @Override
    public void forget(String server, String login) {
        KeyringTool.Result r = tool.run(USE, null, List.of("delete-generic-password", "-s", service(server), "-a", login));
        if (r.exit() != 0 && r.exit() != NOT_FOUND) {
            throw new KeyringException("The macOS keychain did not remove the password (" + complaint(r) + ").");
        }
    }

    static String service(String server) {
        return SERVICE_PREFIX + server;
    }

    /**
     * One argument of a {@code security -i} line: double quotes, inside which a backslash takes the next character as
     * it is (security.c's split_line: QUOTED_ARG / QUOTED_ARG_ESCAPED). No shell reads the line, so {@code $} and
     * backticks are plain characters. A line break would end the command, so it is refused, never sent.
     */
    static String quote(String value, String field) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new KeyringException("The macOS keychain cannot keep this: the " + field + " contains a line break or a NUL character.");
        }
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    /** The password as kept: itself when it is printable ASCII, else (or if it could be mistaken for an encoded one) encoded. */
    static String encode(String password) {
        boolean printable = password.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (printable && !password.startsWith(ENCODED)) {
            return password;
        }
        return ENCODED + Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String kept) {
        if (!kept.startsWith(ENCODED)) {
            return kept;
        }
        try {
            return new String(Base64.getDecoder().decode(kept.substring(ENCODED.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new KeyringException("The macOS keychain keeps a Switchboard password that is not in the expected form; press Forget.");
        }
    }

    private static String complaint(KeyringTool.Result r) {
        String said = KeyringTool.firstLine(r.err(), "security");
        return r.err().isBlank() ? "exit status " + r.exit() : said;
    }
}
