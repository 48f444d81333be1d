package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.Settings;
import io.switchboard.config.Variable;
import io.switchboard.db.Database;
import io.switchboard.db.Migrations;
import io.switchboard.testing.GuideDataSet;
import io.switchboard.testing.GuideQueries;
import io.switchboard.testing.Rows;
import io.switchboard.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: what it prints, and its exit codes 0 (done), 1 (failed, one line says why), 2 (usage). */
class MainTest {
    @TempDir
    Path folder;
    private final Map<String, String> environment = new HashMap<>();

    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    @Test
    void helpListsEveryCommandAndEveryVariableWithItsDefault() {
        Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        for (Commands.Command command : Commands.ALL) {
            assertThat(result.out()).contains(command.usage()).contains(command.summary());
        }
        List<String> lines = result.out().lines().toList();
        for (Variable variable : Variable.values()) {
            String shownDefault = variable.defaultValue().isEmpty() ? "(unset)" : variable.defaultValue();
            assertThat(lines).as(variable.name()).anySatisfy(line -> assertThat(line)
                    .contains(variable.name()).contains("default " + shownDefault).contains(variable.description()));
        }
        assertThat(result.out()).contains("DB_PORT", "default 5432", "default whatsapp_user", "default whatsapp_autonation");
    }

    @Test
    void versionPrintsTheVersion() {
        Result result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(Version.describe() + System.lineSeparator());
    }

    @Test
    void anUnknownCommandIsOneLineAndExitCode2() {
        Result result = run("frobnicate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("switchboard: unknown command \"frobnicate\" (see --help)");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void badOptionsAreOneLineAndExitCode2() {
        assertThat(run("migrate", "--force").errLines()).containsExactly("switchboard: migrate: unknown option --force (see --help)");
        assertThat(run("migrate", "--force").exitCode()).isEqualTo(2);
        assertThat(run("tenant", "create")).isEqualTo(new Result(2, "", "switchboard: tenant create: missing --name" + System.lineSeparator()));
        assertThat(run("tenant", "create", "--name")).isEqualTo(new Result(2, "", "switchboard: tenant create: option --name needs a value"
                + System.lineSeparator()));
        assertThat(run("tenant", "create", "Acme").exitCode()).isEqualTo(2);
        assertThat(run("tenant").exitCode()).isEqualTo(2);
    }

    @Test
    void migrateBringsAnExternalDatabaseGivenByDbVariablesToTheCurrentSchema() {
        String database = TestDatabase.emptyDatabase().database();
        externalDatabase(database);

        Result result = run("migrate");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("Database 127.0.0.1:" + TestDatabase.server().getPort() + "/" + database + " is at the current schema."
                + System.lineSeparator());
        try (Database db = Database.connect(TestDatabase.superuserTarget(database), 2, "test")) {
            assertThat(new Migrations(db.dataSource()).pendingVersions()).isEmpty();
            // ... and the guide's own SQL runs on it unchanged.
            GuideDataSet.insertInto(db.dataSource(), 11L);
            assertThat(Rows.query(db.dataSource(), GuideQueries.byTitle("advanced-queries.sql").get("Get message delivery statistics by tenant")))
                    .hasSize(4);
        }
        assertThat(run("migrate").exitCode()).as("migrating again").isZero();
    }

    @Test
    void tenantCreatePrintsTheNewTenantsIdAndTenantListShowsIt() {
        String database = TestDatabase.migratedDatabase().database();
        externalDatabase(database);

        Result created = run("tenant", "create", "--name", "Acme Corp");

        assertThat(created.exitCode()).isZero();
        assertThat(created.err()).isEmpty();
        UUID id = UUID.fromString(created.out().strip());
        assertThat(created.out()).isEqualTo(id + System.lineSeparator());
        Result listed = run("tenant", "list");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).isEqualTo(id + "\tactive\tAcme Corp" + System.lineSeparator());
    }

    @Test
    void anEmptyTenantNameIsOneLineNamingTheFieldAndExitCode1() {
        externalDatabase(TestDatabase.migratedDatabase().database());

        Result result = run("tenant", "create", "--name", "  ");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("switchboard: name: must not be empty");
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutStackTraceAndExitCode1() throws IOException {
        environment.put("DB_HOST", "127.0.0.1");
        environment.put("DB_PORT", Integer.toString(closedPort()));

        Result result = run("migrate");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("switchboard: Connection refused by PostgreSQL at 127.0.0.1:" + environment.get("DB_PORT"))
                .contains("DB_HOST and DB_PORT")
                .doesNotContain("Exception");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aMissingExplicitEnvFileIsOneLineAndExitCode1() {
        environment.put("SWITCHBOARD_ENV_FILE", folder.resolve("missing.env").toString());

        Result result = run("migrate");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString().startsWith("switchboard: ").contains("missing.env", "SWITCHBOARD_ENV_FILE");
    }

    private void externalDatabase(String database) {
        environment.put("DB_HOST", "127.0.0.1");
        environment.put("DB_PORT", Integer.toString(TestDatabase.server().getPort()));
        environment.put("DB_USERNAME", "postgres");
        environment.put("DB_NAME", database);
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("SWITCHBOARD_HOME", folder.toString());
        int code = Main.run(List.of(args), () -> Settings.load(env, folder, "Linux", folder.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
