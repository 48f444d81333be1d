package io.switchboard.delivery;

import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

/** The text a template message shows in the thread: the tenant's stored body with {{n}} filled in. */
public final class TemplatePreview {
    private TemplatePreview() {
    }

    /**
     * The tenant's template body with the parameters in place; when the template is not stored locally
     * (it may exist only at Meta), its name and parameters.
     */
    public static String render(Database database, UUID tenantId, String name, String language, List<String> params) {
        String body = database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM templates WHERE tenant_id = ? AND name = ? AND language = ?")) {
                ps.setObject(1, tenantId);
                ps.setString(2, name == null ? "" : name.strip());
                ps.setString(3, language);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        return body == null ? fallback(name, params) : fill(body, params);
    }

    public static String fill(String body, List<String> params) {
        String filled = body;
        for (int i = 0; i < params.size(); i++) {
            filled = filled.replaceAll("\\{\\{\\s*" + (i + 1) + "\\s*}}", java.util.regex.Matcher.quoteReplacement(params.get(i)));
        }
        return filled;
    }

    private static String fallback(String name, List<String> params) {
        return params.isEmpty() ? "[" + name + "]" : "[" + name + "] " + String.join(" · ", params);
    }
}
