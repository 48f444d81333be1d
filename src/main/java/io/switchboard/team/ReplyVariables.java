package io.switchboard.team;

import io.switchboard.common.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a canned reply may hold and how they are filled in: {@code {{contact.name}}},
 * {@code {{contact.phone}}}, {@code {{agent.name}}}, {@code {{tenant.name}}}. A fallback after a bar,
 * {@code {{contact.name|there}}}, stands in when the value is unknown (a contact without a name);
 * without one an unknown value becomes empty text.
 */
public final class ReplyVariables {
    public static final String CONTACT_NAME = "contact.name";
    public static final String CONTACT_PHONE = "contact.phone";
    public static final String AGENT_NAME = "agent.name";
    public static final String TENANT_NAME = "tenant.name";
    public static final java.util.List<String> KNOWN = java.util.List.of(CONTACT_NAME, CONTACT_PHONE, AGENT_NAME, TENANT_NAME);
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-zA-Z_.]+)\\s*(?:\\|([^}]*))?}}");

    private final Map<String, String> values = new LinkedHashMap<>();

    public ReplyVariables(String contactName, String contactPhone, String agentName, String tenantName) {
        values.put(CONTACT_NAME, contactName);
        values.put(CONTACT_PHONE, contactPhone);
        values.put(AGENT_NAME, agentName);
        values.put(TENANT_NAME, tenantName);
    }

    /** The body with every variable filled in. */
    public String fill(String body) {
        Matcher m = VARIABLE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || value.isBlank()) {
                value = m.group(2) == null ? "" : m.group(2).strip();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Refuses a body naming a variable nobody fills, or with an unclosed {{. */
    static void check(String body) {
        Matcher m = VARIABLE.matcher(body);
        while (m.find()) {
            if (!KNOWN.contains(m.group(1))) {
                throw new ValidationException("body", "unknown variable {{" + m.group(1) + "}}; known are "
                        + KNOWN.stream().map(k -> "{{" + k + "}}").reduce((a, b) -> a + ", " + b).orElse(""));
            }
        }
        String rest = m.replaceAll("");
        if (rest.contains("{{")) {
            throw new ValidationException("body", "a variable is not closed: write {{contact.name}} with two closing braces");
        }
    }
}
