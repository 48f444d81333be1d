package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * `agent add` prints a one-time password once; with it, the same commands (and so the desktop's
 * services, Hibernate included) run as that agent and see their tenant only.
 */
class AgentCommandTest {
    private final CommandLineDatabase database = new CommandLineDatabase(false);
    private final String login = "cli_" + ProcessHandle.current().pid() + "_" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anAgentAddedOnTheCommandLineSignsInWithTheOneTimePasswordAndSeesOnlyTheirTenant() {
        UUID acme = database.tenant("Acme");
        database.tenant("Globex");

        Result added = run(List.of("agent", "add", "--name", "Alice Martin", "--login", login, "--tenant", acme.toString(), "--role", "supervisor"));
        assertThat(added.code).isEqualTo(Main.OK);
        assertThat(added.out.get(0)).isEqualTo("Agent " + login + " added as supervisor of tenant " + acme + ".");
        Matcher m = Pattern.compile("One-time password \\(shown only now; hand it over privately\\): (\\S{20})").matcher(added.out.get(1));
        assertThat(m.matches()).as(added.out.get(1)).isTrue();
        assertThat(added.out.get(2)).isEqualTo("It does not expire.");

        Result list = run(List.of("agent", "list"));
        assertThat(list.out).anySatisfy(line -> assertThat(line).isEqualTo(login + "\tactive\tlogin\t-\t" + acme + "=supervisor\tAlice Martin"));

        database.environment.put("DB_USERNAME", login);
        database.environment.put("DB_PASSWORD", m.group(1));
        Result asAgent = run(List.of("tenant", "list"));
        assertThat(asAgent.code).as(String.join("\n", asAgent.err)).isEqualTo(Main.OK);
        assertThat(asAgent.out).singleElement().satisfies(line -> assertThat(line).startsWith(acme + "\t").endsWith("\tAcme"));

        Result refused = run(List.of("agent", "add", "--name", "Mallory", "--login", login + "_x", "--tenant", acme.toString(), "--role", "admin"));
        assertThat(refused.code).isEqualTo(Main.FAILED);
        assertThat(refused.err).containsExactly("switchboard: The database role " + login + " may not create or change login roles: it needs the CREATEROLE"
                + " privilege (a superuser grants it with ALTER ROLE " + login + " CREATEROLE). Nothing was changed.");
    }

    @Test
    void badInputIsOneLineNamingTheOption() {
        UUID acme = database.tenant("Acme");
        Result role = run(List.of("agent", "add", "--name", "A", "--login", login, "--tenant", acme.toString(), "--role", "boss"));
        assertThat(role.code).isEqualTo(Main.FAILED);
        assertThat(role.err).containsExactly("switchboard: role: must be one of agent, supervisor, admin, not \"boss\"");
        Result date = run(List.of("agent", "password", "--login", login, "--valid-until", "tomorrow"));
        assertThat(date.code).isEqualTo(Main.USAGE);
        assertThat(date.err).containsExactly("switchboard: agent password: --valid-until must be a date like 2026-12-31, not \"tomorrow\"");
        Result unknown = run(List.of("agent", "disable", "--login", "nobody_here"));
        assertThat(unknown.err).containsExactly("switchboard: login: no agent with the login \"nobody_here\" (or not one of your tenants')");
        assertThat(database.one("SELECT count(*)::text FROM agents")).isEqualTo("0");
    }

    private Result run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, database::settings, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                new ArrayList<>(err.toString(StandardCharsets.UTF_8).lines().toList()));
    }

    private record Result(int code, List<String> out, List<String> err) {
    }
}
