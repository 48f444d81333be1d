package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhatsAppConnectCommandTest {
    private static final String TOKEN = "EAAGm0PX4ZCpsBAKZAcommandtoken7a1b";
    @TempDir
    Path home;
    private Settings settings;

    @BeforeEach
    void settings() {
        ConnectionTarget db = TestDatabase.migratedDatabase();
        settings = Settings.load(Map.of(
                "DB_HOST", db.host(), "DB_PORT", Integer.toString(db.port()), "DB_NAME", db.database(),
                "DB_USERNAME", db.user(), "DB_PASSWORD", db.password(),
                "SWITCHBOARD_HOME", home.toString(),
                "SWITCHBOARD_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32])), home, "Linux", home.toString());
    }

    private List<String> run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> argList = List.of(args);
        int code = Commands.dispatch(argList.get(0), argList.subList(1, argList.size()), settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Main.OK);
        return new ArrayList<>(bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void connectsANumberAndPrintsTheAccountIdWithMaskedSecrets() {
        String tenant = run("tenant", "create", "--name", "Florist").get(0);
        List<String> out = run("whatsapp", "connect", "--tenant", tenant, "--phone-number-id", "106540352242922",
                "--access-token", TOKEN, "--app-secret", "abcdef0123456789abcdef", "--verify-token", "verify-me1",
                "--display-phone", "+1 555 0100", "--rate", "120");
        assertThat(out.get(0)).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        String all = String.join("\n", out);
        assertThat(all).contains("phone_number_id  106540352242922", "rate             120 messages/s",
                "api_base_url     https://graph.facebook.com/v24.0", "access_token     ••••7a1b", "app_secret       ••••cdef", "tenant           " + tenant);
        // A verify token of 10 characters shows nothing of itself, not even its length.
        assertThat(out).contains("  verify_token     ••••••••");
        assertThat(all).doesNotContain("me1");
        assertThat(all).doesNotContain(TOKEN, "abcdef0123456789abcdef", "EAAG", "abcd", "verify-me");
    }

    @Test
    void reportsMissingOptionsAndBadValuesByName() {
        String tenant = run("tenant", "create", "--name", "Florist").get(0);
        assertThatThrownBy(() -> run("whatsapp", "connect", "--tenant", tenant, "--phone-number-id", "1"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--access-token");
        assertThatThrownBy(() -> run("whatsapp", "connect", "--tenant", tenant, "--phone-number-id", "1", "--access-token", "t0000000",
                "--app-secret", "s", "--verify-token", "v", "--rate", "5000"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--rate must be a whole number from 1 to 1000");
        assertThatThrownBy(() -> run("whatsapp", "connect", "--tenant", tenant, "--phone-number-id", "12-34", "--access-token", "t0000000",
                "--app-secret", "s", "--verify-token", "v"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("phone_number_id"));
        assertThatThrownBy(() -> run("whatsapp", "disconnect")).isInstanceOf(UsageException.class);
    }

    @Test
    void theHelpListsTheCommand() {
        assertThat(Help.text()).contains("whatsapp connect --tenant ID --phone-number-id P --access-token T --app-secret S --verify-token V");
    }
}
