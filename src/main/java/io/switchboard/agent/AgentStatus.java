package io.switchboard.agent;

/** An active agent signs in; a disabled one cannot (its role loses LOGIN) and sees nothing. */
public enum AgentStatus {
    ACTIVE, DISABLED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static AgentStatus of(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
