package io.switchboard.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Queueing inside a caller's transaction, with the same checks as {@link OutboxService#queue}: an automation's run
 * row and the message it sends commit together or not at all.
 */
public final class OutboxRows {
    private OutboxRows() {
    }

    public static QueuedMessage queue(Connection c, UUID tenantId, UUID conversationId, OutboundContent content) throws SQLException {
        return OutboxService.queueIn(c, tenantId, conversationId, content, null);
    }
}
