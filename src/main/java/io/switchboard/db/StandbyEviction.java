package io.switchboard.db;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Drops a pooled connection that turns out to sit on a read-only server. After a failover the old
 * primary may come back as a standby (pg_auto_failover and Patroni rejoin it so): its connections
 * still pass the pool's liveness test, and only a write reveals the change, with SQLSTATE 25006.
 * Evicting them makes the next borrow connect afresh, and the driver then picks the new primary.
 */
public final class StandbyEviction implements SQLExceptionOverride {
    static final String READ_ONLY_TRANSACTION = "25006";
    /** "the database system is shutting down", "... in recovery mode": the server is going away. */
    static final String CANNOT_CONNECT_NOW = "57P03";
    static final String ADMIN_SHUTDOWN = "57P01";

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        String state = e.getSQLState();
        if (READ_ONLY_TRANSACTION.equals(state) || CANNOT_CONNECT_NOW.equals(state) || ADMIN_SHUTDOWN.equals(state)) {
            return Override.MUST_EVICT;
        }
        return Override.CONTINUE_EVICT;
    }
}
