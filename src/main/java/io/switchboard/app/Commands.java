package io.switchboard.app;

import io.switchboard.config.Settings;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantView;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** The commands of the entry point. Each one opens what it needs and closes it before returning. */
final class Commands {

    record Command(String name, String usage, String summary, Handler handler) {
    }

    @FunctionalInterface
    interface Handler {
        int run(List<String> args, Settings settings, PrintStream out);
    }

    static final List<Command> ALL = List.of(
            new Command("ui", "(no command) | ui", "Open the window (the default)", Commands::ui),
            new Command("migrate", "migrate", "Apply pending database migrations and exit", Commands::migrate),
            new Command("tenant", "tenant create --name NAME", "Create a tenant and print its id", Commands::tenant),
            new Command("tenant", "tenant list", "List tenants: id, status, name", Commands::tenant),
            new Command("serve", "serve [--port P]", "Receive webhooks and run all workers until SIGTERM/SIGINT (port default " + Serve.DEFAULT_PORT + ")", Serve::run),
            new Command("send", SendCommand.TEXT_USAGE, "Queue a text message and print its id", SendCommand::run),
            new Command("send", SendCommand.TEMPLATE_USAGE, "Queue a template message and print its id", SendCommand::run));

    private Commands() {
    }

    static int dispatch(String name, List<String> args, Settings settings, PrintStream out) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("unknown command \"" + name + "\" (see --help)"))
                .handler().run(args, settings, out);
    }

    private static int ui(List<String> args, Settings settings, PrintStream out) {
        Arguments.parse("ui", args, Set.of());
        io.switchboard.ui.DesktopApp.launch(settings);
        return Main.OK;
    }

    private static int migrate(List<String> args, Settings settings, PrintStream out) {
        Arguments.parse("migrate", args, Set.of());
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.MIGRATE_ONLY, 2)) {
            out.println("Database " + running.database().target().describe() + " is at the current schema.");
        }
        return Main.OK;
    }

    private static int tenant(List<String> args, Settings settings, PrintStream out) {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? args : args.subList(1, args.size());
        switch (sub) {
            case "create" -> {
                String name = Arguments.parse("tenant create", rest, Set.of("name")).required("name");
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    out.println(new TenantService(running.database()).create(name).id());
                }
            }
            case "list" -> {
                Arguments.parse("tenant list", rest, Set.of());
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    for (TenantView t : new TenantService(running.database()).list()) {
                        out.println(t.id() + "\t" + t.status().code() + "\t" + t.name());
                    }
                }
            }
            default -> throw new UsageException("tenant: expected \"create\" or \"list\" (see --help)");
        }
        return Main.OK;
    }
}
