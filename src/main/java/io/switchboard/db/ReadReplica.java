package io.switchboard.db;

import io.switchboard.config.ConfigurationException;
import io.switchboard.config.Settings;
import io.switchboard.config.Variable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;

/**
 * The pool heavy reading goes to (the dashboard, its exports): a standby named in DB_READ_HOST when
 * set, else the primary itself. Its connections are read-only, so nothing can ever be written there.
 */
public final class ReadReplica {
    /** Below this a replica's figures are as good as the primary's; above it, say how old they are. */
    public static final Duration NOTICEABLE_LAG = Duration.ofSeconds(5);

    // Zero on a primary, and on a standby that has replayed all it received: an idle primary sends
    // nothing, and the age of the last replayed commit would then read as an ever-growing lag.
    private static final String REPLAY_LAG = """
            SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0
                        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END""";

    private ReadReplica() {
    }

    /** The read pool; the caller closes it if it is not {@code primary}. */
    public static Database open(Settings settings, Database primary, int poolSize) {
        Optional<String> listed = settings.explicit(Variable.DB_READ_HOST);
        if (listed.isEmpty()) {
            return primary;
        }
        return Database.connect(target(settings, primary, listed.get()), poolSize, settings.describeSources(), settings.flag(Variable.DB_LOGGING));
    }

    private static ConnectionTarget target(Settings settings, Database primary, String listed) {
        if (primary.target().embedded()) {
            throw new ConfigurationException("DB_READ_HOST needs DB_HOST: the embedded database has no standbys (unset DB_READ_HOST, or set DB_HOST to the primary's host list)");
        }
        HostList hosts = HostList.parse(Variable.DB_READ_HOST.name(), listed, settings.integer(Variable.DB_PORT, 1, 65535));
        ConnectionTarget primaryTarget = primary.target();
        return new ConnectionTarget(hosts, primaryTarget.database(), primaryTarget.user(), primaryTarget.password(), false,
                ConnectionTarget.Role.READ_REPLICA);
    }

    /**
     * Heavy reads' routing: to the standby of DB_READ_HOST while it answers and keeps up (with the primary as fallback),
     * or everything on {@code primary} when DB_READ_HOST is unset. Close it when done (it closes the replica's pool).
     */
    public static ReadRouting routing(Settings settings, Database primary, int poolSize) {
        Optional<String> listed = settings.explicit(Variable.DB_READ_HOST);
        if (listed.isEmpty()) {
            return ReadRouting.primaryOnly(primary);
        }
        ConnectionTarget target = target(settings, primary, listed.get()); // a bad DB_READ_HOST still stops the start, naming it
        // A standby that is down now must not stop serve or the window: its pool is opened by the first check that reaches it.
        return ReadRouting.opening(primary, () -> Database.connect(target, poolSize, settings.describeSources(), settings.flag(Variable.DB_LOGGING)),
                target.describe(), ReadRouting.MAX_LAG);
    }

    /** How far the server behind {@code reads} is behind its primary (zero on the primary itself). */
    public static Duration replayLag(Database reads) {
        return reads.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(REPLAY_LAG); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Duration.ofMillis(Math.round(rs.getDouble(1) * 1000));
            }
        });
    }

    /** A line for the user when the replica lags noticeably, else empty. */
    public static Optional<String> lagNotice(Database reads) {
        Duration lag = replayLag(reads);
        return lag.compareTo(NOTICEABLE_LAG) > 0
                ? Optional.of("Figures read from a replica " + lag.toSeconds() + " s behind the primary (" + reads.target().describe() + ").")
                : Optional.empty();
    }
}
