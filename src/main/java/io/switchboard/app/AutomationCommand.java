package io.switchboard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.automation.AutomationDraft;
import io.switchboard.automation.AutomationEngine;
import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.automation.BusinessHours;
import io.switchboard.automation.BusinessHoursService;
import io.switchboard.automation.Recipes;
import io.switchboard.automation.RunView;
import io.switchboard.common.ValidationException;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.db.DatabaseStartup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code automation create | list | run | runs | retry | status | token | recipe | hours}: a tenant's automations from
 * scripts, through the same AutomationService the window uses.
 */
final class AutomationCommand {
    static final String CREATE_USAGE = "automation create --tenant ID --file A.json";
    static final String LIST_USAGE = "automation list --tenant ID";
    static final String RUN_USAGE = "automation run ID [--contact PHONE]... [--var KEY=VALUE]...";
    static final String RUNS_USAGE = "automation runs ID [--status S] [--limit N] [--format table|json]";
    static final String RETRY_USAGE = "automation retry RUN_ID";
    static final String STATUS_USAGE = "automation status ID active|inactive|paused";
    static final String TOKEN_USAGE = "automation token ID";
    static final String RECIPE_USAGE = "automation recipe --tenant ID --name greeting|away|stop|failed-alert [--text TEXT_OR_URL]";
    static final String HOURS_USAGE = "automation hours --tenant ID [--file H.json]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AutomationCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? args : args.subList(1, args.size());
        switch (sub) {
            case "create" -> {
                Arguments a = Arguments.parse("automation create", rest, Set.of("tenant", "file"));
                UUID tenant = a.uuid("tenant");
                AutomationDraft draft = AutomationDraft.fromJson(read(a.required("file")));
                try (var running = start(settings)) {
                    out.println(service(running, settings).create(tenant, draft).id());
                }
            }
            case "list" -> {
                UUID tenant = Arguments.parse("automation list", rest, Set.of("tenant")).uuid("tenant");
                try (var running = start(settings)) {
                    for (AutomationView v : service(running, settings).list(tenant)) {
                        out.println(String.join("\t", v.id().toString(), v.status().code(), v.triggerType().code(), v.actionType().code(),
                                v.executionCount() + " runs, " + v.successCount() + " ok, " + v.failureCount() + " failed",
                                "last " + (v.lastRunAt() == null ? "-" : v.lastRunAt() + " " + v.lastRunStatus()),
                                v.name() + (v.statusReason() == null ? "" : " (" + v.statusReason() + ")")));
                    }
                }
            }
            case "run" -> {
                UUID id = id("automation run", rest);
                Arguments a = Arguments.parse("automation run", rest.subList(1, rest.size()), Set.of("contact", "var"));
                Map<String, String> vars = new LinkedHashMap<>();
                for (String kv : a.all("var")) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("automation run: --var must be KEY=VALUE, not \"" + kv + "\"");
                    }
                    vars.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                try (var running = start(settings)) {
                    AutomationService s = service(running, settings);
                    UUID tenant = s.tenantOf(id);
                    int failed = 0;
                    for (UUID run : s.runFor(tenant, id, a.all("contact"), vars)) {
                        Optional<AutomationEngine.Executed> done = s.execute(run);
                        if (done.isEmpty()) {
                            out.println(run + "\tqueued (a worker took it or the rate guard skipped it; see `automation runs " + id + "`)");
                        } else if (done.get().outcome().succeeded()) {
                            out.println(run + "\tsucceeded\t" + done.get().outcome().result());
                        } else {
                            failed++;
                            out.println(run + "\tfailed\t" + done.get().outcome().error());
                        }
                    }
                    return failed == 0 ? Main.OK : 1;
                }
            }
            case "runs" -> {
                UUID id = id("automation runs", rest);
                Arguments a = Arguments.parse("automation runs", rest.subList(1, rest.size()), Set.of("status", "limit", "format"));
                String format = a.optional("format").orElse("table");
                if (!Set.of("table", "json").contains(format)) {
                    throw new ValidationException("format", "must be table or json (not \"" + format + "\")");
                }
                try (var running = start(settings)) {
                    AutomationService s = service(running, settings);
                    List<RunView> runs = s.runs(s.tenantOf(id), id, a.optional("status").orElse(null), a.integer("limit", 100, 1, 100_000));
                    if (format.equals("json")) {
                        ArrayNode array = JSON.createArrayNode();
                        for (RunView r : runs) {
                            ObjectNode o = array.addObject();
                            o.put("id", r.id().toString());
                            o.put("trigger_type", r.triggerType());
                            o.put("trigger_key", r.triggerKey());
                            o.put("contact", r.contactPhone());
                            o.put("status", r.status());
                            o.put("result", r.result());
                            o.put("error", r.error());
                            o.put("response_code", r.responseCode());
                            o.put("duration_ms", r.durationMs());
                            o.set("variables", readJson(r.variablesJson()));
                            o.put("created_at", String.valueOf(r.createdAt()));
                            o.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
                            o.put("retry_of", r.retryOf() == null ? null : r.retryOf().toString());
                        }
                        out.println(array.toPrettyString());
                    } else {
                        for (RunView r : runs) {
                            out.println(String.join("\t", r.id().toString(), String.valueOf(r.createdAt()), r.status(), r.triggerType(),
                                    r.contactPhone() == null ? "-" : r.contactPhone(), r.durationMs() == null ? "-" : r.durationMs() + " ms",
                                    r.error() != null ? r.error() : r.result() == null ? "" : r.result()));
                        }
                    }
                }
            }
            case "retry" -> {
                UUID run = id("automation retry", rest);
                Arguments.parse("automation retry", rest.subList(1, rest.size()), Set.of());
                try (var running = start(settings)) {
                    AutomationService s = service(running, settings);
                    UUID again = s.retry(s.tenantOfRun(run), run);
                    Optional<AutomationEngine.Executed> done = s.execute(again);
                    out.println(again + "\t" + done.map(d -> d.outcome().succeeded() ? "succeeded\t" + d.outcome().result() : "failed\t" + d.outcome().error())
                            .orElse("queued"));
                    return done.map(d -> d.outcome().succeeded()).orElse(true) ? Main.OK : 1;
                }
            }
            case "status" -> {
                UUID id = id("automation status", rest);
                if (rest.size() != 2) {
                    throw new UsageException("usage: " + STATUS_USAGE);
                }
                AutomationStatus status;
                try {
                    status = AutomationStatus.fromCode(rest.get(1));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("automation status: the status must be active, inactive or paused, not \"" + rest.get(1) + "\"");
                }
                try (var running = start(settings)) {
                    AutomationService s = service(running, settings);
                    AutomationView v = s.setStatus(s.tenantOf(id), id, status);
                    out.println(v.id() + "\t" + v.status().code() + "\t" + v.name());
                }
            }
            case "token" -> {
                UUID id = id("automation token", rest);
                Arguments.parse("automation token", rest.subList(1, rest.size()), Set.of());
                try (var running = start(settings)) {
                    AutomationService s = service(running, settings);
                    String token = s.issueApiToken(s.tenantOf(id), id);
                    out.println(token);
                    out.println("  Shown once: only its hash is stored. Call POST /api/automations/" + id + "/run with Authorization: Bearer <token>.");
                }
            }
            case "recipe" -> {
                Arguments a = Arguments.parse("automation recipe", rest, Set.of("tenant", "name", "text"));
                UUID tenant = a.uuid("tenant");
                AutomationDraft draft = Recipes.byName(a.required("name"), a.optional("text").orElse(null));
                try (var running = start(settings)) {
                    out.println(service(running, settings).create(tenant, draft).id());
                }
            }
            case "hours" -> {
                Arguments a = Arguments.parse("automation hours", rest, Set.of("tenant", "file"));
                UUID tenant = a.uuid("tenant");
                try (var running = start(settings)) {
                    BusinessHoursService hours = new BusinessHoursService(running.database());
                    BusinessHours h = a.optional("file").isPresent() ? hours.set(tenant, readJson(read(a.required("file")))) : hours.get(tenant);
                    out.println(h.describe());
                }
            }
            default -> throw new UsageException("automation: expected \"create\", \"list\", \"run\", \"runs\", \"retry\", \"status\", \"token\", "
                    + "\"recipe\" or \"hours\" (see --help)");
        }
        return Main.OK;
    }

    private static DatabaseStartup.Running start(Settings settings) {
        return DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2);
    }

    private static AutomationService service(DatabaseStartup.Running running, Settings settings) {
        return new AutomationService(running.database(), SecretBox.fromSettings(settings));
    }

    private static UUID id(String command, List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new UsageException(command + ": give the id first (see --help)");
        }
        try {
            return UUID.fromString(rest.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": the id must be a UUID, not \"" + rest.get(0) + "\"");
        }
    }

    private static String read(String file) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new ValidationException("file", "no file " + file);
        }
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new ValidationException("file", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new ValidationException("file", "is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
