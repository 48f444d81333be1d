package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channel.sandbox.CloudApiSandbox;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.common.ValidationException;
import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.template.MetaApiException;
import io.switchboard.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** template sync / list / submit / delete and send --template, as a script runs them, against the sandbox over HTTP. */
class TemplateCommandTest {
    private static final String WABA = "102290129340398";
    private static final String TOKEN = "EAAGm0PX4ZCpsBAKZAtemplatecmd9f2c";
    @TempDir
    Path home;
    private Settings settings;
    private Database db;
    private final CloudApiSandbox sandbox = CloudApiSandbox.start(SandboxOptions.silent()).templateReviewDelay(Duration.ofMinutes(5));
    private String tenant;

    @BeforeEach
    void start() {
        ConnectionTarget target = TestDatabase.migratedDatabase();
        db = Database.connect(target, 2, "test");
        settings = Settings.load(Map.of("DB_HOST", target.host(), "DB_PORT", Integer.toString(target.port()), "DB_NAME", target.database(),
                "DB_USERNAME", target.user(), "DB_PASSWORD", target.password(), "SWITCHBOARD_HOME", home.toString(),
                "SWITCHBOARD_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32])), home, "Linux", home.toString());
        sandbox.register(new SandboxNumber("106540352242922", "+15550100", "Florist", WABA, TOKEN, "app-secret-123456", null));
        sandbox.addTemplate(WABA, "hello_world", "en_US", "UTILITY", "APPROVED", "[{\"type\":\"BODY\",\"text\":\"Hello!\"}]");
        sandbox.addTemplate(WABA, "parcel_tracking", "en_US", "UTILITY", "APPROVED", """
                [{"type":"HEADER","format":"IMAGE","example":{"header_handle":["https://example.com/p.jpg"]}},
                 {"type":"BODY","text":"Hi {{1}}, parcel {{2}} arrives today.","example":{"body_text":[["Ana","#1"]]}},
                 {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track","url":"https://example.com/t/{{1}}","example":["https://example.com/t/1"]}]}]""");
        sandbox.addTemplate(WABA, "spring_sale", "en_US", "MARKETING", "PAUSED", "[{\"type\":\"BODY\",\"text\":\"Sale!\"}]");
        tenant = run("tenant", "create", "--name", "Florist").get(0);
    }

    @AfterEach
    void close() {
        sandbox.close();
        db.close();
    }

    private List<String> run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> argList = List.of(args);
        int code = Commands.dispatch(argList.get(0), argList.subList(1, argList.size()), settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Main.OK);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String one(String sql) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void connectingANumberSyncsItsTemplatesAndTheCommandsManageThem() throws Exception {
        List<String> connected = run("whatsapp", "connect", "--tenant", tenant, "--phone-number-id", "106540352242922", "--access-token", TOKEN,
                "--app-secret", "app-secret-123456", "--verify-token", "verify-me-please", "--waba-id", WABA, "--api-base-url", sandbox.baseUrl());
        assertThat(String.join("\n", connected)).contains("templates        3 templates from 1 WhatsApp Business Account (1 page): 3 new");

        assertThat(run("template", "list", "--tenant", tenant)).containsExactly(
                "hello_world\ten_US\tapproved\tAPPROVED\ttransactional\tUTILITY\tUNKNOWN\tagents\tusable",
                "parcel_tracking\ten_US\tapproved\tAPPROVED\ttransactional\tUTILITY\tUNKNOWN\tagents\tusable",
                "spring_sale\ten_US\tdisabled\tPAUSED\tmarketing\tMARKETING\tUNKNOWN\tagents\tPaused by Meta");

        Path file = home.resolve("welcome.json");
        Files.writeString(file, """
                {"name":"welcome_back","language":"en_US","category":"MARKETING","components":[
                  {"type":"BODY","text":"Welcome back, {{1}}! Your table is ready.","example":{"body_text":[["Ana"]]}}]}""");
        List<String> submitted = run("template", "submit", "--tenant", tenant, "--file", file.toString());
        assertThat(submitted.get(1)).contains("welcome_back (en_US) submitted: pending (PENDING), Meta id ");
        assertThat(sandbox.hasTemplate(WABA, "welcome_back", "en_US")).isTrue();

        assertThat(run("template", "sync", "--tenant", tenant).get(0)).isEqualTo(
                "4 templates from 1 WhatsApp Business Account (1 page): 0 new, 4 updated, 0 marked deleted at Meta (all-or-nothing)");
        assertThat(run("template", "delete", "--tenant", tenant, "--name", "welcome_back").get(0))
                .isEqualTo("Deleted welcome_back at Meta (every language); 1 template marked deleted");
        assertThat(one("SELECT status || '/' || meta_status FROM templates WHERE name = 'welcome_back'")).isEqualTo("disabled/DELETED");

        Files.writeString(file, "{\"name\":\"Welcome Back\",\"language\":\"en_US\",\"category\":\"MARKETING\",\"components\":[]}");
        assertThatThrownBy(() -> run("template", "submit", "--tenant", tenant, "--file", file.toString()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> run("template", "submit", "--tenant", tenant, "--file", file.toString()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).startsWith("file: ").contains("is not JSON"));
    }

    @Test
    void sendTemplateWorksForAnyApprovedTemplateWithItsHeaderMediaAndButtonAndRefusesAPausedOne() {
        run("whatsapp", "connect", "--tenant", tenant, "--phone-number-id", "106540352242922", "--access-token", TOKEN, "--app-secret",
                "app-secret-123456", "--verify-token", "verify-me-please", "--waba-id", WABA, "--api-base-url", sandbox.baseUrl());

        String id = run("send", "--tenant", tenant, "--to", "+4915112345678", "--template", "parcel_tracking", "--language", "en_US",
                "--param", "Ana", "--param", "#4821", "--header-media", "https://cdn.example.com/p.jpg", "--button-param", "4821").get(0);

        assertThat(one("SELECT content FROM messages WHERE id = '" + id + "'")).isEqualTo("[image]\n\nHi Ana, parcel #4821 arrives today.\n[Track]");
        assertThat(one("SELECT metadata->'template' FROM messages WHERE id = '" + id + "'")).isEqualTo(
                "{\"name\": \"parcel_tracking\", \"buttons\": [{\"index\": 0, \"value\": \"4821\", \"sub_type\": \"url\"}], \"language\": \"en_US\", "
                        + "\"body_params\": [\"Ana\", \"#4821\"], \"header_media\": {\"link\": \"https://cdn.example.com/p.jpg\", \"type\": \"image\"}, "
                        + "\"header_params\": []}");
        assertThatThrownBy(() -> run("send", "--tenant", tenant, "--to", "+4915112345678", "--template", "spring_sale", "--language", "en_US"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("Paused by Meta"));
        assertThatThrownBy(() -> run("send", "--tenant", tenant, "--to", "+4915112345678", "--template", "parcel_tracking", "--language", "en_US",
                "--param", "Ana", "--param", "#4821", "--button-param", "4821"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("header image"));
        assertThatThrownBy(() -> run("send", "--tenant", tenant, "--to", "+4915112345678", "--template", "nope", "--language", "en_US"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("template sync --tenant " + tenant);
        assertThat(one("SELECT COUNT(*) FROM messages")).isEqualTo("1");

        sandbox.close();
        assertThatThrownBy(() -> run("template", "sync", "--tenant", tenant)).isInstanceOf(MetaApiException.class).hasMessageContaining("No answer from");
    }

    private int exit(ByteArrayOutputStream err, String... args) {
        return Main.run(List.of(args), () -> settings, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void templateEditSendsTheNewContentAndExitsNonZeroWhenMetaOrTheRulesRefuse() throws Exception {
        run("whatsapp", "connect", "--tenant", tenant, "--phone-number-id", "106540352242922", "--access-token", TOKEN, "--app-secret",
                "app-secret-123456", "--verify-token", "verify-me-please", "--waba-id", WABA, "--api-base-url", sandbox.baseUrl());
        Path file = home.resolve("hello.json");
        Files.writeString(file, """
                {"category":"UTILITY","components":[{"type":"BODY","text":"Hello again! How can we help?"}]}""");

        List<String> edited = run("template", "edit", "--tenant", tenant, "--name", "hello_world", "--language", "en_US", "--file", file.toString());
        assertThat(edited.get(1)).isEqualTo("  hello_world (en_US) edited: pending (PENDING); Meta reviews it again and the outcome arrives by webhook");
        assertThat(one("SELECT body FROM templates WHERE name = 'hello_world'")).isEqualTo("Hello again! How can we help?");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(exit(err, "template", "edit", "--tenant", tenant, "--name", "hello_world", "--language", "en_US", "--file", file.toString()))
                .as("a pending template cannot be edited").isEqualTo(Main.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("status: Meta only lets APPROVED, REJECTED or PAUSED templates be edited");

        err.reset();
        Files.writeString(file, """
                {"name":"hello_there","category":"UTILITY","components":[{"type":"BODY","text":"Hi"}]}""");
        assertThat(exit(err, "template", "edit", "--tenant", tenant, "--name", "hello_world", "--language", "en_US", "--file", file.toString()))
                .isEqualTo(Main.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("name: an edit cannot change it");

        err.reset();
        assertThat(exit(err, "template", "edit", "--tenant", tenant, "--name", "hello_world", "--file", file.toString())).isEqualTo(Main.USAGE);

        Files.writeString(file, """
                {"category":"MARKETING","components":[{"type":"BODY","text":"Spring is here: 20% off this week."}]}""");
        assertThat(run("template", "edit", "--tenant", tenant, "--name", "spring_sale", "--language", "en_US", "--file", file.toString()).get(1))
                .as("a paused template may be edited").contains("spring_sale (en_US) edited: pending (PENDING)");
    }
}
