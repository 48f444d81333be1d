package io.switchboard.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.campaign.Audience;
import io.switchboard.campaign.CampaignDraft;
import io.switchboard.campaign.CampaignFunnel;
import io.switchboard.campaign.CampaignService;
import io.switchboard.campaign.CampaignStatus;
import io.switchboard.campaign.CampaignSummary;
import io.switchboard.campaign.CreatedCampaign;
import io.switchboard.campaign.CsvAudience;
import io.switchboard.campaign.Funnel;
import io.switchboard.campaign.FunnelBucket;
import io.switchboard.campaign.FunnelContact;
import io.switchboard.campaign.VariableSource;
import io.switchboard.common.ValidationException;
import io.switchboard.config.Settings;
import io.switchboard.contact.ImportReport;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** {@code campaign create | start | pause | resume | cancel | status | list | contacts | retarget}: campaigns from scripts. */
final class CampaignCommand {
    static final String CREATE_USAGE = "campaign create --tenant ID --name N --template NAME --language CODE [--param FIELD_OR_TEXT]..."
            + " (--all | --csv FILE | --filter KEY=VALUE...) [--at ISO_TIME] [--cap PER_MINUTE] [--description TEXT]";
    static final String MOVE_USAGE = "campaign start|pause|resume|cancel ID";
    static final String STATUS_USAGE = "campaign status ID [--format text|json]";
    static final String LIST_USAGE = "campaign list --tenant ID [--status S]";
    static final String CONTACTS_USAGE = "campaign contacts ID --bucket B [--code CODE] [--csv FILE]";
    static final String RETARGET_USAGE = "campaign retarget ID --bucket failed|limited|unread|not_replied";

    private CampaignCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        String sub = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? args : args.subList(1, args.size());
        switch (sub) {
            case "create" -> create(rest, settings, out);
            case "start", "pause", "resume", "cancel" -> {
                UUID id = campaignId("campaign " + sub, rest);
                Arguments.parse("campaign " + sub, rest.subList(1, rest.size()), Set.of());
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    CampaignService service = new CampaignService(running.database());
                    UUID tenant = service.tenantOf(id);
                    CampaignSummary s = switch (sub) {
                        case "start" -> service.start(tenant, id);
                        case "pause" -> service.pause(tenant, id);
                        case "resume" -> service.resume(tenant, id);
                        default -> service.cancel(tenant, id);
                    };
                    out.println(s.id() + "\t" + s.status().code());
                }
            }
            case "status" -> {
                UUID id = campaignId("campaign status", rest);
                Arguments a = Arguments.parse("campaign status", rest.subList(1, rest.size()), Set.of("format"));
                String format = a.optional("format").orElse("text");
                if (!format.equals("text") && !format.equals("json")) {
                    throw new UsageException("campaign status: --format must be text or json, not \"" + format + "\"");
                }
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    CampaignService service = new CampaignService(running.database());
                    UUID tenant = service.tenantOf(id);
                    CampaignSummary s = service.get(tenant, id).orElseThrow();
                    Funnel f = new CampaignFunnel(running.database()).funnel(tenant, id);
                    out.println(format.equals("json") ? json(s, f) : text(s, f));
                }
            }
            case "list" -> {
                Arguments a = Arguments.parse("campaign list", rest, Set.of("tenant", "status"));
                UUID tenant = a.uuid("tenant");
                CampaignStatus status = a.optional("status").map(CampaignCommand::status).orElse(null);
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    for (CampaignSummary s : new CampaignService(running.database()).list(tenant, status)) {
                        out.println(String.join("\t", s.id().toString(), s.status().code(), s.name(), s.template(),
                                String.format(Locale.ROOT, "%.0f%%", s.progress() * 100), "recipients " + s.recipients(), "sent " + s.sent(),
                                "delivered " + s.delivered(), "read " + s.read(), "failed " + s.failed(),
                                s.scheduledAt() == null ? "-" : s.scheduledAt().toString()));
                    }
                }
            }
            case "contacts" -> {
                UUID id = campaignId("campaign contacts", rest);
                Arguments a = Arguments.parse("campaign contacts", rest.subList(1, rest.size()), Set.of("bucket", "code", "csv"));
                FunnelBucket bucket = FunnelBucket.fromKey(a.required("bucket"));
                String code = a.optional("code").orElse(null);
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    UUID tenant = new CampaignService(running.database()).tenantOf(id);
                    CampaignFunnel funnel = new CampaignFunnel(running.database());
                    if (a.optional("csv").isPresent()) {
                        Path file = Path.of(a.required("csv"));
                        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                            out.println("Wrote " + funnel.exportCsv(tenant, id, bucket, code, w) + " contacts to " + file);
                        } catch (IOException e) {
                            throw new ValidationException("csv", "cannot write " + file + ": " + e.getMessage());
                        }
                    } else {
                        for (FunnelContact f : funnel.contacts(tenant, id, bucket, code, 10_000)) {
                            out.println(String.join("\t", f.phone(), dash(f.name()), f.state(), dash(f.messageStatus()), dash(f.errorCode()), dash(f.error())));
                        }
                    }
                }
            }
            case "retarget" -> {
                UUID id = campaignId("campaign retarget", rest);
                Arguments a = Arguments.parse("campaign retarget", rest.subList(1, rest.size()), Set.of("bucket"));
                FunnelBucket bucket = FunnelBucket.fromKey(a.required("bucket"));
                try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
                    CampaignService service = new CampaignService(running.database());
                    CreatedCampaign created = service.retarget(service.tenantOf(id), id, bucket);
                    out.println(created.id());
                    out.println("  draft to " + created.recipients() + " " + bucket.label() + " recipients; start it with `campaign start " + created.id() + "`");
                }
            }
            default -> throw new UsageException("campaign: expected \"create\", \"start\", \"pause\", \"resume\", \"cancel\", \"status\", \"list\","
                    + " \"contacts\" or \"retarget\" (see --help)");
        }
        return Main.OK;
    }

    private static void create(List<String> rest, Settings settings, PrintStream out) {
        Arguments a = Arguments.parse("campaign create", rest,
                Set.of("tenant", "name", "template", "language", "param", "csv", "filter", "at", "cap", "description"), Set.of("all"));
        UUID tenant = a.uuid("tenant");
        String name = a.required("name");
        String template = a.required("template");
        String language = a.required("language");
        List<VariableSource> variables = a.all("param").stream().map(VariableSource::parse).toList();
        int audiences = (a.flag("all") ? 1 : 0) + (a.optional("csv").isPresent() ? 1 : 0) + (a.all("filter").isEmpty() ? 0 : 1);
        if (audiences != 1) {
            throw new UsageException("campaign create: give exactly one audience: --all, --csv FILE or --filter KEY=VALUE (repeatable)");
        }
        Integer cap = a.optional("cap").isPresent() ? a.integer("cap", 0, 1, 1_000_000) : null;
        String csv = null;
        if (a.optional("csv").isPresent()) {
            Path file = Path.of(a.required("csv"));
            if (!Files.isRegularFile(file)) {
                throw new ValidationException("csv", "no file " + file);
            }
            try {
                csv = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Audience filter = a.all("filter").isEmpty() ? null : io.switchboard.campaign.CampaignInput.filter(a.all("filter"));
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            Database db = running.database();
            CampaignService service = new CampaignService(db);
            Instant at = a.optional("at").map(t -> io.switchboard.campaign.CampaignInput.when(t, service.timeZone(tenant))).orElse(null);
            Audience audience;
            ImportReport report = null;
            if (csv != null) {
                CsvAudience.Loaded loaded = CsvAudience.load(db, tenant, csv);
                audience = loaded.audience();
                report = loaded.report();
            } else {
                audience = filter != null ? filter : new Audience.All();
            }
            CreatedCampaign created = service.create(new CampaignDraft(tenant, name, a.optional("description").orElse(null), template, language, variables,
                    audience, at, cap));
            out.println(created.id());
            out.println("  " + created.status().code() + ": " + created.recipients() + " recipients, " + created.optedOut() + " opted out and "
                    + created.invalid() + " with an invalid phone excluded" + (at == null ? "; start it with `campaign start " + created.id() + "`"
                    : "; starts at " + at));
            if (created.exceedsDailyLimit()) {
                out.println("  warning: more recipients than the number's daily messaging limit (" + created.dailyLimit()
                        + " in 24 hours); the rest waits for the next day");
            }
            if (report != null) {
                for (ImportReport.LineError e : report.errors()) {
                    out.println("  csv " + e);
                }
            }
        }
    }

    private static CampaignStatus status(String s) {
        try {
            return CampaignStatus.fromCode(s.strip().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new UsageException("campaign list: --status must be draft, scheduled, running, paused, completed or cancelled, not \"" + s + "\"");
        }
    }

    private static UUID campaignId(String command, List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new UsageException(command + ": missing the campaign ID");
        }
        try {
            return UUID.fromString(rest.get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": the campaign ID must be a UUID, not \"" + rest.get(0) + "\"");
        }
    }

    private static String text(CampaignSummary s, Funnel f) {
        StringBuilder b = new StringBuilder();
        b.append(s.name()).append(" — ").append(s.status().code()).append(", ").append(s.template()).append('\n');
        if (s.pauseReason() != null && s.status() == CampaignStatus.PAUSED) {
            b.append("paused: ").append(s.pauseReason()).append('\n');
        }
        if (s.waitingReason() != null) {
            b.append("waiting: ").append(s.waitingReason()).append('\n');
        }
        for (FunnelBucket bucket : FunnelBucket.values()) {
            b.append(String.format(Locale.ROOT, "%-16s %d%n", bucket.key(), f.count(bucket)));
        }
        for (Funnel.Failure x : f.failures()) {
            b.append(String.format(Locale.ROOT, "failed %-9s %d  %s: %s%n", x.code(), x.count(), dash(x.title()), dash(x.reason())));
        }
        b.append(String.format(Locale.ROOT, "delivery rate %.1f%%, read rate %.1f%%, reply rate %.1f%%%n", f.deliveryRate() * 100, f.readRate() * 100,
                f.replyRate() * 100));
        b.append(Funnel.DEFINITIONS);
        return b.toString();
    }

    private static String json(CampaignSummary s, Funnel f) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("id", s.id().toString());
        root.put("name", s.name());
        root.put("status", s.status().code());
        root.put("template", s.templateName());
        root.put("language", s.templateLanguage());
        root.put("pause_reason", s.pauseReason());
        root.put("waiting_reason", s.waitingReason());
        root.put("scheduled_at", s.scheduledAt() == null ? null : s.scheduledAt().toString());
        ObjectNode counts = root.putObject("funnel");
        for (FunnelBucket bucket : FunnelBucket.values()) {
            counts.put(bucket.key(), f.count(bucket));
        }
        ArrayNode failures = root.putArray("failed_by_code");
        for (Funnel.Failure x : f.failures()) {
            failures.addObject().put("code", x.code()).put("count", x.count()).put("title", x.title()).put("reason", x.reason());
        }
        ObjectNode rates = root.putObject("rates");
        rates.put("delivery", f.deliveryRate());
        rates.put("read", f.readRate());
        rates.put("reply", f.replyRate());
        root.put("definitions", Funnel.DEFINITIONS);
        return root.toString();
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
