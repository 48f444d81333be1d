package io.switchboard.app;

import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppAccountView;
import io.switchboard.channel.whatsapp.WhatsAppConnection;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantUpdate;
import io.switchboard.tenant.TenantView;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** The commands of the entry point. Each one opens what it needs and closes it before returning. */
final class Commands {

    record Command(String name, String usage, String summary, Handler handler) {
        /** A command that has nothing to say on stderr beyond its failure (which Main prints). */
        Command(String name, String usage, String summary, OutputOnly handler) {
            this(name, usage, summary, (args, settings, out, err) -> handler.run(args, settings, out));
        }
    }

    @FunctionalInterface
    interface Handler {
        int run(List<String> args, Settings settings, PrintStream out, PrintStream err);
    }

    @FunctionalInterface
    interface OutputOnly {
        int run(List<String> args, Settings settings, PrintStream out);
    }

    /** How long a signalled window may take to save and close before the process ends anyway. */
    private static final long QUIT_GRACE_MILLIS = 20_000;

    static final List<Command> ALL = List.of(
            new Command("ui", "(no command) | ui", "Open the window (the default)", Commands::ui),
            new Command("migrate", "migrate", "Apply pending database migrations and exit", Commands::migrate),
            new Command("tenant", "tenant create --name NAME [--default-country CC] [--allow-duplicate]",
                    "Create a tenant and print its id; CC (e.g. BR) is how phone numbers without \"+\" are read", Commands::tenant),
            new Command("tenant", "tenant update --tenant ID [--name NAME] [--default-country CC|none] [--allow-duplicate]",
                    "Rename a tenant or set its default country", Commands::tenant),
            new Command("tenant", "tenant list", "List tenants: id, status, name", Commands::tenant),
            new Command("serve", "serve [--port P]", "Receive webhooks and run all workers until SIGTERM/SIGINT (port default " + Serve.DEFAULT_PORT + ")", Serve::run),
            new Command("send", SendCommand.TEXT_USAGE, "Queue a text message and print its id", SendCommand::run),
            new Command("send", SendCommand.TEMPLATE_USAGE, "Queue a template message and print its id", SendCommand::run),
            new Command("send", SendCommand.FILE_USAGE, "Queue a file (photo, document, audio, video) and print its id; checked against WhatsApp's types and limits", SendCommand::run),
            new Command("whatsapp", "whatsapp connect --tenant ID --phone-number-id P --access-token T --app-secret S --verify-token V"
                    + " [--display-phone D] [--waba-id W] [--api-base-url URL] [--rate N]",
                    "Connect a WhatsApp Cloud API number to a tenant (secrets encrypted; printed masked); prints the account id",
                    Commands::whatsapp),
            new Command("template", TemplateCommand.SYNC_USAGE, "Bring the tenant's message templates from Meta (all-or-nothing)", TemplateCommand::run),
            new Command("template", TemplateCommand.LIST_USAGE, "List the tenant's templates: name, language, status, Meta's status, category, quality", TemplateCommand::run),
            new Command("template", TemplateCommand.SUBMIT_USAGE, "Submit a template (Meta's creation JSON) for review; prints its id", TemplateCommand::run),
            new Command("template", TemplateCommand.EDIT_USAGE, "Edit an approved, rejected or paused template (same JSON; it goes back to review)", TemplateCommand::run),
            new Command("template", TemplateCommand.DELETE_USAGE, "Delete a template at Meta (every language)", TemplateCommand::run),
            new Command("campaign", CampaignCommand.CREATE_USAGE, "Create a campaign (a template to an audience) and print its id", CampaignCommand::run),
            new Command("campaign", CampaignCommand.MOVE_USAGE, "Start, pause, resume or cancel a campaign", CampaignCommand::run),
            new Command("campaign", CampaignCommand.STATUS_USAGE, "Print a campaign's live funnel", CampaignCommand::run),
            new Command("campaign", CampaignCommand.LIST_USAGE, "List a tenant's campaigns: status, progress, counts", CampaignCommand::run),
            new Command("campaign", CampaignCommand.CONTACTS_USAGE, "List (or write as CSV) the contacts behind a funnel number", CampaignCommand::run),
            new Command("campaign", CampaignCommand.RETARGET_USAGE, "Create a draft to a campaign's failed, unread or not-replied recipients", CampaignCommand::run),
            new Command("agent", AgentCommand.ADD_USAGE, "Add an agent: a PostgreSQL login role with a one-time password (printed once); needs CREATEROLE", AgentCommand::run),
            new Command("agent", AgentCommand.LIST_USAGE, "List agents: login, status, login allowed, password valid through, tenant=role, name", AgentCommand::run),
            new Command("agent", AgentCommand.DISABLE_USAGE, "Disable an agent: no sign-in, no rows visible", AgentCommand::run),
            new Command("agent", AgentCommand.ENABLE_USAGE, "Enable a disabled agent again", AgentCommand::run),
            new Command("agent", AgentCommand.ROLE_USAGE, "Set an agent's role in a tenant (none: remove them from it)", AgentCommand::run),
            new Command("agent", AgentCommand.PASSWORD_USAGE, "Give an agent a new one-time password (printed once)", AgentCommand::run),
            new Command("stats", StatsCommand.USAGE, "Print the Stats view's figures for a tenant (default: the last 30 days, summary)",
                    StatsCommand::run),
            new Command("automation", AutomationCommand.CREATE_USAGE, "Create an automation from the guide's fields in JSON (see Automations); prints its id",
                    AutomationCommand::run),
            new Command("automation", AutomationCommand.LIST_USAGE, "List the tenant's automations: id, status, trigger, action, counts, last run, name",
                    AutomationCommand::run),
            new Command("automation", AutomationCommand.RUN_USAGE, "Run an automation now for contacts, with {{trigger.KEY}} variables; prints each run's outcome",
                    AutomationCommand::run),
            new Command("automation", AutomationCommand.RUNS_USAGE, "Print an automation's run log, newest first (S: succeeded, failed, skipped, pending, running)",
                    AutomationCommand::run),
            new Command("automation", AutomationCommand.RETRY_USAGE, "Run a failed run again (a new run; the failed one stays in the log)", AutomationCommand::run),
            new Command("automation", AutomationCommand.STATUS_USAGE, "Switch an automation on, off or to paused", AutomationCommand::run),
            new Command("automation", AutomationCommand.TOKEN_USAGE, "Issue the bearer token of an API automation (shown once, stored hashed)",
                    AutomationCommand::run),
            new Command("automation", AutomationCommand.RECIPE_USAGE, "Enable a ready-made automation; prints its id", AutomationCommand::run),
            new Command("automation", AutomationCommand.HOURS_USAGE, "Show, or set from JSON, the tenant's business hours", AutomationCommand::run),
            new Command("media", MediaCommand.USAGE_USAGE, "Print the tenant's stored media (files, bytes) against its storage cap", MediaCommand::run),
            new Command("media", MediaCommand.CAP_USAGE, "Set the tenant's media storage cap (new files past it are refused; nothing is deleted)",
                    MediaCommand::run),
            new Command("stats", StatsCommand.RECONCILE_USAGE,
                    "Compare the tenant's sent and delivered per number (or sent, delivered, read per template) and UTC day with Meta's analytics (default: the last 7 days); differences flagged with their reason",
                    StatsCommand::run),
            new Command("demo-data", "demo-data --tenant ID [--conversations N] [--messages M]",
                    "Fill a tenant with a realistic demo inbox via COPY (default 1,000 conversations, 10,000 messages)", Commands::demoData),
            new Command("backup", BackupCommands.BACKUP_USAGE,
                    "Write one consistent snapshot of every table into FILE (a .sbk file; embedded or external database, no pg_dump needed)",
                    BackupCommands::backup),
            new Command("restore", BackupCommands.RESTORE_USAGE,
                    "Load a backup FILE into an empty database (or a fresh data folder), same ids, then migrate it to this version",
                    BackupCommands::restore));

    private Commands() {
    }

    static int dispatch(String name, List<String> args, Settings settings, PrintStream out) {
        return dispatch(name, args, settings, out, System.err);
    }

    static int dispatch(String name, List<String> args, Settings settings, PrintStream out, PrintStream err) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("unknown command \"" + name + "\" (see --help)"))
                .handler().run(args, settings, out, err);
    }

    private static int ui(List<String> args, Settings settings, PrintStream out) {
        Arguments.parse("ui", args, Set.of());
        // SIGTERM or Ctrl+C quits like the close button: without this the JVM's shutdown stops JavaFX's
        // renderer while the FX thread still paints (a RejectedExecutionException trace) and the
        // embedded database is left running.
        ShutdownSignals.onTermOrInt(() -> {
            io.switchboard.ui.DesktopApp.quit();
            Thread deadline = new Thread(() -> {
                try {
                    Thread.sleep(QUIT_GRACE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.exit(Main.OK);
            }, "switchboard-quit-deadline");
            deadline.setDaemon(true);
            deadline.start();
        });
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
                Arguments a = Arguments.parse("tenant create", rest, Set.of("name", "default-country"), Set.of("allow-duplicate"));
                String name = a.required("name");
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    out.println(new TenantService(running.database()).create(name, a.optional("default-country").orElse(null), a.flag("allow-duplicate")).id());
                }
            }
            case "update" -> {
                Arguments a = Arguments.parse("tenant update", rest, Set.of("tenant", "name", "default-country"), Set.of("allow-duplicate"));
                java.util.UUID id = a.uuid("tenant");
                String country = a.optional("default-country").map(c -> c.equalsIgnoreCase("none") ? "" : c).orElse(null);
                if (a.optional("name").isEmpty() && country == null) {
                    throw new UsageException("tenant update: give --name and/or --default-country (see --help)");
                }
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    TenantView t = new TenantService(running.database()).update(id, new TenantUpdate(a.optional("name").orElse(null), country,
                            a.flag("allow-duplicate")));
                    out.println(t.id() + "\t" + t.status().code() + "\t" + (t.defaultCountry() == null ? "-" : t.defaultCountry()) + "\t" + t.name());
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
            default -> throw new UsageException("tenant: expected \"create\", \"update\" or \"list\" (see --help)");
        }
        return Main.OK;
    }

    private static int whatsapp(List<String> args, Settings settings, PrintStream out) {
        String sub = args.isEmpty() ? "" : args.get(0);
        if (!sub.equals("connect")) {
            throw new UsageException("whatsapp: expected \"connect\" (see --help)");
        }
        Arguments a = Arguments.parse("whatsapp connect", args.subList(1, args.size()), Set.of("tenant", "phone-number-id",
                "access-token", "app-secret", "verify-token", "display-phone", "waba-id", "api-base-url", "rate"));
        java.util.UUID tenant = a.uuid("tenant");
        WhatsAppConnection fields = new WhatsAppConnection(a.required("phone-number-id"), a.required("access-token"),
                a.required("app-secret"), a.required("verify-token"), a.optional("display-phone").orElse(null),
                a.optional("waba-id").orElse(null), a.optional("api-base-url").orElse(null),
                a.integer("rate", WhatsAppAccountService.DEFAULT_RATE_PER_SECOND, WhatsAppAccountService.RATE_MIN, WhatsAppAccountService.RATE_MAX));
        SecretBox secrets = SecretBox.fromSettings(settings);
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            WhatsAppAccountView account = new WhatsAppAccountService(running.database(), secrets).connect(tenant, fields);
            out.println(account.id());
            out.println("  tenant           " + account.tenantId());
            out.println("  phone_number_id  " + account.phoneNumberId());
            out.println("  display_phone    " + (account.displayPhone() == null ? "-" : account.displayPhone()));
            out.println("  waba_id          " + (account.wabaId() == null ? "-" : account.wabaId()));
            out.println("  api_base_url     " + account.apiBaseUrl());
            out.println("  rate             " + account.ratePerSecond() + " messages/s");
            out.println("  access_token     " + account.accessTokenMasked());
            out.println("  app_secret       " + account.appSecretMasked());
            out.println("  verify_token     " + account.verifyTokenMasked());
            if (account.wabaId() != null) {
                // a number just connected: its templates come along (a failure here does not undo the connection)
                try {
                    out.println("  templates        " + TemplateCommand.sync(running.database(), settings).sync(tenant).summary());
                } catch (RuntimeException e) {
                    out.println("  templates        not synced: " + e.getMessage() + " (retry with `template sync --tenant " + tenant + "`)");
                }
            }
        }
        return Main.OK;
    }

    private static int demoData(List<String> args, Settings settings, PrintStream out) {
        Arguments a = Arguments.parse("demo-data", args, Set.of("tenant", "conversations", "messages"));
        java.util.UUID tenant = a.uuid("tenant");
        int conversations = a.integer("conversations", 1_000, 1, 10_000_000);
        int messages = a.integer("messages", Math.max(conversations, 10_000), conversations, Integer.MAX_VALUE);
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            var result = new io.switchboard.demo.DemoData(running.database()).fill(tenant, conversations, messages, System.nanoTime());
            out.printf("Wrote %,d contacts, %,d conversations, %,d messages and %,d status events in %.1f s (messages: %.1f s)%n",
                    result.contacts(), result.conversations(), result.messages(), result.statuses(), result.millis() / 1000.0,
                    result.messagesMillis() / 1000.0);
        }
        return Main.OK;
    }
}
