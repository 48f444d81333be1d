package io.switchboard.audit;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One line of the audit log: when (UTC), who (the login and, if an agent, their name), what (action on
 * a table's row) and the change, as JSON of the columns that changed ({@code before} null for a new row,
 * {@code after} null for a deleted one). Secrets appear as "(hidden)".
 */
public record AuditEntry(UUID id, LocalDateTime at, UUID tenantId, String actorLogin, String actorName, String action, String objectType,
                         String objectId, String before, String after) {

    /** "name → Acme Inc" style, for a table cell: the change in one line. */
    public String change() {
        if (before == null && after == null) {
            return "";
        }
        if (before == null) {
            return after;
        }
        if (after == null) {
            return before + " → (deleted)";
        }
        return before + " → " + after;
    }
}
