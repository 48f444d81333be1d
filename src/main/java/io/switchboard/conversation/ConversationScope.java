package io.switchboard.conversation;

import java.util.UUID;

/**
 * The team's narrowing of the conversation list, on top of the status filter: whose conversations
 * (everyone's, mine, nobody's) and optionally one label. Ids are written into the SQL as uuid
 * literals: a {@link UUID} prints only hex digits and dashes, so nothing can be injected.
 *
 * @param assignee whose conversations
 * @param me the agent "Mine" means (null: this session is no agent, so "Mine" is empty)
 * @param labelId only conversations with this label (null: any)
 */
public record ConversationScope(Assignee assignee, UUID me, UUID labelId) {
    public static final ConversationScope EVERYONE = new ConversationScope(Assignee.ALL, null, null);

    public enum Assignee {
        MINE("Mine"), UNASSIGNED("Unassigned"), ALL("All");

        private final String label;

        Assignee(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ConversationScope {
        if (assignee == null) {
            assignee = Assignee.ALL;
        }
    }

    /** The SQL condition on {@code cv}; "" for everyone's conversations with any label. */
    String sql() {
        String who = switch (assignee) {
            case MINE -> me == null ? " AND false" : " AND cv.assigned_agent_id = '" + me + "'::uuid";
            case UNASSIGNED -> " AND cv.assigned_agent_id IS NULL";
            case ALL -> "";
        };
        return who + labelSql(labelId);
    }

    static String labelSql(UUID labelId) {
        return labelId == null ? "" : " AND EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.tenant_id = cv.tenant_id"
                + " AND cl.conversation_id = cv.id AND cl.label_id = '" + labelId + "'::uuid)";
    }
}
