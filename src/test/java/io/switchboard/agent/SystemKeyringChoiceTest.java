package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which keyring the sign-in dialog asks, by Java's os.name as each installer's runtime reports it. */
class SystemKeyringChoiceTest {
    @TempDir
    Path dir;

    @Test
    void linuxAndTheBsdsUseSecretToolMacosTheKeychainWindowsTheCredentialManager() {
        Map<String, String> env = Map.of("PATH", dir.toString());
        assertThat(PasswordKeyring.of("Linux", env)).isInstanceOf(SecretToolKeyring.class);
        assertThat(PasswordKeyring.of("FreeBSD", env)).isInstanceOf(SecretToolKeyring.class);
        assertThat(PasswordKeyring.of("Mac OS X", env)).isInstanceOf(MacKeychainKeyring.class);
        assertThat(PasswordKeyring.of("Darwin", env)).isInstanceOf(MacKeychainKeyring.class);

        // Windows: PowerShell where Windows keeps it, or on the PATH; without it, no keyring and the reason.
        assertThat(PasswordKeyring.of("Windows 11", env).status().reason()).contains("powershell.exe").contains("was not found");
        new StandInTool(dir, "powershell.exe");
        assertThat(PasswordKeyring.of("Windows 11", env)).isInstanceOf(WindowsCredentialKeyring.class);
        assertThat(PasswordKeyring.of("Windows Server 2022", env)).isInstanceOf(WindowsCredentialKeyring.class);

        PasswordKeyring other = PasswordKeyring.of("SunOS", env);
        assertThat(other.status().available()).isFalse();
        assertThat(other.status().reason()).isEqualTo("Keeping the password in the system keyring is supported on Linux, macOS and Windows;"
                + " on SunOS type it at each sign-in.");
        assertThat(other.lookup("s", "l")).isEmpty();
    }

    @Test
    void windowsPowerShellIsTakenFromSystemRootBeforeThePath() throws Exception {
        Path system = java.nio.file.Files.createDirectories(dir.resolve("Windows/System32/WindowsPowerShell/v1.0"));
        StandInTool fromSystem = new StandInTool(system, "powershell.exe");
        Path elsewhere = java.nio.file.Files.createDirectories(dir.resolve("elsewhere"));
        new StandInTool(elsewhere, "powershell.exe");
        assertThat(WindowsCredentialKeyring.locate(Map.of("SystemRoot", dir.resolve("Windows").toString(), "PATH", elsewhere.toString())))
                .contains(fromSystem.executable());
    }
}
