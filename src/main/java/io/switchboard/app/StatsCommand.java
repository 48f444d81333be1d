package io.switchboard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.ValidationException;
import io.switchboard.config.Settings;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.stats.StatsRange;
import io.switchboard.stats.StatsService;
import io.switchboard.stats.StatsTable;
import io.switchboard.stats.StatsTables;
import io.switchboard.db.ReadReplica;
import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code stats}: the Stats view's figures for scripts, through the same StatsService report and tables. */
final class StatsCommand {
    static final String USAGE = "stats --tenant ID|all [--from DATE] [--to DATE] [--by day|hour|number|template|campaign|agent|error|response]"
            + " [--format table|csv|json]";
    static final String RECONCILE_USAGE = "stats reconcile --tenant ID [--from DATE] [--to DATE] [--by number|template] [--format table|csv|json]";

    private StatsCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        if (!args.isEmpty() && args.get(0).equals("reconcile")) {
            return reconcile(args.subList(1, args.size()), settings, out);
        }
        Arguments a = Arguments.parse("stats", args, Set.of("tenant", "from", "to", "by", "format"));
        String tenantText = a.required("tenant");
        UUID tenant = tenantText.equalsIgnoreCase("all") ? null : a.uuid("tenant");
        StatsTables.By by = a.optional("by").map(StatsTables.By::parse).orElse(StatsTables.By.SUMMARY);
        String format = a.optional("format").orElse("table");
        if (!Set.of("table", "csv", "json").contains(format)) {
            throw new ValidationException("format", "must be table, csv or json (not \"" + format + "\")");
        }
        LocalDate from = a.optional("from").map(v -> date("from", v)).orElse(null);
        LocalDate to = a.optional("to").map(v -> date("to", v)).orElse(null);
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            io.switchboard.db.ReadRouting reads = ReadReplica.routing(settings, running.database(), 2);
            StatsService stats = new StatsService(running.database(), reads);
            reads.status().note().ifPresent(System.err::println);
            ZoneId zone = tenant == null ? ZoneId.of("UTC") : stats.zoneOf(tenant);
            LocalDate today = LocalDate.now(Clock.system(zone));
            LocalDate end = to != null ? to : today;
            StatsRange range = new StatsRange(from != null ? from : end.minusDays(29), end);
            StatsTable table = by == StatsTables.By.AGENT ? stats.byAgent(tenant, range).table() : StatsTables.of(stats.report(tenant, range), by);
            switch (format) {
                case "csv" -> out.print(table.csv());
                case "json" -> {
                    ObjectMapper json = new ObjectMapper();
                    out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(table.json(json)));
                }
                default -> out.print(table.text());
            }
            reads.close();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the stats table could not be written as JSON", e);
        }
        return Main.OK;
    }

    /**
     * {@code stats reconcile}: our sent and delivered per number and UTC day next to Meta's analytics (default: the last 7 UTC
     * days). Exit code 0 when the report was made, whatever it found; differences are in the rows, problems on stderr.
     */
    private static int reconcile(List<String> args, Settings settings, PrintStream out) {
        Arguments a = Arguments.parse("stats reconcile", args, Set.of("tenant", "from", "to", "by", "format"));
        UUID tenant = a.uuid("tenant");
        String by = a.optional("by").orElse("number");
        if (!Set.of("number", "template").contains(by)) {
            throw new ValidationException("by", "must be number or template (not \"" + by + "\")");
        }
        String format = a.optional("format").orElse("table");
        if (!Set.of("table", "csv", "json").contains(format)) {
            throw new ValidationException("format", "must be table, csv or json (not \"" + format + "\")");
        }
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate to = a.optional("to").map(v -> date("to", v)).orElse(today);
        LocalDate from = a.optional("from").map(v -> date("from", v)).orElse(to.minusDays(6));
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            io.switchboard.db.ReadRouting reads = ReadReplica.routing(settings, running.database(), 2);
            try {
                var accounts = new io.switchboard.channel.whatsapp.WhatsAppAccountService(running.database(), io.switchboard.config.SecretBox.fromSettings(settings));
                if (by.equals("template")) {
                    var templates = new io.switchboard.stats.TemplateReconciliation(reads, accounts, new io.switchboard.stats.MetaTemplateAnalytics(
                            new io.switchboard.channel.whatsapp.CloudApiClient(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30))),
                            Clock.systemUTC());
                    io.switchboard.stats.TemplateReconcileReport report = templates.reconcile(tenant, from, to);
                    report.problems().forEach(p -> System.err.println("Not reconciled: " + p));
                    print(out, format, report.table(), report.method(), report.flaggedCount(), report.problems(), report.agrees());
                    return Main.OK;
                }
                var reconciliation = new io.switchboard.stats.MetaReconciliation(reads, accounts,
                        new io.switchboard.stats.MetaAnalytics(new io.switchboard.channel.whatsapp.CloudApiClient(java.time.Duration.ofSeconds(10),
                                java.time.Duration.ofSeconds(30))), Clock.systemUTC());
                io.switchboard.stats.ReconcileReport report = reconciliation.reconcile(tenant, from, to);
                report.problems().forEach(p -> System.err.println("Not reconciled: " + p));
                print(out, format, report.table(), report.method(), report.flaggedCount(), report.problems(), report.agrees());
            } finally {
                reads.close();
            }
        }
        return Main.OK;
    }

    /** A reconciliation in the chosen format (both kinds print alike). */
    private static void print(PrintStream out, String format, StatsTable table, String method, long flagged, List<String> problems, boolean agrees) {
        switch (format) {
            case "csv" -> out.print(table.csv());
            case "json" -> {
                ObjectMapper json = new ObjectMapper();
                var root = table.json(json);
                root.put("method", method);
                root.put("flagged", flagged);
                var list = root.putArray("problems");
                problems.forEach(list::add);
                try {
                    out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("the reconciliation could not be written as JSON", e);
                }
            }
            default -> {
                out.print(table.text());
                out.println(agrees ? "Every day agrees with Meta." : flagged + " row(s) differ by more than 1 %.");
            }
        }
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be a date like 2026-01-31 (not \"" + value + "\")");
        }
    }
}
