package io.switchboard.app;

import io.switchboard.agent.AgentAdmin;
import io.switchboard.agent.AgentRole;
import io.switchboard.agent.AgentView;
import io.switchboard.agent.NewPassword;
import io.switchboard.config.Settings;
import io.switchboard.db.DatabaseStartup;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code agent add | list | disable | enable | role | password}: team mode's agents, each a PostgreSQL
 * login role (see {@link AgentAdmin}). Run with the owner's credentials (DB_USERNAME, with CREATEROLE)
 * or an admin agent's. A one-time password is printed once, on stdout, and nowhere else.
 */
final class AgentCommand {
    static final String ADD_USAGE = "agent add --name N --login L --tenant ID --role agent|supervisor|admin [--valid-until YYYY-MM-DD]";
    static final String LIST_USAGE = "agent list";
    static final String DISABLE_USAGE = "agent disable --login L";
    static final String ENABLE_USAGE = "agent enable --login L";
    static final String ROLE_USAGE = "agent role --login L --tenant ID --role agent|supervisor|admin|none";
    static final String PASSWORD_USAGE = "agent password --login L [--valid-until YYYY-MM-DD]";

    private AgentCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? args : args.subList(1, args.size());
        switch (sub) {
            case "add" -> {
                Arguments a = Arguments.parse("agent add", rest, Set.of("name", "login", "tenant", "role", "valid-until"));
                String name = a.required("name");
                String login = a.required("login");
                UUID tenant = a.uuid("tenant");
                AgentRole role = AgentRole.parse("role", a.required("role"));
                LocalDate until = date(a, "agent add");
                NewPassword password = admin(settings, admin -> admin.add(name, login, tenant, role, until));
                out.println("Agent " + password.login() + " added as " + role.code() + " of tenant " + tenant + ".");
                printPassword(out, password, until);
            }
            case "list" -> {
                Arguments.parse("agent list", rest, Set.of());
                List<AgentView> agents = admin(settings, AgentAdmin::list);
                for (AgentView a : agents) {
                    String roles = a.roles().isEmpty() ? "no tenant"
                            : a.roles().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().code()).collect(Collectors.joining(","));
                    out.println(String.join("\t", a.login(), a.status().code(), a.canLogIn() ? "login" : "no-login",
                            a.passwordValidUntil() == null ? "-" : a.passwordValidUntil().toLocalDate().minusDays(1).toString(), roles, a.displayName()));
                }
            }
            case "disable" -> {
                String login = Arguments.parse("agent disable", rest, Set.of("login")).required("login");
                admin(settings, admin -> {
                    admin.disable(login);
                    return null;
                });
                out.println("Agent " + login + " disabled: they can no longer sign in and see nothing.");
            }
            case "enable" -> {
                String login = Arguments.parse("agent enable", rest, Set.of("login")).required("login");
                admin(settings, admin -> {
                    admin.enable(login);
                    return null;
                });
                out.println("Agent " + login + " enabled.");
            }
            case "role" -> {
                Arguments a = Arguments.parse("agent role", rest, Set.of("login", "tenant", "role"));
                String login = a.required("login");
                UUID tenant = a.uuid("tenant");
                String value = a.required("role");
                AgentRole role = value.equalsIgnoreCase("none") ? null : AgentRole.parse("role", value);
                admin(settings, admin -> {
                    admin.setRole(login, tenant, role);
                    return null;
                });
                out.println(role == null ? "Agent " + login + " removed from tenant " + tenant + "."
                        : "Agent " + login + " is " + role.code() + " of tenant " + tenant + ".");
            }
            case "password" -> {
                Arguments a = Arguments.parse("agent password", rest, Set.of("login", "valid-until"));
                String login = a.required("login");
                LocalDate until = date(a, "agent password");
                NewPassword password = admin(settings, admin -> admin.resetPassword(login, until));
                out.println("New password for " + password.login() + " (the old one no longer works).");
                printPassword(out, password, until);
            }
            default -> throw new UsageException("agent: expected \"add\", \"list\", \"disable\", \"enable\", \"role\" or \"password\" (see --help)");
        }
        return Main.OK;
    }

    private static void printPassword(PrintStream out, NewPassword password, LocalDate until) {
        out.println("One-time password (shown only now; hand it over privately): " + password.password());
        out.println(until == null ? "It does not expire." : "It is valid through " + until + " (UTC).");
    }

    private static LocalDate date(Arguments a, String command) {
        String value = a.optional("valid-until").orElse(null);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(command + ": --valid-until must be a date like 2026-12-31, not \"" + value + "\"");
        }
    }

    private static <T> T admin(Settings settings, java.util.function.Function<AgentAdmin, T> work) {
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            return work.apply(new AgentAdmin(running.database()));
        }
    }
}
