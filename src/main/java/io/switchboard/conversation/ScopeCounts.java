package io.switchboard.conversation;

/** How many conversations each of Mine, Unassigned and All holds under the current status filter and label. */
public record ScopeCounts(long mine, long unassigned, long all) {
    public static final ScopeCounts NONE = new ScopeCounts(0, 0, 0);

    public long of(ConversationScope.Assignee assignee) {
        return switch (assignee) {
            case MINE -> mine;
            case UNASSIGNED -> unassigned;
            case ALL -> all;
        };
    }
}
