package io.switchboard.db;

import io.switchboard.common.PeriodicJob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where heavy reads go — the dashboard, searches, exports: the standby of DB_READ_HOST while it answers and is at most
 * {@link #MAX_LAG} behind, else the primary (docs/decisions/ha-02-reads-follow-the-replica-with-a-fallback.md). The
 * standby is checked every {@link #CHECK_EVERY} on a thread of its own, so choosing never waits on the network; a read
 * that still finds it gone is run again on the primary at once, and the standby is left aside until the next check
 * finds it back. Reads only: the replica's connections are read-only, and nothing that writes is routed here.
 */
public final class ReadRouting implements AutoCloseable {
    /** Beyond this a search or export on the replica would miss what agents just did: the primary answers instead. */
    public static final Duration MAX_LAG = Duration.ofSeconds(10);
    public static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ReadRouting.class);
    // Zero on a primary, and on a standby that replayed all it received (an idle primary sends nothing, and the age of
    // the last replayed commit would read as an ever-growing lag).
    private static final String REPLAY_LAG = """
            SELECT pg_is_in_recovery(),
                   CASE WHEN NOT pg_is_in_recovery() THEN 0
                        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END""";

    /** What the last check found. {@code lag} is null when the replica did not answer. */
    public record Status(boolean configured, boolean inUse, Duration lag, String problem, String replica) {
        /** One line for the status bar and the {@code stats} command; empty when there is nothing to say. */
        public Optional<String> note() {
            if (!configured) {
                return Optional.empty();
            }
            if (!inUse) {
                return Optional.of("Replica " + replica + " not used: " + problem + "; reading from the primary");
            }
            return lag != null && lag.compareTo(ReadReplica.NOTICEABLE_LAG) > 0
                    ? Optional.of("Replica " + lag.toSeconds() + " s behind the primary")
                    : Optional.empty();
        }

        /** The {@code read_replica} object of /healthz. */
        public String json() {
            if (!configured) {
                return "{\"configured\":false}";
            }
            return "{\"configured\":true,\"in_use\":" + inUse + ",\"lag_seconds\":"
                    + (lag == null ? "null" : String.format(Locale.ROOT, "%.1f", lag.toMillis() / 1000.0))
                    + ",\"max_lag_seconds\":" + MAX_LAG.toSeconds()
                    + (problem == null ? "" : ",\"problem\":\"" + problem.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ") + "\"")
                    + "}";
        }
    }

    private final Database primary;
    /** Opens the replica's pool; null without DB_READ_HOST. */
    private final java.util.function.Supplier<Database> opener;
    private final String replicaName;
    private final Duration maxLag;
    private volatile Database replica;
    private volatile Status status;
    private PeriodicJob checks;

    private ReadRouting(Database primary, java.util.function.Supplier<Database> opener, String replicaName, Duration maxLag) {
        this.primary = primary;
        this.opener = opener;
        this.replicaName = replicaName;
        this.maxLag = maxLag;
        this.status = opener == null ? new Status(false, false, null, null, null) : new Status(true, false, null, "not checked yet", replicaName);
    }

    /** Everything on the primary (no DB_READ_HOST). */
    public static ReadRouting primaryOnly(Database primary) {
        return new ReadRouting(primary, null, null, MAX_LAG);
    }

    /** Reads go to {@code replica} while it is fine; checked at once and then every {@link #CHECK_EVERY}. Closing this closes {@code replica}, never the primary. */
    public static ReadRouting withReplica(Database primary, Database replica, Duration maxLag) {
        ReadRouting routing = new ReadRouting(primary, () -> replica, replica.target().describe(), maxLag);
        routing.replica = replica;
        routing.check();
        routing.checks = PeriodicJob.start("read-replica-check", CHECK_EVERY, CHECK_EVERY, routing::check, log, "read replica check");
        return routing;
    }

    /**
     * The same, with the replica's pool opened by {@code opener} at the first check that can: a standby that is down when
     * the app starts leaves reads on the primary instead of stopping the start.
     */
    public static ReadRouting opening(Database primary, java.util.function.Supplier<Database> opener, String replicaName, Duration maxLag) {
        ReadRouting routing = new ReadRouting(primary, opener, replicaName, maxLag);
        routing.check();
        routing.checks = PeriodicJob.start("read-replica-check", CHECK_EVERY, CHECK_EVERY, routing::check, log, "read replica check");
        return routing;
    }

    /** The database a heavy read should use now. */
    public Database database() {
        Database r = replica;
        return r != null && status.inUse() ? r : primary;
    }

    public Status status() {
        return status;
    }

    /**
     * Runs a read where {@link #database()} says; if the replica fails to give a connection or loses it, the read runs
     * again on the primary and the replica stays aside until a check finds it fine.
     */
    public <T> T inJdbcTransaction(Database.SqlWork<T> work) {
        Database chosen = database();
        if (chosen == primary) {
            return primary.inJdbcTransaction(work);
        }
        try {
            return chosen.inJdbcTransaction(work);
        } catch (RuntimeException e) {
            if (!lostConnection(e)) {
                throw e;
            }
            status = new Status(true, false, null, "unreachable (" + rootMessage(e) + ")", replicaName);
            log.warn("read replica {} failed a read, reading from the primary: {}", replicaName, rootMessage(e));
            return primary.inJdbcTransaction(work);
        }
    }

    /** Opens the replica's pool if not yet done, and asks it how far behind it is. */
    void check() {
        if (opener == null) {
            return;
        }
        String name = replicaName;
        Status next;
        try {
            if (replica == null) {
                replica = opener.get();
            }
            Database replica = this.replica;
            double seconds = replica.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(REPLAY_LAG)) {
                    ps.setQueryTimeout(2);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getDouble(2);
                    }
                }
            });
            Duration lag = Duration.ofMillis(Math.round(seconds * 1000));
            next = lag.compareTo(maxLag) > 0
                    ? new Status(true, false, lag, "replay is " + lag.toSeconds() + " s behind (more than " + maxLag.toSeconds() + " s)", name)
                    : new Status(true, true, lag, null, name);
        } catch (RuntimeException e) {
            next = new Status(true, false, null, "unreachable (" + rootMessage(e) + ")", name);
        }
        if (next.inUse() != status.inUse()) {
            log.info(next.inUse() ? "read replica {} in use again" : "read replica {} left aside: {}", name, next.problem());
        }
        status = next;
    }

    /** A failure to reach or keep a server (SQLSTATE class 08, 57P0x, a pool that gave no connection) rather than a bad query. */
    static boolean lostConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (s instanceof java.sql.SQLTransientConnectionException) {
                    return true;
                }
            }
            if (t instanceof DatabaseUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Stops the checks and closes the replica's pool; the primary is the caller's. */
    @Override
    public void close() {
        if (checks != null) {
            checks.close();
        }
        Database r = replica;
        if (r != null) {
            r.close();
        }
    }
}
