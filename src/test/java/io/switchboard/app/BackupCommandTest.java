package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backup} and {@code restore} on the command line: what they print and their exit codes, on an external and on the embedded database. */
class BackupCommandTest {
    @TempDir
    Path folder;

    record Result(int exitCode, String out, String err) {
    }

    @Test
    void anExternalDatabaseIsBackedUpAndRestoredIntoAnEmptyOneAndEveryRefusalIsOneLineWithExitCode1() throws Exception {
        try (CommandLineDatabase source = new CommandLineDatabase(false)) {
            String tenant = source.tenant("Acme Corp").toString();
            Path file = folder.resolve("acme.sbk");

            // Two rows: the tenant and the audit log's record of its creation.
            Result backup = run(source.environment, "backup", "--to", file.toString());
            assertThat(backup.exitCode()).as(backup.err()).isZero();
            assertThat(backup.out()).startsWith("Backed up 2 rows of ").contains("(schema version ").contains(file.toString());
            assertThat(backup.err()).isEmpty();

            Result again = run(source.environment, "backup", "--to", file.toString());
            assertThat(again).isEqualTo(new Result(1, "", "switchboard: The file " + file
                    + " already exists; choose a new name so no earlier backup is overwritten." + System.lineSeparator()));

            Result intoItself = run(source.environment, "restore", "--from", file.toString());
            assertThat(intoItself.exitCode()).isEqualTo(1);
            assertThat(intoItself.err().lines().toList()).containsExactly("switchboard: The database is not empty (audit_log, tenants hold rows);"
                    + " restore only into an empty database or a fresh data folder. Nothing was restored.");

            Map<String, String> empty = external(TestDatabase.emptyDatabase());
            byte[] bytes = Files.readAllBytes(file);
            Path truncated = Files.write(folder.resolve("cut.sbk"), Arrays.copyOf(bytes, bytes.length / 2));
            Result cut = run(empty, "restore", "--from", truncated.toString());
            assertThat(cut.exitCode()).isEqualTo(1);
            assertThat(cut.err().lines().toList()).containsExactly("switchboard: The file cut.sbk is not a complete Switchboard backup"
                    + " (it is cut short or not a backup file); nothing was restored.");

            Result restored = run(empty, "restore", "--from", file.toString());
            assertThat(restored.exitCode()).as(restored.err()).isZero();
            assertThat(restored.out()).startsWith("Restored 2 rows of ").contains("acme.sbk");
            assertThat(run(empty, "tenant", "list").out()).isEqualTo(tenant + "\tactive\tAcme Corp" + System.lineSeparator());
        }
    }

    @Test
    void aRestoreWhoseWhatsAppSecretsNeedAnotherKeySaysWhichFileToCopy() throws Exception {
        try (CommandLineDatabase source = new CommandLineDatabase(false)) {
            // Connected with the source's own data folder key, which the target's folder does not have.
            io.switchboard.config.SecretBox sourceKey = io.switchboard.config.SecretBox.fromSettings(source.settings());
            new io.switchboard.channel.whatsapp.WhatsAppAccountService(source.db, sourceKey).connect(source.tenant("Acme"),
                    io.switchboard.channel.whatsapp.WhatsAppConnection.of("106540352242922", "EAAGaccess-token-secret", "app-secret-abcdef", "verify-token-xyz"));
            Path file = folder.resolve("keyed.sbk");
            assertThat(run(source.environment, "backup", "--to", file.toString()).exitCode()).isZero();

            Map<String, String> empty = external(TestDatabase.emptyDatabase());
            java.io.PrintStream stderr = System.err;
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            Result restored;
            try {
                System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
                restored = run(empty, "restore", "--from", file.toString());
            } finally {
                System.setErr(stderr);
            }
            assertThat(restored.exitCode()).isZero();
            assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("switchboard: warning: the restored WhatsApp secrets were encrypted with another key."
                    + " Copy secret.key from the old data folder into " + folder.resolve("home"));
            assertThat(restored.out()).doesNotContain("EAAG").doesNotContain("app-secret");
        }
    }

    @Test
    void usageMistakesAreExitCode2() {
        Map<String, String> env = Map.of("SWITCHBOARD_HOME", folder.toString());
        assertThat(run(env, "backup")).isEqualTo(new Result(2, "", "switchboard: backup: missing --to" + System.lineSeparator()));
        assertThat(run(env, "restore", "--to", "x")).isEqualTo(new Result(2, "", "switchboard: restore: unknown option --to (see --help)"
                + System.lineSeparator()));
    }

    @Test
    void theEmbeddedDatabaseIsBackedUpAndRestoredIntoAFreshDataFolder() throws Exception {
        Map<String, String> first = solo(folder.resolve("first"));
        assertThat(run(first, "tenant", "create", "--name", "Solo Shop").exitCode()).isZero();
        Path file = folder.resolve("solo.sbk");
        Result backup = run(first, "backup", "--to", file.toString());
        assertThat(backup.exitCode()).as(backup.err()).isZero();

        Map<String, String> fresh = solo(folder.resolve("fresh"));
        Result restored = run(fresh, "restore", "--from", file.toString());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(run(fresh, "tenant", "list").out()).isEqualTo(run(first, "tenant", "list").out()).contains("Solo Shop");
        assertThat(run(fresh, "restore", "--from", file.toString()).exitCode()).as("a second restore finds it full").isEqualTo(1);
    }

    private static Map<String, String> solo(Path home) {
        return Map.of("SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_SANDBOX", "false");
    }

    private Map<String, String> external(ConnectionTarget target) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", target.host());
        env.put("DB_PORT", String.valueOf(target.port()));
        env.put("DB_NAME", target.database());
        env.put("DB_USERNAME", target.user());
        env.put("DB_PASSWORD", target.password());
        env.put("SWITCHBOARD_HOME", folder.resolve("home").toString());
        env.put("SWITCHBOARD_SANDBOX", "false");
        return env;
    }

    private Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("SWITCHBOARD_HOME", folder.toString());
        Path home = Path.of(env.get("SWITCHBOARD_HOME"));
        int code = Main.run(List.of(args), () -> Settings.load(env, home, "Linux", home.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
