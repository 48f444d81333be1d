package io.switchboard.campaign;

import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.time.Duration;

/**
 * Keeps the guide's counters (sent_count, delivered_count, read_count, failed_count, plus limited_count) equal to a
 * recount of the campaign's messages, with the funnel's definitions. Recounting (an index scan of the campaign's
 * messages) instead of adding per status event keeps the campaign row from becoming a lock every status
 * transaction queues on; the live funnel never reads these counters, it counts.
 */
public final class CampaignCounters {
    private final Database database;

    public CampaignCounters(Database database) {
        this.database = database;
    }

    /** Recounts running and paused campaigns and those that ended within {@code after}; writes only what changed. */
    public int refreshActive(Duration after) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE campaigns cp SET sent_count = x.sent, delivered_count = x.delivered, read_count = x.read, failed_count = x.failed,
                           limited_count = x.limited, updated_at = NOW()
                    FROM campaigns src CROSS JOIN LATERAL (
                      SELECT COUNT(*) FILTER (WHERE %s)::int AS sent, COUNT(*) FILTER (WHERE %s)::int AS delivered,
                             COUNT(*) FILTER (WHERE %s)::int AS read, COUNT(*) FILTER (WHERE %s)::int AS failed,
                             COUNT(*) FILTER (WHERE %s)::int AS limited
                      FROM campaign_recipients r JOIN messages m ON m.id = r.message_id WHERE r.campaign_id = src.id) x
                    WHERE cp.id = src.id
                      AND (src.status IN ('running', 'paused') OR (src.status IN ('completed', 'cancelled') AND src.completed_at > NOW() - (? * INTERVAL '1 second')))
                      AND (cp.sent_count, cp.delivered_count, cp.read_count, cp.failed_count, cp.limited_count)
                          IS DISTINCT FROM (x.sent, x.delivered, x.read, x.failed, x.limited)""".formatted(
                    FunnelBucket.SENT.predicate(null), FunnelBucket.DELIVERED.predicate(null), FunnelBucket.READ.predicate(null),
                    FunnelBucket.FAILED.predicate(null), FunnelBucket.LIMITED.predicate(null)))) {
                ps.setLong(1, after.toSeconds());
                return ps.executeUpdate();
            }
        });
    }
}
