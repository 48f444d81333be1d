package io.switchboard.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies phone_number_quality_update changes in Meta's time order. A change not newer than the stored
 * health (health_updated_at, set by these changes and by the hourly read) is skipped, so a duplicate or a
 * late delivery never overwrites newer news. A new rating moves the old one to previous_quality_rating.
 */
public final class NumberHealthWriter {
    private NumberHealthWriter() {
    }

    /** Returns the tenants whose number health changed. */
    public static Set<UUID> apply(Connection c, List<NumberHealthEvent> events) throws SQLException {
        Set<UUID> tenants = new LinkedHashSet<>();
        List<NumberHealthEvent> ordered = events.stream().sorted(Comparator.comparing(NumberHealthEvent::occurredAt)).toList();
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE whatsapp_accounts SET
                  previous_quality_rating = CASE WHEN quality_rating IS DISTINCT FROM COALESCE(?, quality_rating) AND quality_rating IS NOT NULL
                                                 THEN quality_rating ELSE previous_quality_rating END,
                  quality_rating = COALESCE(?, quality_rating),
                  messaging_limit_tier = COALESCE(?, messaging_limit_tier),
                  number_status = COALESCE(?, number_status),
                  health_updated_at = ?
                WHERE waba_id = ? AND regexp_replace(display_phone, '[^0-9]', '', 'g') = ?
                  AND (health_updated_at IS NULL OR health_updated_at < ?)
                RETURNING tenant_id""")) {
            for (NumberHealthEvent e : ordered) {
                java.time.LocalDateTime at = java.time.LocalDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC);
                ps.setString(1, e.qualityRating());
                ps.setString(2, e.qualityRating());
                ps.setString(3, e.limitTier());
                ps.setString(4, NumberHealthEvent.statusOf(e.event()));
                ps.setObject(5, at);
                ps.setString(6, e.wabaId());
                ps.setString(7, e.displayPhoneDigits());
                ps.setObject(8, at);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tenants.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        }
        return tenants;
    }
}
