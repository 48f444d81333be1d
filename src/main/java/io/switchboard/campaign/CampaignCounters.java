package io.switchboard.campaign;

import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * Folds the funnel's deltas into its counts (V22, ADR campaigns-03) and copies the guide's counters (sent_count,
 * delivered_count, read_count, failed_count, plus limited_count) from them. The copy is a sum over a few counter rows
 * per campaign, not a recount; it is written on the campaign row every couple of seconds instead of in every status
 * transaction, so that row never becomes a lock the status writers queue on.
 */
public final class CampaignCounters {
    /** Deltas moved per fold transaction: a running 100,000-recipient campaign writes a few per status batch. */
    private static final int FOLD_BATCH = 20_000;

    private final Database database;

    public CampaignCounters(Database database) {
        this.database = database;
    }

    /** Folds waiting deltas (returns how many moved; 0 when another process is folding right now). */
    public long fold() {
        long total = 0;
        long moved;
        do {
            moved = database.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT campaign_funnel_fold(?)")) {
                    ps.setInt(1, FOLD_BATCH);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            total += moved;
        } while (moved >= FOLD_BATCH);
        return total;
    }

    /**
     * Folds, then brings the guide's counters of running and paused campaigns, and of those that ended within
     * {@code after} (late statuses), level with the funnel; writes only what changed. Returns the campaigns written.
     */
    public int refreshActive(Duration after) {
        fold();
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE campaigns cp SET sent_count = x.sent, delivered_count = x.delivered, read_count = x.read, failed_count = x.failed,
                           limited_count = x.limited, updated_at = NOW()
                    FROM campaigns src CROSS JOIN LATERAL (
                      SELECT COALESCE(SUM(n) FILTER (WHERE bucket = 'sent'), 0)::int AS sent,
                             COALESCE(SUM(n) FILTER (WHERE bucket = 'delivered'), 0)::int AS delivered,
                             COALESCE(SUM(n) FILTER (WHERE bucket = 'read'), 0)::int AS read,
                             COALESCE(SUM(n) FILTER (WHERE bucket = 'failed'), 0)::int AS failed,
                             COALESCE(SUM(n) FILTER (WHERE bucket = 'limited'), 0)::int AS limited
                      FROM (SELECT bucket, n FROM campaign_funnel_counts WHERE campaign_id = src.id
                            UNION ALL SELECT bucket, n FROM campaign_funnel_deltas WHERE campaign_id = src.id) f) x
                    WHERE cp.id = src.id
                      AND (src.status IN ('running', 'paused') OR (src.status IN ('completed', 'cancelled') AND src.completed_at > NOW() - (? * INTERVAL '1 second')))
                      AND (cp.sent_count, cp.delivered_count, cp.read_count, cp.failed_count, cp.limited_count)
                          IS DISTINCT FROM (x.sent, x.delivered, x.read, x.failed, x.limited)""")) {
                ps.setLong(1, after.toSeconds());
                return ps.executeUpdate();
            }
        });
    }
}
