package io.switchboard.template;

import io.switchboard.common.Clock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies template webhooks to a tenant's rows. Each group of columns moves only to a state at least as
 * recent (by Meta's event time) as the one it holds, so the same webhook twice changes nothing and a late
 * one never undoes a newer one. Within the same second a review outcome wins over PENDING.
 */
public final class TemplateEventWriter {
    /** A template event routed to a tenant (by the WABA its numbers belong to). */
    public record TenantEvent(UUID tenantId, TemplateEvent event) {
    }

    private static final String MATCH = "t.tenant_id = ? AND ((t.meta_template_id IS NOT NULL AND t.meta_template_id = ?) OR (t.name = ? AND t.language = ?))";

    private TemplateEventWriter() {
    }

    /** The events whose template the tenant does not have (yet): a sync or submit has not stored it. */
    public static List<TenantEvent> unknown(Connection c, List<TenantEvent> events) throws SQLException {
        List<TenantEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM templates t WHERE " + MATCH)) {
            for (TenantEvent e : events) {
                bindMatch(ps, 1, e);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    /** Applies every event; returns the tenants whose templates changed. */
    public static Set<UUID> apply(Connection c, List<TenantEvent> events) throws SQLException {
        Set<UUID> changed = new LinkedHashSet<>();
        LocalDateTime now = Clock.nowUtc();
        for (TenantEvent te : events) {
            TemplateEvent e = te.event();
            LocalDateTime at = Clock.toUtc(e.occurredAt());
            int n = switch (e.kind()) {
                case STATUS -> e.metaStatus() == null ? 0 : status(c, te, at, now);
                case QUALITY -> quality(c, te, at, now);
                case CATEGORY -> e.value() == null ? 0 : category(c, te, at, now);
            };
            if (n > 0) {
                changed.add(te.tenantId());
            }
        }
        return changed;
    }

    private static int status(Connection c, TenantEvent te, LocalDateTime at, LocalDateTime now) throws SQLException {
        TemplateEvent e = te.event();
        boolean rejected = e.metaStatus().equals("REJECTED");
        boolean deleted = e.metaStatus().equals("DELETED") || e.metaStatus().equals("PENDING_DELETION");
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE templates t SET meta_status = ?, status = ?, rejection_reason = ?, status_reason = ?,
                       deleted_at_meta = CASE WHEN ? THEN COALESCE(t.deleted_at_meta, ?) ELSE NULL END,
                       meta_template_id = COALESCE(t.meta_template_id, ?), status_at = ?, updated_at = ?
                WHERE\s""" + MATCH + """
                  AND (t.status_at IS NULL OR t.status_at < ? OR (t.status_at = ? AND (? <> 'PENDING' OR t.meta_status = 'PENDING')))""")) {
            ps.setString(1, e.metaStatus());
            ps.setString(2, MetaTemplateValues.guideStatus(e.metaStatus()).code());
            ps.setString(3, rejected ? e.reason() : null);
            ps.setString(4, rejected || e.metaStatus().equals("APPROVED") ? null : e.reason());
            ps.setBoolean(5, deleted);
            ps.setObject(6, now);
            ps.setString(7, e.metaTemplateId());
            ps.setObject(8, at);
            ps.setObject(9, now);
            int i = bindMatch(ps, 10, te);
            ps.setObject(i, at);
            ps.setObject(i + 1, at);
            ps.setString(i + 2, e.metaStatus());
            return ps.executeUpdate();
        }
    }

    private static int quality(Connection c, TenantEvent te, LocalDateTime at, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE templates t SET quality_score = ?, quality_at = ?, updated_at = ? WHERE " + MATCH
                + " AND (t.quality_at IS NULL OR t.quality_at <= ?)")) {
            ps.setString(1, te.event().value());
            ps.setObject(2, at);
            ps.setObject(3, now);
            int i = bindMatch(ps, 4, te);
            ps.setObject(i, at);
            return ps.executeUpdate();
        }
    }

    private static int category(Connection c, TenantEvent te, LocalDateTime at, LocalDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE templates t SET meta_category = ?, category = ?, category_at = ?, updated_at = ? WHERE "
                + MATCH + " AND (t.category_at IS NULL OR t.category_at <= ?)")) {
            ps.setString(1, te.event().value());
            ps.setString(2, MetaTemplateValues.guideCategory(te.event().value()).code());
            ps.setObject(3, at);
            ps.setObject(4, now);
            int i = bindMatch(ps, 5, te);
            ps.setObject(i, at);
            return ps.executeUpdate();
        }
    }

    private static int bindMatch(PreparedStatement ps, int from, TenantEvent te) throws SQLException {
        ps.setObject(from, te.tenantId());
        ps.setString(from + 1, te.event().metaTemplateId());
        ps.setString(from + 2, te.event().name());
        ps.setString(from + 3, te.event().language());
        return from + 4;
    }
}
