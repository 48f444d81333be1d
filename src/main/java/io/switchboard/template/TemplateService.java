package io.switchboard.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.TemplateParameters;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's templates: the list the Templates screen shows, the choices the composer offers (only approved,
 * agent-visible ones usable; the others with the reason), their {{n}} placeholders, previews and the checks
 * before sending one.
 */
public final class TemplateService {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\d+)\\s*}}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW_COLUMNS = """
            id, name, language, status, meta_status, category, meta_category, quality_score,
            COALESCE(rejection_reason, status_reason), agent_visible, deleted_at_meta IS NOT NULL, meta_template_id,
            header_text, body, footer_text, components::text, updated_at""";
    private final Database database;

    public TemplateService(Database database) {
        this.database = database;
    }

    /** The tenant's templates an agent may send now (approved, visible to agents, not deleted at Meta), by name and language. */
    public List<TemplateView> approved(UUID tenantId) {
        return choices(tenantId).stream().filter(TemplateChoice::usable).map(TemplateChoice::template).toList();
    }

    /**
     * Every template the composer's picker lists: approved ones usable; paused or disabled ones with the reason they
     * cannot be sent. Templates hidden from agents, deleted at Meta, in review or rejected are left out.
     */
    public List<TemplateChoice> choices(UUID tenantId) {
        List<TemplateChoice> out = new ArrayList<>();
        for (TemplateRow row : list(tenantId, null, null)) {
            if (!row.agentVisible() || row.deletedAtMeta() || row.status().equals("pending") || row.status().equals("rejected")) {
                continue; // never sendable from the composer: not worth a line in the picker
            }
            out.add(new TemplateChoice(view(row), row.usable(), row.unusableReason()));
        }
        return out;
    }

    /** The tenant's templates, by name and language; {@code search} matches name or body, {@code status} the guide's status. */
    public List<TemplateRow> list(UUID tenantId, String search, String status) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS + """
                     FROM templates WHERE tenant_id = ?
                      AND (?::text IS NULL OR name ILIKE '%' || ? || '%' OR body ILIKE '%' || ? || '%')
                      AND (?::text IS NULL OR status = ?)
                    ORDER BY name, language""")) {
                String q = search == null || search.isBlank() ? null : search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                ps.setObject(1, tenantId);
                ps.setString(2, q);
                ps.setString(3, q);
                ps.setString(4, q);
                ps.setString(5, status);
                ps.setString(6, status);
                List<TemplateRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    public Optional<TemplateRow> find(UUID tenantId, String name, String language) {
        return one("name = ? AND language = ?", tenantId, name, language);
    }

    public Optional<TemplateRow> get(UUID tenantId, UUID templateId) {
        return one("id = ?", tenantId, templateId);
    }

    private Optional<TemplateRow> one(String where, UUID tenantId, Object... args) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM templates WHERE tenant_id = ? AND " + where)) {
                ps.setObject(1, tenantId);
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 2, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<TemplateRow>empty();
                }
            }
        });
    }

    /** The admin's "visible to agents" switch; every open window hears of it. */
    public void setAgentVisible(UUID tenantId, UUID templateId, boolean visible) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE templates SET agent_visible = ?, updated_at = ? WHERE tenant_id = ? AND id = ?")) {
                ps.setBoolean(1, visible);
                ps.setObject(2, Clock.nowUtc());
                ps.setObject(3, tenantId);
                ps.setObject(4, templateId);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("template", "no template " + templateId + " in this tenant");
                }
            }
            Notifications.announce(c, tenantId, Notifications.Kind.TEMPLATES);
            return null;
        });
    }

    /** The usable template named so, for sending (the CLI's send --template). */
    public TemplateView sendable(UUID tenantId, String name, String language) {
        TemplateRow row = find(tenantId, name == null ? "" : name.strip(), language)
                .orElseThrow(() -> new ValidationException("template", "this tenant has no template " + name + " (" + language
                        + "); run `template sync --tenant " + tenantId + "` if it exists at Meta"));
        if (!"approved".equals(row.status()) || row.deletedAtMeta()) {
            throw new ValidationException("template", name + " (" + language + ") cannot be sent: " + row.unusableReason());
        }
        return view(row);
    }

    /** The draft an editor starts from to duplicate or change a stored template. */
    public TemplateDraft draftOf(TemplateRow row) {
        JsonNode components = parse(row.componentsJson());
        if (components == null) {
            TemplateDraft plain = TemplateDraft.of(row.name(), MetaTemplateValues.metaCategory(TemplateCategory.fromCode(row.category())), row.language(),
                    row.body(), List.of());
            return new TemplateDraft(plain.name(), plain.category(), plain.language(), row.headerText() == null ? null : "TEXT", row.headerText(), null,
                    row.body(), List.of(), row.footerText(), List.of());
        }
        String category = row.metaCategory() != null ? row.metaCategory() : MetaTemplateValues.metaCategory(TemplateCategory.fromCode(row.category()));
        return TemplateDraft.fromComponents(row.name(), category, row.language(), components);
    }

    static TemplateView view(TemplateRow row) {
        JsonNode components = parse(row.componentsJson());
        TemplateLayout layout = components == null ? null : TemplateLayout.of(components);
        String headerFormat = layout != null ? layout.headerFormat() : row.headerText() == null ? null : "TEXT";
        return new TemplateView(row.id(), row.name(), row.language(), row.category(), row.headerText(), row.body(), row.footerText(),
                placeholders(row.headerText()), placeholders(row.body()), headerFormat, layout == null ? List.of() : layout.buttons());
    }

    private static TemplateRow row(ResultSet rs) throws SQLException {
        return new TemplateRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getBoolean(11), rs.getString(12), rs.getString(13),
                rs.getString(14), rs.getString(15), rs.getString(16), Clock.toInstant(rs.getObject(17, LocalDateTime.class)));
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    /** The distinct n of every {{n}} in {@code text}, ascending. */
    public static List<Integer> placeholders(String text) {
        if (text == null) {
            return List.of();
        }
        TreeSet<Integer> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return List.copyOf(found);
    }

    /** {@code text} with {{n}} replaced by {@code params.get(n - 1)}; a missing or blank value stays visible as {{n}}. */
    public static String render(String text, List<String> params) {
        if (text == null) {
            return "";
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            String value = n >= 1 && n <= params.size() && params.get(n - 1) != null && !params.get(n - 1).isBlank() ? params.get(n - 1) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The whole message as the customer will see it: header, body and footer. */
    public static String preview(TemplateView template, List<String> headerParams, List<String> bodyParams) {
        StringBuilder s = new StringBuilder();
        if (template.mediaHeader()) {
            s.append("[").append(template.headerFormat().toLowerCase(Locale.ROOT)).append("]\n\n");
        } else if (template.headerText() != null && !template.headerText().isBlank()) {
            s.append(render(template.headerText(), headerParams)).append("\n\n");
        }
        s.append(render(template.body(), bodyParams));
        if (template.footerText() != null && !template.footerText().isBlank()) {
            s.append("\n\n").append(template.footerText());
        }
        for (TemplateLayout.Button b : template.buttons()) {
            String label = b.text() != null && !b.text().isBlank() ? b.text() : "COPY_CODE".equals(b.type()) ? "Copy offer code" : null;
            if (label != null) {
                s.append("\n[").append(label).append("]");
            }
        }
        return s.toString();
    }

    /** Checks one value per placeholder (none blank) and builds what the outbox queues. */
    public static OutboundContent content(TemplateView template, List<String> headerParams, List<String> bodyParams) {
        return content(template, new TemplateParameters(headerParams, bodyParams, null, List.of()));
    }

    /**
     * Checks every value the template needs — header text variable or media (link or media id), body variables,
     * one value per parameter button — and builds what the outbox queues, with the rendered text the thread shows.
     */
    public static OutboundContent content(TemplateView template, TemplateParameters params) {
        if (template.mediaHeader()) {
            if (params.headerMedia() == null || params.headerMedia().isBlank()) {
                throw new ValidationException("header " + template.headerFormat().toLowerCase(Locale.ROOT), "needs a link (https://…) or an uploaded media id");
            }
        } else {
            check("header parameter", template.headerPlaceholders(), params.headerParams());
        }
        check("parameter", template.bodyPlaceholders(), params.bodyParams());
        List<TemplateLayout.Button> needed = template.parameterButtons();
        if (params.buttonParams().size() != needed.size()) {
            throw new ValidationException("button parameters", "the template needs " + needed.size() + " (one per URL or copy-code button), got "
                    + params.buttonParams().size());
        }
        List<TemplateParameters.ButtonParameter> buttons = new ArrayList<>();
        for (int i = 0; i < needed.size(); i++) {
            String v = params.buttonParams().get(i).value();
            TemplateLayout.Button b = needed.get(i);
            if (v == null || v.isBlank()) {
                throw new ValidationException("button " + b.index() + " (" + b.text() + ")", "must not be empty");
            }
            if (b.type().equals("COPY_CODE") && v.length() > TemplateRules.COPY_CODE_MAX) {
                throw new ValidationException("button " + b.index() + " (copy code)", "must be at most " + TemplateRules.COPY_CODE_MAX + " characters");
            }
            buttons.add(new TemplateParameters.ButtonParameter(b.index(), b.type().equals("COPY_CODE") ? "copy_code" : "url", v.strip()));
        }
        TemplateParameters checked = new TemplateParameters(template.mediaHeader() ? List.of() : params.headerParams(), params.bodyParams(),
                template.mediaHeader() ? params.headerMedia().strip() : null, buttons);
        return OutboundContent.template(template.name(), template.language(), checked,
                template.mediaHeader() ? template.headerFormat().toLowerCase(Locale.ROOT) : null, preview(template, params.headerParams(), params.bodyParams()));
    }

    private static void check(String what, List<Integer> placeholders, List<String> values) {
        int expected = placeholders.isEmpty() ? 0 : placeholders.get(placeholders.size() - 1);
        if (values.size() != expected) {
            throw new ValidationException(what + "s", "the template needs " + expected + " value" + (expected == 1 ? "" : "s") + ", got " + values.size());
        }
        for (int n : placeholders) {
            String v = values.get(n - 1);
            if (v == null || v.isBlank()) {
                throw new ValidationException(what + " {{" + n + "}}", "must not be empty");
            }
        }
    }
}
