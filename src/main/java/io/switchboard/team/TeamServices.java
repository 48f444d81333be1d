package io.switchboard.team;

import io.switchboard.db.Database;

/** The team inbox's services on one database, handed to the window's view models together. */
public record TeamServices(AgentDirectory agents, AssignmentService assignment, AutoAssignment autoAssignment, NoteService notes,
        LabelService labels, CannedReplyService cannedReplies, PresenceService presence) {

    /** {@code ownerName}: the display name the database owner's own agent row gets (the OS user). */
    public TeamServices(Database database, String ownerName) {
        this(new AgentDirectory(database, ownerName), new AssignmentService(database), new AutoAssignment(database), new NoteService(database),
                new LabelService(database), new CannedReplyService(database), new PresenceService(database));
    }
}
