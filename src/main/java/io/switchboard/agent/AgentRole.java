package io.switchboard.agent;

import io.switchboard.common.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An agent's role in one tenant; each includes what the one before may do. The database enforces them (V15). */
public enum AgentRole {
    /** The conversations, messages and contacts of the tenant. */
    AGENT,
    /** Plus stats, campaigns' results and assigning conversations to others. */
    SUPERVISOR,
    /** Plus the tenant, its numbers, templates, campaigns, automations and agents. */
    ADMIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AgentRole parse(String field, String value) {
        return Arrays.stream(values()).filter(r -> r.code().equals(value == null ? "" : value.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new ValidationException(field, "must be one of " + Arrays.stream(values()).map(AgentRole::code)
                        .collect(Collectors.joining(", ")) + ", not \"" + value + "\""));
    }
}
