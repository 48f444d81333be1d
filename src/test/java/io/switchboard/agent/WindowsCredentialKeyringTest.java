package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows Credential Manager backend's exact protocol with powershell.exe, against a stand-in first on a temporary
 * PATH that records its arguments and the script it read on standard input, and answers with the marked line the script
 * prints on Windows. Windows itself cannot run here: what the script does there (Add-Type, CredWrite/CredRead/CredDelete)
 * is checked for its shape, not run.
 */
class WindowsCredentialKeyringTest {
    private static final String SERVER = "db.example:5432/switchboard";
    private static final String LOGIN = "o'brien \"x\" $env:USERNAME `n";
    private static final String PASSWORD = "pä ss\"w\\ord ' $HOME `id` ; '); Remove-Item C:\\ -Recurse; ('\nzweite Zeile";
    private static final Pattern BASE64_LITERAL = Pattern.compile("FromBase64String\\('([A-Za-z0-9+/=]*)'\\)");

    @TempDir
    Path dir;

    private StandInTool powershell() {
        return new StandInTool(dir, "powershell.exe");
    }

    private PasswordKeyring ring() {
        return WindowsCredentialKeyring.of(Map.of("PATH", dir.toString()));
    }

    @Test
    void storingSendsTheScriptAndEveryValueOnStandardInputAsBase64AndReadsTheMarkedAnswer() {
        StandInTool tool = powershell().answers(0, "SWITCHBOARD-KEYRING OK\r\n", "");
        assertThat(ring()).isInstanceOf(WindowsCredentialKeyring.class);
        ring().store(SERVER, LOGIN, PASSWORD);

        assertThat(tool.args(1)).containsExactly("-NoProfile", "-NonInteractive", "-Command", "-");
        String script = tool.stdin(1);
        assertThat(decodedValues(script)).containsExactly("Switchboard:" + SERVER + ":" + LOGIN, LOGIN, PASSWORD);
        assertThat(script).doesNotContain("brien").doesNotContain("zweite").doesNotContain("Remove-Item")
                .contains("[SwitchboardCredentials]::Write($t, $u, $p)");
        assertThat(script.strip()).as("one line: PowerShell runs it as one statement read from standard input").doesNotContain("\n");
        assertThat(script).contains("Add-Type -TypeDefinition '" + WindowsCredentialKeyring.CREDENTIALS_CLASS + "';");
        assertThat(WindowsCredentialKeyring.CREDENTIALS_CLASS).as("it sits in a single-quoted PowerShell literal").doesNotContain("'")
                .contains("EntryPoint = \"CredWriteW\"").contains("EntryPoint = \"CredReadW\"").contains("EntryPoint = \"CredDeleteW\"")
                .contains("c.Type = 1;").contains("c.Persist = 2;").contains("Encoding.Unicode.GetBytes(secret)");
    }

    @Test
    void lookupDecodesTheFoundPasswordAndTellsNothingKeptFromAFailure() {
        StandInTool tool = powershell();
        PasswordKeyring ring = ring();
        String b64 = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        tool.answers(0, "Windows PowerShell noise\r\nSWITCHBOARD-KEYRING FOUND " + b64 + "\r\n", "");
        assertThat(ring.lookup(SERVER, LOGIN)).contains(PASSWORD);
        assertThat(decodedValues(tool.stdin(1))).containsExactly("Switchboard:" + SERVER + ":" + LOGIN);
        assertThat(tool.stdin(1)).contains("[SwitchboardCredentials]::Read($t)");

        tool.answers(0, "SWITCHBOARD-KEYRING NOTFOUND\r\n", "");
        assertThat(ring.lookup(SERVER, "bob")).isEmpty();

        tool.answers(0, "SWITCHBOARD-KEYRING ERROR 1312\r\n", "");
        assertThatThrownBy(() -> ring.lookup(SERVER, "bob")).isInstanceOf(PasswordKeyring.KeyringException.class)
                .hasMessage("The Windows Credential Manager did not answer (Windows error 1312).");

        String why = Base64.getEncoder().encodeToString("Add-Type: Cannot add type.\r\nmore".getBytes(StandardCharsets.UTF_8));
        tool.answers(0, "SWITCHBOARD-KEYRING FAILED " + why + "\r\n", "");
        assertThatThrownBy(() -> ring.lookup(SERVER, "bob")).hasMessage("The Windows Credential Manager did not answer (Add-Type: Cannot add type.).");

        tool.answers(1, "", "The term 'Add-Type' is not recognized\r\n");
        assertThatThrownBy(() -> ring.lookup(SERVER, "bob")).hasMessage("Windows PowerShell gave no answer (The term 'Add-Type' is not recognized)");
    }

    @Test
    void forgetDeletesTheTargetAndNothingKeptIsNoError() {
        StandInTool tool = powershell();
        PasswordKeyring ring = ring();
        tool.answers(0, "SWITCHBOARD-KEYRING OK\r\n", "");
        ring.forget(SERVER, "bob");
        assertThat(tool.stdin(1)).contains("[SwitchboardCredentials]::Delete($t)");
        assertThat(decodedValues(tool.stdin(1))).containsExactly("Switchboard:" + SERVER + ":bob");
        tool.answers(0, "SWITCHBOARD-KEYRING NOTFOUND\r\n", "");
        ring.forget(SERVER, "bob");
        tool.answers(0, "SWITCHBOARD-KEYRING ERROR 5\r\n", "");
        assertThatThrownBy(() -> ring.forget(SERVER, "bob")).hasMessage("The Windows Credential Manager did not remove the password (Windows error 5).");
    }

    @Test
    void aRefusedOrTooLongPasswordSaysWhyWithoutThePassword() {
        StandInTool tool = powershell().answers(0, "SWITCHBOARD-KEYRING ERROR 1312\r\n", "");
        assertThatThrownBy(() -> ring().store(SERVER, "alice", "s3cret-Pw")).hasMessage(
                "The Windows Credential Manager did not keep the password (Windows error 1312).");
        assertThatThrownBy(() -> ring().store(SERVER, "alice", "x".repeat(1281)))
                .hasMessage("The Windows Credential Manager keeps at most 1280 characters of a password.");
        assertThat(tool.calls()).as("the too long one never reached PowerShell").isEqualTo(1);
    }

    @Test
    void statusProbesAndSaysWhyWhenNoCredentialManagerAnswers() {
        StandInTool tool = powershell();
        PasswordKeyring ring = ring();
        tool.answers(0, "SWITCHBOARD-KEYRING NOTFOUND\r\n", "");
        assertThat(ring.status().available()).isTrue();
        assertThat(decodedValues(tool.stdin(1))).containsExactly("Switchboard:probe:availability");

        tool.answers(0, "SWITCHBOARD-KEYRING ERROR 1312\r\n", "");
        PasswordKeyring.Status noSession = ring.status();
        assertThat(noSession.available()).isFalse();
        assertThat(noSession.reason()).startsWith("The Windows Credential Manager is not available in this logon session");

        tool.answers(1, "", "Program 'powershell.exe' failed to run: Access is denied\r\n");
        PasswordKeyring.Status broken = ring.status();
        assertThat(broken.available()).isFalse();
        assertThat(broken.reason()).isEqualTo("No system keyring: Windows PowerShell gave no answer (Program 'powershell.exe' failed to run: Access is denied)");

        PasswordKeyring none = WindowsCredentialKeyring.of(Map.of("PATH", dir.resolve("empty").toString()));
        assertThat(none.status().available()).isFalse();
        assertThat(none.status().reason()).contains("powershell.exe").contains("was not found");
    }

    /** The values the script decodes, in order ($t, $u, $p). */
    private static List<String> decodedValues(String script) {
        List<String> values = new ArrayList<>();
        Matcher m = BASE64_LITERAL.matcher(script);
        while (m.find()) {
            values.add(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        }
        return values;
    }
}
