package io.switchboard.template;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.delivery.OutboundContent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tenant's approved templates, their {{n}} placeholders, previews and the checks before sending one. */
public final class TemplateService {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\d+)\\s*}}");
    private final Database database;

    public TemplateService(Database database) {
        this.database = database;
    }

    /** The tenant's approved templates, by name and language. */
    public List<TemplateView> approved(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, name, language, category, header_text, body, footer_text FROM templates
                    WHERE tenant_id = ? AND status = 'approved' ORDER BY name, language""")) {
                ps.setObject(1, tenantId);
                List<TemplateView> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TemplateView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), placeholders(rs.getString(5)), placeholders(rs.getString(6))));
                    }
                }
                return out;
            }
        });
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
        if (template.headerText() != null && !template.headerText().isBlank()) {
            s.append(render(template.headerText(), headerParams)).append("\n\n");
        }
        s.append(render(template.body(), bodyParams));
        if (template.footerText() != null && !template.footerText().isBlank()) {
            s.append("\n\n").append(template.footerText());
        }
        return s.toString();
    }

    /** Checks one value per placeholder (none blank) and builds what the outbox queues. */
    public static OutboundContent content(TemplateView template, List<String> headerParams, List<String> bodyParams) {
        check("header parameter", template.headerPlaceholders(), headerParams);
        check("parameter", template.bodyPlaceholders(), bodyParams);
        return OutboundContent.template(template.name(), template.language(), headerParams, bodyParams,
                preview(template, headerParams, bodyParams));
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
