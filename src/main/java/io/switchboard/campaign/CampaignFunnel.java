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

    public Funnel funnel(UUID tenantId, UUID campaignId) {
        return database.inJdbcTransaction(c -> {
            requireCampaign(c, tenantId, campaignId);
            StringBuilder sql = new StringBuilder("SELECT ");
            FunnelBucket[] buckets = FunnelBucket.values();
            for (int i = 0; i < buckets.length; i++) {
                sql.append(i == 0 ? "" : ", ").append("COUNT(*) FILTER (WHERE ").append(buckets[i].predicate(null)).append(")");
            }
            sql.append(" FROM campaign_recipients r LEFT JOIN messages m ON m.id = r.message_id WHERE r.campaign_id = ? AND r.tenant_id = ?");
            Map<FunnelBucket, Integer> counts = new EnumMap<>(FunnelBucket.class);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setObject(1, campaignId);
                ps.setObject(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < buckets.length; i++) {
                        counts.put(buckets[i], rs.getInt(i + 1));
                    }
                }
            }
            List<Funnel.Failure> failures = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT COALESCE(m.error_code, 'unknown'), COUNT(*), MAX(m.error_title)
                    FROM campaign_recipients r JOIN messages m ON m.id = r.message_id
                    WHERE r.campaign_id = ? AND r.tenant_id = ? AND %s
                    GROUP BY 1 ORDER BY 2 DESC, 1""".formatted(FunnelBucket.FAILED.predicate(null)))) {
                ps.setObject(1, campaignId);
                ps.setObject(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String code = rs.getString(1);
                        var known = SendFailures.explain(code);
                        failures.add(new Funnel.Failure(code, rs.getInt(2), known.map(SendFailures.Explanation::title).orElse(rs.getString(3)),
                                known.map(SendFailures.Explanation::sentence).orElse(rs.getString(3))));
                    }
                }
            }
            return new Funnel(counts, failures);
        });
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
