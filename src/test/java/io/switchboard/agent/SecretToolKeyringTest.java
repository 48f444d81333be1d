package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password keyring through secret-tool: against a real Secret Service (GNOME Keyring on a private bus) where
 * one can run, and in any case the "no keyring here" answers, each with its reason.
 */
class SecretToolKeyringTest {
    @TempDir
    Path home;

    @Test
    void withoutTheToolThereIsNoKeyringAndTheReasonNamesThePackage() {
        PasswordKeyring.Status status = new SecretToolKeyring(Map.of("PATH", home.toString())).status();
        assertThat(status.available()).isFalse();
        assertThat(status.reason()).contains("secret-tool (package libsecret-tools) is not installed");
    }

    @Test
    void withoutASessionBusThereIsNoKeyringAndTheReasonSaysSo() {
        // A headless session: no D-Bus session bus, no display (what CI and `ssh` give).
        PasswordKeyring.Status status = new SecretToolKeyring(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", home.toString())).status();
        assertThat(status.available()).isFalse();
        assertThat(status.reason()).startsWith("No system keyring");
    }

    @Test
    void aRealSecretServiceKeepsReturnsAndForgetsAPasswordPerLoginAndServer() throws Exception {
        Optional<PrivateSecretService> started = PrivateSecretService.start(home);
        if (started.isEmpty()) {
            // No gnome-keyring / libsecret-tools on this machine (CI): the app's keyring says it is unavailable.
            assertThat(PasswordKeyring.system().status().available()).isFalse();
            assertThat(PasswordKeyring.system().status().reason()).isNotBlank();
            return;
        }
        try (PrivateSecretService service = started.get()) {
            SecretToolKeyring ring = new SecretToolKeyring(service.environment());
            assertThat(ring.status().available()).isTrue();
            String server = "db.example:5432/switchboard";
            String password = "pä ss\"w\\ord ' $HOME";
            assertThat(ring.lookup(server, "alice")).isEmpty();
            ring.store(server, "alice", password);
            assertThat(ring.lookup(server, "alice")).contains(password);
            assertThat(ring.lookup(server, "bob")).as("another login").isEmpty();
            assertThat(ring.lookup("other:5432/switchboard", "alice")).as("another server").isEmpty();
            ring.store(server, "alice", "replaced");
            assertThat(ring.lookup(server, "alice")).contains("replaced");
            ring.forget(server, "alice");
            assertThat(ring.lookup(server, "alice")).isEmpty();
            ring.forget(server, "alice"); // nothing kept: not an error
        }
    }
}
