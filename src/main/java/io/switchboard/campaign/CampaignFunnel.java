package io.switchboard.campaign;

import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.ReadRouting;
import io.switchboard.delivery.SendFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The live funnel: counts, the contacts behind each count, and their CSV. */
public final class CampaignFunnel {
    /** Funnels only read, so they may go to a replica that keeps up (DB_READ_HOST), as the dashboard does. */
    private final ReadRouting database;

    public CampaignFunnel(Database database) {
        this(ReadRouting.primaryOnly(database));
    }

    public CampaignFunnel(ReadRouting reads) {
        this.database = reads;
    }

    /**
     * The funnel from the counters the triggers keep (V22, ADR campaigns-03): folded counts plus the deltas not folded
     * yet, summed in one snapshot, so it is exact whether or not a fold ran and costs O(buckets + error codes).
     */
    public Funnel funnel(UUID tenantId, UUID campaignId) {
        return database.inJdbcTransaction(c -> {
            requireCampaign(c, tenantId, campaignId);
            Map<FunnelBucket, Integer> counts = new EnumMap<>(FunnelBucket.class);
            Map<String, Integer> failed = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT bucket, error_code, SUM(n) FROM (
                      SELECT bucket, error_code, n FROM campaign_funnel_counts WHERE campaign_id = ? AND tenant_id = ?
                      UNION ALL
                      SELECT bucket, error_code, n FROM campaign_funnel_deltas WHERE campaign_id = ? AND tenant_id = ?) x
                    GROUP BY 1, 2 HAVING SUM(n) <> 0 ORDER BY 3 DESC, 2""")) {
                ps.setObject(1, campaignId);
                ps.setObject(2, tenantId);
                ps.setObject(3, campaignId);
                ps.setObject(4, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        FunnelBucket b = FunnelBucket.fromKey(rs.getString(1));
                        int n = rs.getInt(3);
                        counts.merge(b, n, Integer::sum);
                        if (b == FunnelBucket.FAILED) {
                            failed.put(rs.getString(2), n);
                        }
                    }
                }
            }
            List<Funnel.Failure> failures = new ArrayList<>();
            for (Map.Entry<String, Integer> f : failed.entrySet()) {
                String code = f.getKey();
                var known = SendFailures.explain(code);
                String title = known.isPresent() ? null : metaTitle(c, campaignId, code);
                failures.add(new Funnel.Failure(code, f.getValue(), known.map(SendFailures.Explanation::title).orElse(title),
                        known.map(SendFailures.Explanation::sentence).orElse(title)));
            }
            return new Funnel(counts, failures);
        });
    }

    /** The title Meta sent with a code we have no words of our own for: one probe of the campaign's failed messages. */
    private static String metaTitle(Connection c, UUID campaignId, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT error_title FROM messages WHERE campaign_id = ? AND status = 'failed' AND %s AND error_title IS NOT NULL LIMIT 1"""
                .formatted("unknown".equals(code) ? "(error_code IS NULL OR error_code = ?)" : "error_code = ?"))) {
            ps.setObject(1, campaignId);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The contacts behind one number (for FAILED optionally one error code), in sending order, at most {@code limit}. */
    public List<FunnelContact> contacts(UUID tenantId, UUID campaignId, FunnelBucket bucket, String errorCode, int limit) {
        return database.inJdbcTransaction(c -> {
            requireCampaign(c, tenantId, campaignId);
            List<FunnelContact> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(contactsSql(bucket, errorCode) + " LIMIT ?")) {
                ps.setObject(1, campaignId);
                ps.setObject(2, tenantId);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(contact(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Writes the contacts behind one number as CSV (phone,name,state,message_status,error_code,error,queued_at); returns the rows written. */
    public int exportCsv(UUID tenantId, UUID campaignId, FunnelBucket bucket, String errorCode, Writer out) {
        return database.inJdbcTransaction(c -> {
            requireCampaign(c, tenantId, campaignId);
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(contactsSql(bucket, errorCode))) {
                ps.setObject(1, campaignId);
                ps.setObject(2, tenantId);
                ps.setFetchSize(2_000);
                try (ResultSet rs = ps.executeQuery()) {
                    out.write("phone,name,state,message_status,error_code,error,queued_at\n");
                    while (rs.next()) {
                        FunnelContact f = contact(rs);
                        out.write(String.join(",", csv(f.phone()), csv(f.name()), csv(f.state()), csv(f.messageStatus()), csv(f.errorCode()), csv(f.error()),
                                f.queuedAt() == null ? "" : f.queuedAt().toString()) + "\n");
                        n++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return n;
        });
    }

    private static String contactsSql(FunnelBucket bucket, String errorCode) {
        return """
                SELECT r.contact_id, ct.name, r.phone, r.state, m.status, m.error_code, COALESCE(m.error_title, r.reason), r.queued_at
                FROM campaign_recipients r JOIN contacts ct ON ct.id = r.contact_id LEFT JOIN messages m ON m.id = r.message_id
                WHERE r.campaign_id = ? AND r.tenant_id = ? AND %s ORDER BY r.seq""".formatted(bucket.predicate(errorCode));
    }

    private static FunnelContact contact(ResultSet rs) throws SQLException {
        LocalDateTime q = rs.getObject(8, LocalDateTime.class);
        return new FunnelContact(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), q == null ? null : Clock.toInstant(q));
    }

    /** CSV field: quoted when it holds a comma, quote or line break; a leading =,+,-,@ is defused for spreadsheets. */
    static String csv(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("\\+[0-9]+") ? "'" + v : v;
        return s.matches("[^,\"\\r\\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static void requireCampaign(Connection c, UUID tenantId, UUID campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM campaigns WHERE id = ? AND tenant_id = ?")) {
            ps.setObject(1, campaignId);
            ps.setObject(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("campaign", "no campaign " + campaignId + " in this tenant");
                }
            }
        }
    }
}
