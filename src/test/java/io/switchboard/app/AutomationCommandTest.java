package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.ValidationException;
import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** automation create / list / run / runs / retry / status / token / recipe / hours as a script runs them. */
class AutomationCommandTest {
    @TempDir
    Path home;
    private Settings settings;
    private Database db;
    private String tenant;

    @BeforeEach
    void start() {
        ConnectionTarget target = TestDatabase.migratedDatabase();
        db = Database.connect(target, 2, "test");
        settings = Settings.load(Map.of("DB_HOST", target.host(), "DB_PORT", Integer.toString(target.port()), "DB_NAME", target.database(),
                "DB_USERNAME", target.user(), "DB_PASSWORD", target.password(), "SWITCHBOARD_HOME", home.toString(),
                "SWITCHBOARD_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32])), home, "Linux", home.toString());
        tenant = run(0, "tenant", "create", "--name", "Florist").get(0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> run(int expectedCode, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> argList = List.of(args);
        int code = Commands.dispatch(argList.get(0), argList.subList(1, argList.size()), settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).as(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expectedCode);
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
    void createRunAndReadTheLogFromTheCommandLine() throws Exception {
        Path file = home.resolve("tag.json");
        Files.writeString(file, """
                {"name": "Tag order", "description": "keeps the order id", "trigger_type": "manual", "trigger_config": {},
                 "action_type": "update_contact", "action_config": {"metadata": {"order": "{{trigger.order_id}}"}}, "status": "active"}""");
        String id = run(0, "automation", "create", "--tenant", tenant, "--file", file.toString()).get(0);
        assertThat(run(0, "automation", "list", "--tenant", tenant)).singleElement().asString()
                .startsWith(id + "\tactive\tmanual\tupdate_contact\t0 runs").endsWith("Tag order");

        List<String> ran = run(0, "automation", "run", id, "--contact", "+5511987654321", "--var", "order_id=A-17");
        assertThat(ran).singleElement().asString().contains("\tsucceeded\tupdated: metadata order");
        assertThat(one("SELECT metadata->>'order' FROM contacts WHERE phone = '+5511987654321'")).isEqualTo("A-17");

        JsonNode log = new ObjectMapper().readTree(String.join("\n", run(0, "automation", "runs", id, "--format", "json")));
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(log.get(0).get("variables").at("/trigger/order_id").asText()).isEqualTo("A-17");
        assertThat(log.get(0).get("contact").asText()).isEqualTo("+5511987654321");
        assertThat(run(0, "automation", "list", "--tenant", tenant).get(0)).contains("1 runs, 1 ok, 0 failed");

        // send_message to a contact who never wrote: the run fails with WhatsApp's reason, exit code 1, and can be retried
        Path send = home.resolve("send.json");
        Files.writeString(send, """
                {"name": "Hi", "trigger_type": "manual", "trigger_config": {}, "action_type": "send_message", "action_config": {"text": "hi"}}""");
        String hi = run(0, "automation", "create", "--tenant", tenant, "--file", send.toString()).get(0);
        List<String> failed = run(1, "automation", "run", hi, "--contact", "+5511987654322");
        assertThat(failed.get(0)).contains("\tfailed\t").contains("24-hour window");
        String failedRun = failed.get(0).split("\t")[0];
        assertThat(run(1, "automation", "retry", failedRun).get(0)).contains("failed");
        assertThat(run(0, "automation", "runs", id, "--status", "failed")).isEmpty();
        assertThat(run(0, "automation", "runs", hi, "--status", "failed")).hasSize(2);

        assertThat(run(0, "automation", "status", hi, "inactive").get(0)).contains("\tinactive\t");
        assertThatThrownBy(() -> run(0, "automation", "run", hi, "--contact", "+5511987654322"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("is inactive");
    }

    @Test
    void badFilesAreRefusedWithTheFieldAndNothingIsStored() throws Exception {
        Path file = home.resolve("bad.json");
        Files.writeString(file, """
                {"name": "Daily", "trigger_type": "schedule", "trigger_config": {"cron": "0 25 * * *", "audience": {"kind": "all"}},
                 "action_type": "send_message", "action_config": {"text": "x"}}""");
        assertThatThrownBy(() -> run(0, "automation", "create", "--tenant", tenant, "--file", file.toString()))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("trigger_config.cron:");
        Files.writeString(file, "{\"name\": \"x\",");
        assertThatThrownBy(() -> run(0, "automation", "create", "--tenant", tenant, "--file", file.toString()))
                .hasMessageStartingWith("file: is not JSON");
        assertThat(one("SELECT COUNT(*) FROM automations")).isEqualTo("0");
    }

    @Test
    void recipesTokensAndBusinessHours() throws Exception {
        String away = run(0, "automation", "recipe", "--tenant", tenant, "--name", "away", "--text", "We are closed.").get(0);
        assertThat(one("SELECT trigger_config->>'once_per' FROM automations WHERE id = '" + away + "'")).isEqualTo("conversation_day");
        List<String> token = run(0, "automation", "token", away);
        assertThat(token.get(0)).startsWith("sba_");
        assertThat(one("SELECT api_token_hash FROM automations")).hasSize(64).doesNotContain(token.get(0));
        Path hours = home.resolve("hours.json");
        Files.writeString(hours, "{\"time_zone\": \"America/Sao_Paulo\", \"days\": {\"mon\": [[\"09:00\", \"18:00\"]]}, \"holidays\": [\"2026-12-25\"]}");
        assertThat(run(0, "automation", "hours", "--tenant", tenant, "--file", hours.toString()).get(0))
                .isEqualTo("America/Sao_Paulo, Mon 09:00-18:00, Tue closed, Wed closed, Thu closed, Fri closed, Sat closed, Sun closed, holidays [2026-12-25]");
        assertThat(run(0, "automation", "hours", "--tenant", tenant).get(0)).startsWith("America/Sao_Paulo, Mon 09:00-18:00");
    }
}
