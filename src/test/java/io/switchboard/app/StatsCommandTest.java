package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatsCommandTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(false);
    private UUID tenant;
    private final String today = LocalDate.now(ZoneOffset.UTC).toString();

    @BeforeEach
    void history() {
        tenant = cli.tenant("Acme");
        String contact = cli.one("INSERT INTO contacts (tenant_id, phone) VALUES (?, '+15550001111') RETURNING id", tenant);
        String conversation = cli.one("INSERT INTO conversations (tenant_id, contact_id) VALUES (?, ?::uuid) RETURNING id", tenant, contact);
        String insert = "INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, sent_at, delivered_at, read_at,"
                + " failed_at, error_code) SELECT ?, ?::uuid, ?::uuid, 'outbound', 'text', 'x', ?, n, %s, %s, %s, ? FROM (SELECT NOW() AT TIME ZONE 'UTC' AS n) t";
        cli.execute(insert.formatted("n", "n", "NULL"), tenant, conversation, contact, "read", null);
        cli.execute(insert.formatted("n", "NULL", "NULL"), tenant, conversation, contact, "delivered", null);
        cli.execute(insert.formatted("NULL", "NULL", "n"), tenant, conversation, contact, "failed", "131026");
    }

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void theSummaryTableGivesTheDeliveryFigures() {
        String out = run("stats", "--tenant", tenant.toString());

        assertThat(out).containsPattern("(?m)^sent +3$").containsPattern("(?m)^delivered +2$").containsPattern("(?m)^read +1$")
                .containsPattern("(?m)^failed +1$").containsPattern("(?m)^delivery rate +66\\.7 %$").containsPattern("(?m)^read rate +50\\.0 %$");
    }

    @Test
    void byDayAsCsvAndByErrorAsJson() throws Exception {
        String csv = run("stats", "--tenant", tenant.toString(), "--from", today, "--to", today, "--by", "day", "--format", "csv");
        assertThat(csv.split("\r\n")).containsExactly("day,inbound,outbound,new_conversations,sent,delivered,read,failed",
                today + ",0,3,1,3,2,1,1");

        JsonNode json = new ObjectMapper().readTree(run("stats", "--tenant", tenant.toString(), "--by", "error", "--format", "json"));
        assertThat(json.path("rows")).hasSize(1);
        assertThat(json.path("rows").path(0).path("code").asText()).isEqualTo("131026");
        assertThat(json.path("rows").path(0).path("count").asLong()).isEqualTo(1);
        assertThat(json.path("rows").path(0).path("share").asText()).isEqualTo("100.0 %");
    }

    @Test
    void byAgentPrintsTheTabsFiguresPerAgent() {
        String ann = cli.one("INSERT INTO agents (login, display_name) VALUES ('ann_cli', 'Ann') RETURNING id");
        cli.execute("INSERT INTO agent_tenants (agent_id, tenant_id, role) VALUES (?::uuid, ?, 'agent')", ann, tenant);
        cli.execute("UPDATE messages SET sent_by_agent_id = ?::uuid WHERE tenant_id = ? AND status = 'read'", ann, tenant);

        String csv = run("stats", "--tenant", tenant.toString(), "--from", today, "--to", today, "--by", "agent", "--format", "csv");

        assertThat(csv.split("\r\n")).containsExactly(String.join(",", io.switchboard.stats.AgentReport.COLUMNS),
                "Ann," + ann + ",1,1,1,1,0,0,,,0,,", "unattributed,,2,2,1,0,1,0,,,0,,");
    }

    @Test
    void allTenantsAndBadInput() {
        assertThat(run("stats", "--tenant", "all", "--by", "number")).contains("all tenants");
        assertThatThrownBy(() -> run("stats", "--tenant", tenant.toString(), "--by", "weekday"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("by: must be one of");
        assertThatThrownBy(() -> run("stats", "--tenant", tenant.toString(), "--from", "31.01.2026"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("from: must be a date");
        assertThatThrownBy(() -> run("stats", "--tenant", UUID.randomUUID().toString()))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("tenant:");
    }

    private String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> all = List.of(args);
        int code = Commands.dispatch(all.get(0), all.subList(1, all.size()), cli.settings(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Main.OK);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
