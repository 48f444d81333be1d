package io.switchboard.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The funnel counted the slow way, from every recipient and its message with FunnelBucket's conditions (what the
 * funnel was before V22): the counters must always equal it.
 */
final class FunnelRecount {
    private FunnelRecount() {
    }

    static Map<FunnelBucket, Integer> counts(Database db, UUID campaignId) {
        return db.inJdbcTransaction(c -> {
            StringBuilder sql = new StringBuilder("SELECT ");
            FunnelBucket[] buckets = FunnelBucket.values();
            for (int i = 0; i < buckets.length; i++) {
                sql.append(i == 0 ? "" : ", ").append("COUNT(*) FILTER (WHERE ").append(definition(buckets[i])).append(")");
            }
            sql.append(" FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id WHERE r.campaign_id = ?");
            Map<FunnelBucket, Integer> out = new EnumMap<>(FunnelBucket.class);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setObject(1, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < buckets.length; i++) {
                        out.put(buckets[i], rs.getInt(i + 1));
                    }
                }
            }
            return out;
        });
    }

    /** The bucket's condition, with "replied" from its definition (an inbound message in the window), not the kept column. */
    private static String definition(FunnelBucket b) {
        return switch (b) {
            case REPLIED -> "m.status IN ('delivered', 'read') AND " + FunnelBucket.REPLY;
            case NOT_REPLIED -> "m.status IN ('delivered', 'read') AND NOT " + FunnelBucket.REPLY;
            default -> b.predicate(null);
        };
    }

    static Map<String, Integer> failures(Database db, UUID campaignId) {
        return db.inJdbcTransaction(c -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT COALESCE(m.error_code, 'unknown'), COUNT(*) FROM campaign_recipients r JOIN messages m ON m.id = r.message_id
                    WHERE r.campaign_id = ? AND %s GROUP BY 1 ORDER BY 1""".formatted(FunnelBucket.FAILED.predicate(null)))) {
                ps.setObject(1, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return out;
        });
    }

    /** Every number of the funnel, and every error code's count, equal the recount. */
    static void assertEqual(Database db, CampaignFunnel funnel, UUID tenantId, UUID campaignId, String when) {
        Funnel f = funnel.funnel(tenantId, campaignId);
        Map<FunnelBucket, Integer> counted = new EnumMap<>(FunnelBucket.class);
        for (FunnelBucket b : FunnelBucket.values()) {
            counted.put(b, f.count(b));
        }
        assertThat(counted).as("funnel numbers " + when).isEqualTo(counts(db, campaignId));
        for (FunnelBucket b : FunnelBucket.values()) { // and the contacts behind each number are that many
            assertThat(funnel.contacts(tenantId, campaignId, b, null, 1_000_000)).as("contacts behind " + b.key() + " " + when).hasSize(f.count(b));
        }
        Map<String, Integer> codes = new java.util.TreeMap<>();
        f.failures().forEach(x -> codes.put(x.code(), x.count()));
        assertThat(codes).as("failures by code " + when).isEqualTo(new java.util.TreeMap<>(failures(db, campaignId)));
    }
}
