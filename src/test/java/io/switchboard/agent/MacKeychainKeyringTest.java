package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macOS keychain backend's exact protocol with /usr/bin/security, against a stand-in that records what it received
 * and answers as Apple's tool does (security(1); SecurityTool/security.c and readline.c of Apple's open source: one
 * command per line on standard input in {@code -i} mode, split by split_line; exit status 44 for errSecItemNotFound;
 * {@code find-generic-password -w} prints the password and a newline). macOS itself cannot run here.
 */
class MacKeychainKeyringTest {
    private static final String SERVER = "db.example:5432/switchboard";
    /** Quotes, a backslash, a dollar, backticks, a semicolon, spaces: what a shell or a naive quoting would mangle. */
    private static final String HOSTILE = "pa ss\"w\\ord ' $HOME `id` ; \\\" end\\";

    @TempDir
    Path dir;

    private StandInTool security() {
        return new StandInTool(dir, "security");
    }

    private MacKeychainKeyring ring(StandInTool tool) {
        return new MacKeychainKeyring(tool.executable(), Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString()));
    }

    @Test
    void storingSendsOneCommandOnStandardInputAndNothingSecretAsAnArgument() {
        StandInTool tool = security().answers(0, "", "");
        String login = "o'brien \"x\" $USER `whoami`";
        ring(tool).store(SERVER, login, HOSTILE);

        assertThat(tool.args(1)).containsExactly("-i");
        String stdin = tool.stdin(1);
        assertThat(stdin).endsWith("\n").doesNotContain("\r");
        assertThat(stdin.indexOf('\n')).as("one line: security reads a command per line").isEqualTo(stdin.length() - 1);
        // What security makes of the line, by its own rules, is exactly the command meant.
        assertThat(splitLine(stdin.substring(0, stdin.length() - 1))).containsExactly("add-generic-password", "-U",
                "-a", login, "-s", "Switchboard:" + SERVER, "-l", "Switchboard sign-in: " + login + " on " + SERVER, "-w", HOSTILE);
    }

    @Test
    void aPasswordKeptThroughTheLineComesBackAsItWasEvenWithLineBreaksAndNonAsciiCharacters() throws Exception {
        List<String> passwords = List.of(HOSTILE, "zeilen\numbruch", "pässwörd ✓", "tab\tbed", MacKeychainKeyring.ENCODED + "looks-encoded", "0123abcdef");
        for (int i = 0; i < passwords.size(); i++) {
            String password = passwords.get(i);
            StandInTool tool = new StandInTool(Files.createDirectories(dir.resolve("case" + i)), "security");
            MacKeychainKeyring ring = ring(tool);
            tool.answers(0, "", "");
            ring.store(SERVER, "alice", password);
            List<String> command = splitLine(tool.stdin(1).strip());
            String kept = command.get(command.indexOf("-w") + 1);
            assertThat(kept.chars()).as("what the keychain keeps is printable ASCII, so -w prints it back unchanged")
                    .allMatch(c -> c >= 0x20 && c <= 0x7e);
            // find-generic-password -w prints the kept password and a newline.
            tool.answers(0, kept + "\n", "");
            assertThat(ring.lookup(SERVER, "alice")).contains(password);
            assertThat(tool.args(2)).containsExactly("find-generic-password", "-s", "Switchboard:" + SERVER, "-a", "alice", "-w");
        }
    }

    @Test
    void lookupAndForgetReadTheExitStatus() {
        StandInTool tool = security();
        MacKeychainKeyring ring = ring(tool);
        tool.answers(44, "", "security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n");
        assertThat(ring.lookup(SERVER, "bob")).isEmpty();

        tool.answers(36, "", "security: SecKeychainSearchCopyNext: User interaction is not allowed.\n");
        assertThatThrownBy(() -> ring.lookup(SERVER, "bob")).isInstanceOf(PasswordKeyring.KeyringException.class)
                .hasMessage("The macOS keychain did not answer (SecKeychainSearchCopyNext: User interaction is not allowed.).");

        tool.answers(0, "", "");
        ring.forget(SERVER, "bob");
        assertThat(tool.args(3)).containsExactly("delete-generic-password", "-s", "Switchboard:" + SERVER, "-a", "bob");
        tool.answers(44, "", "security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n");
        ring.forget(SERVER, "bob"); // nothing kept: not an error
        tool.answers(51, "", "security: SecKeychainItemDelete: The user name or passphrase you entered is not correct.\n");
        assertThatThrownBy(() -> ring.forget(SERVER, "bob")).hasMessageContaining("did not remove the password")
                .hasMessageContaining("passphrase you entered is not correct");
    }

    @Test
    void aRefusedStoreSaysWhyWithoutThePassword() {
        StandInTool tool = security().answers(45, "", "security: SecKeychainItemCreateFromContent (<default>): The user name or passphrase you entered is not correct.\n"
                + "add-generic-password: returned 45\n");
        assertThatThrownBy(() -> ring(tool).store(SERVER, "alice", "s3cret-Pw"))
                .hasMessage("The macOS keychain did not keep the password (SecKeychainItemCreateFromContent (<default>): The user name or"
                        + " passphrase you entered is not correct.).")
                .message().doesNotContain("s3cret-Pw");
    }

    @Test
    void aFailureWhoseStatusIsZeroAsAByteIsStillAFailure() {
        // -25344 & 0xff == 0: the exit status says nothing; security's "returned" line does.
        StandInTool tool = security().answers(0, "", "security: SecKeychainItemCreateFromContent (<default>): failed\n"
                + "add-generic-password: returned -25344\n");
        assertThatThrownBy(() -> ring(tool).store(SERVER, "alice", "pw")).hasMessageContaining("did not keep the password");
    }

    @Test
    void aLoginWithALineBreakIsRefusedBeforeAnythingIsRun() {
        StandInTool tool = security();
        assertThatThrownBy(() -> ring(tool).store(SERVER, "alice\nadd-generic-password -a x", "pw"))
                .hasMessage("The macOS keychain cannot keep this: the login contains a line break or a NUL character.");
        assertThat(tool.calls()).isZero();
    }

    @Test
    void statusAsksForAttributesOnlyAndTellsAnsweringFromNot() {
        StandInTool tool = security();
        MacKeychainKeyring ring = ring(tool);
        tool.answers(44, "", "security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n");
        assertThat(ring.status().available()).isTrue();
        assertThat(tool.args(1)).containsExactly("find-generic-password", "-s", "Switchboard:probe", "-a", "availability");

        tool.answers(36, "", "security: SecKeychainSearchCopyNext: User interaction is not allowed.\n");
        PasswordKeyring.Status none = ring.status();
        assertThat(none.available()).isFalse();
        assertThat(none.reason()).isEqualTo("The macOS keychain does not answer in this session (SecKeychainSearchCopyNext: User interaction"
                + " is not allowed.); sign in at the Mac's screen, or unlock the login keychain, to keep the password.");

        PasswordKeyring.Status missing = new MacKeychainKeyring(dir.resolve("no-such-security"), Map.of()).status();
        assertThat(missing.available()).isFalse();
        assertThat(missing.reason()).startsWith("No system keychain: ").contains("is missing");
    }

    @Test
    void aKeychainThatHangsIsGivenUpAfterTheProbesTimeout() {
        StandInTool tool = security().hangs(30).answers(0, "", "");
        long started = System.nanoTime();
        PasswordKeyring.Status status = ring(tool).status();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(status.available()).isFalse();
        assertThat(status.reason()).isEqualTo("No system keychain: the system keyring did not answer within 5 s");
        assertThat(tookMs).as("killed at the timeout, not after the 30 s it would take").isLessThan(20_000);
    }

    /** Apple's split_line (SecurityTool/security.c), the way {@code security -i} cuts a line into arguments. */
    static List<String> splitLine(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = null;
        char quote = 0;
        boolean quoted = false;
        boolean escaped = false;
        for (char c : line.toCharArray()) {
            if (arg == null) {
                if (Character.isWhitespace(c)) {
                    continue;
                }
                arg = new StringBuilder();
                if (c == '"' || c == '\'') {
                    quote = c;
                    quoted = true;
                    continue;
                }
                quoted = false;
            }
            if (escaped) {
                arg.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (quoted ? c == quote : Character.isWhitespace(c)) {
                args.add(arg.toString());
                arg = null;
            } else {
                arg.append(c);
            }
        }
        if (arg != null) {
            args.add(arg.toString());
        }
        return args;
    }
}
