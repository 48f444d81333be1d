package io.switchboard.conversation;

/** The inbox filter chips. "All" includes archived conversations. */
public enum ConversationFilter {
    OPEN("Open"), UNREAD("Unread"), CLOSED("Closed"), ARCHIVED("Archived"), ALL("All");

    private final String label;

    ConversationFilter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The SQL condition on {@code cv} (a conversations row), or "" for none. */
    String sql() {
        return switch (this) {
            case OPEN -> " AND cv.status = 'open'";
            case CLOSED -> " AND cv.status = 'closed'";
            case ARCHIVED -> " AND cv.status = 'archived'";
            // The first part is the partial index's predicate, repeated so the planner uses it.
            case UNREAD -> " AND (cv.last_read_at IS NULL OR cv.last_message_at > cv.last_read_at)"
                    + " AND EXISTS (SELECT 1 FROM messages u WHERE u.conversation_id = cv.id AND u.tenant_id = cv.tenant_id"
                    + " AND u.direction = 'inbound' AND u.created_at > CASE WHEN cv.last_read_at IS NULL THEN '-infinity'::timestamp ELSE cv.last_read_at END)";
            case ALL -> "";
        };
    }
}
