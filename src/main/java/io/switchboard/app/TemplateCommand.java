package io.switchboard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.common.ValidationException;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.template.TemplateDraft;
import io.switchboard.template.TemplateRow;
import io.switchboard.template.TemplateRules;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateSubmission;
import io.switchboard.template.TemplateSync;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code template sync | list | submit | edit | delete}: a tenant's message templates at Meta, from scripts. */
final class TemplateCommand {
    static final String SYNC_USAGE = "template sync --tenant ID";
    static final String LIST_USAGE = "template list --tenant ID";
    static final String SUBMIT_USAGE = "template submit --tenant ID --file T.json";
    static final String EDIT_USAGE = "template edit --tenant ID --name NAME --language L --file T.json";
    static final String DELETE_USAGE = "template delete --tenant ID --name NAME";

    private TemplateCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? args : args.subList(1, args.size());
        switch (sub) {
            case "sync" -> {
                UUID tenant = Arguments.parse("template sync", rest, Set.of("tenant")).uuid("tenant");
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    out.println(sync(running.database(), settings).sync(tenant).summary() + " (all-or-nothing)");
                }
            }
            case "list" -> {
                UUID tenant = Arguments.parse("template list", rest, Set.of("tenant")).uuid("tenant");
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    for (TemplateRow t : new TemplateService(running.database()).list(tenant, null, null)) {
                        out.println(String.join("\t", t.name(), t.language(), t.status(), dash(t.metaStatus()), t.category(), dash(t.metaCategory()),
                                dash(t.qualityScore()), t.agentVisible() ? "agents" : "hidden", t.usable() ? "usable" : t.unusableReason()));
                    }
                }
            }
            case "submit" -> {
                Arguments a = Arguments.parse("template submit", rest, Set.of("tenant", "file"));
                UUID tenant = a.uuid("tenant");
                TemplateDraft draft = read(Path.of(a.required("file")));
                TemplateRules.check(draft); // before the database starts: a bad file is told at once
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    TemplateRow row = submission(running.database(), settings).submit(tenant, draft);
                    out.println(row.id());
                    out.println("  " + row.name() + " (" + row.language() + ") submitted: " + row.status() + " (" + row.metaStatus() + "), Meta id "
                            + row.metaTemplateId() + "; the review's outcome arrives by webhook");
                }
            }
            case "edit" -> {
                Arguments a = Arguments.parse("template edit", rest, Set.of("tenant", "name", "language", "file"));
                UUID tenant = a.uuid("tenant");
                TemplateDraft draft = read(Path.of(a.required("file")), a.required("name"), a.required("language"));
                TemplateRules.check(draft);
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    TemplateRow row = submission(running.database(), settings).edit(tenant, draft);
                    out.println(row.id());
                    out.println("  " + row.name() + " (" + row.language() + ") edited: " + row.status() + " (" + row.metaStatus()
                            + "); Meta reviews it again and the outcome arrives by webhook");
                }
            }
            case "delete" -> {
                Arguments a = Arguments.parse("template delete", rest, Set.of("tenant", "name"));
                UUID tenant = a.uuid("tenant");
                String name = a.required("name");
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    int n = submission(running.database(), settings).delete(tenant, name);
                    out.println("Deleted " + name + " at Meta (every language); " + n + " template" + (n == 1 ? "" : "s") + " marked deleted");
                }
            }
            default -> throw new UsageException("template: expected \"sync\", \"list\", \"submit\", \"edit\" or \"delete\" (see --help)");
        }
        return Main.OK;
    }

    static TemplateSync sync(Database db, Settings settings) {
        return new TemplateSync(db, new WhatsAppAccountService(db, SecretBox.fromSettings(settings)), new CloudApiClient());
    }

    private static TemplateSubmission submission(Database db, Settings settings) {
        return new TemplateSubmission(db, new WhatsAppAccountService(db, SecretBox.fromSettings(settings)), new CloudApiClient());
    }

    private static TemplateDraft read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ValidationException("file", "no file " + file);
        }
        try {
            return TemplateDraft.fromMetaJson(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new ValidationException("file", file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The edit's file: Meta's creation JSON, whose name and language, when given, must be the template's own (an edit cannot change them). */
    private static TemplateDraft read(Path file, String name, String language) {
        if (!Files.isRegularFile(file)) {
            throw new ValidationException("file", "no file " + file);
        }
        com.fasterxml.jackson.databind.JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ValidationException("file", file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(json instanceof com.fasterxml.jackson.databind.node.ObjectNode root)) {
            throw new ValidationException("file", file + " must hold a JSON object");
        }
        for (String[] field : new String[][] {{"name", name}, {"language", language}}) {
            if (root.hasNonNull(field[0]) && !root.get(field[0]).asText().equals(field[1])) {
                throw new ValidationException(field[0], "an edit cannot change it: the file says \"" + root.get(field[0]).asText()
                        + "\", --" + field[0] + " says \"" + field[1] + "\"");
            }
            root.put(field[0], field[1]);
        }
        return TemplateDraft.fromMetaJson(root);
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
