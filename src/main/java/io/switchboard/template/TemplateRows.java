package io.switchboard.template;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The statement that stores a template as Meta reported it, shared by sync and submit. Each group of
 * columns (status, category, quality) only moves to a state at least as recent as the one it holds
 * ({@code *_at}), so a sync that started before a webhook was applied never undoes it.
 */
final class TemplateRows {
    // same second: a review outcome wins over PENDING (Meta's event times have whole seconds)
    private static final String NEWER_STATUS = "(t.status_at IS NULL OR t.status_at < EXCLUDED.status_at OR (t.status_at = EXCLUDED.status_at"
            + " AND (EXCLUDED.meta_status <> 'PENDING' OR t.meta_status IS NULL OR t.meta_status = 'PENDING')))";
    private static final String NEWER_CATEGORY = "(t.category_at IS NULL OR t.category_at <= EXCLUDED.category_at)";
    private static final String NEWER_QUALITY = "(t.quality_at IS NULL OR t.quality_at <= EXCLUDED.quality_at)";

    static final String UPSERT_FROM_META = """
            INSERT INTO templates AS t (tenant_id, name, language, body, header_text, footer_text, category, parameters, status, rejection_reason,
                                        meta_template_id, meta_status, meta_category, components, quality_score, status_at, quality_at, category_at,
                                        synced_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, name, language) DO UPDATE SET
              body = EXCLUDED.body, header_text = EXCLUDED.header_text, footer_text = EXCLUDED.footer_text,
              parameters = EXCLUDED.parameters, components = EXCLUDED.components,
              meta_template_id = COALESCE(EXCLUDED.meta_template_id, t.meta_template_id), synced_at = COALESCE(EXCLUDED.synced_at, t.synced_at),
              status = CASE WHEN %1$s THEN EXCLUDED.status ELSE t.status END,
              meta_status = CASE WHEN %1$s THEN EXCLUDED.meta_status ELSE t.meta_status END,
              rejection_reason = CASE WHEN %1$s THEN EXCLUDED.rejection_reason ELSE t.rejection_reason END,
              deleted_at_meta = CASE WHEN %1$s THEN NULL ELSE t.deleted_at_meta END,
              status_at = GREATEST(t.status_at, EXCLUDED.status_at),
              category = CASE WHEN %2$s AND EXCLUDED.meta_category IS NOT NULL THEN EXCLUDED.category ELSE t.category END,
              meta_category = CASE WHEN %2$s AND EXCLUDED.meta_category IS NOT NULL THEN EXCLUDED.meta_category ELSE t.meta_category END,
              category_at = GREATEST(t.category_at, EXCLUDED.category_at),
              quality_score = CASE WHEN %3$s THEN EXCLUDED.quality_score ELSE t.quality_score END,
              quality_at = GREATEST(t.quality_at, EXCLUDED.quality_at),
              updated_at = EXCLUDED.updated_at""".formatted(NEWER_STATUS, NEWER_CATEGORY, NEWER_QUALITY);

    private TemplateRows() {
    }

    /** Binds {@link #UPSERT_FROM_META} for {@code t}, observed at {@code observedAt}; {@code syncedAt} null when not from a sync. */
    static void bindUpsert(PreparedStatement ps, UUID tenantId, MetaTemplate t, LocalDateTime observedAt, LocalDateTime now) throws SQLException {
        bindUpsert(ps, tenantId, t, observedAt, now, now);
    }

    static void bindUpsert(PreparedStatement ps, UUID tenantId, MetaTemplate t, LocalDateTime observedAt, LocalDateTime syncedAt, LocalDateTime now)
            throws SQLException {
        TemplateLayout layout = t.layout();
        ps.setObject(1, tenantId);
        ps.setString(2, t.name());
        ps.setString(3, t.language());
        ps.setString(4, layout.body());
        ps.setString(5, layout.headerText());
        ps.setString(6, layout.footerText());
        ps.setString(7, MetaTemplateValues.guideCategory(t.category()).code());
        ps.setArray(8, ps.getConnection().createArrayOf("text", layout.placeholderNames()));
        ps.setString(9, MetaTemplateValues.guideStatus(t.status()).code());
        ps.setString(10, t.rejectedReason());
        ps.setString(11, t.id());
        ps.setString(12, t.status());
        ps.setString(13, t.category());
        ps.setString(14, t.componentsJson());
        ps.setString(15, t.qualityScore());
        ps.setObject(16, observedAt);
        ps.setObject(17, observedAt);
        ps.setObject(18, observedAt);
        ps.setObject(19, syncedAt);
        ps.setObject(20, now);
        ps.setObject(21, now);
    }
}
