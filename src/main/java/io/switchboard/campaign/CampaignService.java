package io.switchboard.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Creates campaigns (materializing their recipients once, in the same transaction, so a campaign exists only with
 * all of its recipients), moves them through their states, lists them, duplicates and retargets them.
 */
public final class CampaignService {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PHONE_PATTERN = "^\\+[1-9][0-9]{6,14}$";
    static final int NAME_MAX = 100;
    private final Database database;
    private final TemplateService templates;

    public CampaignService(Database database) {
        this.database = database;
        this.templates = new TemplateService(database);
    }

    /** Checks the draft and shows what creating it would give, without storing anything. */
    public CampaignPreview preview(CampaignDraft draft, int samples) {
        TemplateView template = checkTemplate(draft);
        return database.inJdbcTransaction(c -> {
            List<Object> binds = new ArrayList<>();
            String params = paramsSql(draft.variables(), binds);
            binds.add(draft.tenantId());
            String where = draft.audience().sql(binds);
            int matched;
            int optedOut;
            int invalid;
            List<Integer> missing = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT COUNT(*), COUNT(*) FILTER (WHERE c.opted_out_at IS NOT NULL), "
                    + "COUNT(*) FILTER (WHERE c.opted_out_at IS NULL AND c.phone !~ '" + PHONE_PATTERN + "')");
            for (int i = 1; i <= draft.variables().size(); i++) {
                sql.append(", COUNT(*) FILTER (WHERE c.opted_out_at IS NULL AND c.phone ~ '" + PHONE_PATTERN + "' AND (p.v)[" + i + "] IS NULL)");
            }
            sql.append(" FROM contacts c CROSS JOIN LATERAL (SELECT ").append(params).append(" AS v) p WHERE c.tenant_id = ? AND (").append(where).append(")");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Binds.bind(c, ps, 1, binds);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    matched = rs.getInt(1);
                    optedOut = rs.getInt(2);
                    invalid = rs.getInt(3);
                    for (int i = 1; i <= draft.variables().size(); i++) {
                        missing.add(rs.getInt(3 + i));
                    }
                }
            }
            int recipients = matched - optedOut - invalid;
            List<String> problems = new ArrayList<>();
            if (recipients == 0) {
                problems.add(emptyAudience(matched, optedOut, invalid).getMessage());
            }
            for (int i = 0; i < missing.size(); i++) {
                if (missing.get(i) > 0) {
                    problems.add(missingValue(i, draft.variables().get(i), missing.get(i), template).getMessage());
                }
            }
            List<CampaignPreview.Sample> sampleRows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.phone, c.name, " + params + " FROM contacts c WHERE c.tenant_id = ? AND (" + where
                    + ") AND c.opted_out_at IS NULL AND c.phone ~ '" + PHONE_PATTERN + "' ORDER BY c.created_at, c.id LIMIT ?")) {
                Binds.bind(c, ps, 1, binds);
                ps.setInt(binds.size() + 1, samples);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> values = values(rs.getArray(3));
                        sampleRows.add(new CampaignPreview.Sample(rs.getString(1), rs.getString(2), RecipientMessage.preview(template, values)));
                    }
                }
            }
            return new CampaignPreview(matched, recipients, optedOut, invalid, dailyLimit(c, draft.tenantId()), sampleRows, problems);
        });
    }

    /**
     * Creates the campaign with its recipients, or nothing: a template that cannot be sent, a variable empty for
     * some recipient without a fallback, an empty audience or a schedule in the past are refused with the reason.
     */
    public CreatedCampaign create(CampaignDraft draft) {
        TemplateView template = checkTemplate(draft);
        String name = checkName(draft.name());
        if (draft.scheduledAt() != null && !draft.scheduledAt().isAfter(Instant.now())) {
            throw new ValidationException("scheduled_at", "must be in the future (" + draft.scheduledAt() + " has passed)");
        }
        if (draft.capPerMinute() != null && (draft.capPerMinute() < 1 || draft.capPerMinute() > 1_000_000)) {
            throw new ValidationException("cap_per_minute", "must be a whole number from 1 to 1000000 messages per minute");
        }
        CampaignStatus status = draft.scheduledAt() == null ? CampaignStatus.DRAFT : CampaignStatus.SCHEDULED;
        return database.inJdbcTransaction(c -> {
            UUID id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO campaigns (tenant_id, name, description, message, template_id, recipients, status, scheduled_at, template_name,
                                           template_language, variables, audience, cap_per_minute, retarget_of, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, NOW(), NOW()) RETURNING id""")) {
                ps.setObject(1, draft.tenantId());
                ps.setString(2, name);
                ps.setString(3, draft.description() == null || draft.description().isBlank() ? null : draft.description().strip());
                ps.setString(4, template.body());
                ps.setObject(5, template.id());
                ps.setString(6, status.code());
                ps.setTimestamp(7, draft.scheduledAt() == null ? null : Timestamp.valueOf(Clock.toUtc(draft.scheduledAt())));
                ps.setString(8, template.name());
                ps.setString(9, template.language());
                ps.setString(10, json(draft.variables().stream().map(VariableSource::toJson).toList()));
                Map<String, Object> audience = new java.util.LinkedHashMap<>(draft.audience().toJson());
                audience.put("description", draft.audience().describe());
                ps.setString(11, json(audience));
                ps.setObject(12, draft.capPerMinute());
                ps.setObject(13, draft.audience() instanceof Audience.Retarget r ? r.campaignId() : null);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getObject(1, UUID.class);
                }
            }
            materialize(c, id, draft, template);
            Notifications.announce(c, draft.tenantId(), Notifications.Kind.MESSAGES);
            int[] counts = counts(c, id);
            return new CreatedCampaign(id, status, counts[0], counts[1], counts[2], dailyLimit(c, draft.tenantId()));
        });
    }

    /** One INSERT … SELECT writes every recipient; then the refusals are checked on what it wrote (and undone by the rollback). */
    private static void materialize(Connection c, UUID campaignId, CampaignDraft draft, TemplateView template) throws SQLException {
        List<Object> binds = new ArrayList<>();
        binds.add(campaignId);
        String params = paramsSql(draft.variables(), binds);
        binds.add(draft.tenantId());
        String where = draft.audience().sql(binds);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO campaign_recipients (campaign_id, contact_id, tenant_id, seq, phone, params, state, reason)
                SELECT ?, c.id, c.tenant_id, (row_number() OVER (ORDER BY c.created_at, c.id))::int, c.phone, p.v,
                       CASE WHEN c.opted_out_at IS NOT NULL OR c.phone !~ '%1$s' THEN 'excluded' ELSE 'pending' END,
                       CASE WHEN c.opted_out_at IS NOT NULL THEN 'opted_out' WHEN c.phone !~ '%1$s' THEN 'invalid_phone' END
                FROM contacts c CROSS JOIN LATERAL (SELECT %2$s AS v) p
                WHERE c.tenant_id = ? AND (%3$s)""".formatted(PHONE_PATTERN, params, where))) {
            Binds.bind(c, ps, 1, binds);
            ps.executeUpdate();
        }
        int[] counts = counts(c, campaignId);
        if (counts[0] == 0) {
            throw emptyAudience(counts[0] + counts[1] + counts[2], counts[1], counts[2]);
        }
        for (int i = 1; i <= draft.variables().size(); i++) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*), MIN(phone) FROM campaign_recipients WHERE campaign_id = ? AND state = 'pending' AND params[" + i + "] IS NULL")) {
                ps.setObject(1, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        throw missingValue(i - 1, draft.variables().get(i - 1), rs.getInt(1), template);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE campaigns SET recipients = COALESCE((SELECT array_agg(phone ORDER BY seq) FROM campaign_recipients
                                                            WHERE campaign_id = ? AND state = 'pending'), '{}'),
                       excluded_count = ?, updated_at = NOW()
                WHERE id = ?""")) {
            ps.setObject(1, campaignId);
            ps.setInt(2, counts[1] + counts[2]);
            ps.setObject(3, campaignId);
            ps.executeUpdate();
        }
    }

    /** {recipients, opted out, invalid} of a materialized campaign. */
    private static int[] counts(Connection c, UUID campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(*) FILTER (WHERE state <> 'excluded'), COUNT(*) FILTER (WHERE reason = 'opted_out'),
                       COUNT(*) FILTER (WHERE state = 'excluded' AND reason <> 'opted_out')
                FROM campaign_recipients WHERE campaign_id = ?""")) {
            ps.setObject(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)};
            }
        }
    }

    private static ValidationException emptyAudience(int matched, int optedOut, int invalid) {
        return new ValidationException("audience", matched == 0 ? "no contact matches; a campaign needs at least one recipient"
                : "all " + matched + " matching contacts are excluded (" + optedOut + " opted out, " + invalid + " with an invalid phone); a campaign needs at least one recipient");
    }

    private static ValidationException missingValue(int index, VariableSource v, int count, TemplateView template) {
        return new ValidationException(variableName(index, template), "is filled from " + v.describe() + ", which is empty for " + count + " recipient"
                + (count == 1 ? "" : "s") + " and has no fallback; give a fallback (e.g. --param " + cliSpec(v) + "|Customer) or another source");
    }

    private static String cliSpec(VariableSource v) {
        return switch (v.kind()) {
            case NAME -> "name";
            case PHONE -> "phone";
            case EXTERNAL_REF -> "external_ref";
            case METADATA -> "metadata." + v.key();
            case TEXT -> "text:" + v.key();
        };
    }

    /** "variable {{2}}" (body) or "header variable {{1}}", for the index-th value. */
    static String variableName(int index, TemplateView template) {
        int header = RecipientMessage.headerValues(template);
        return index < header ? "header variable {{" + (index + 1) + "}}" : "variable {{" + (index - header + 1) + "}}";
    }

    /** ARRAY[...] of the variables' expressions over contacts c. */
    private static String paramsSql(List<VariableSource> variables, List<Object> binds) {
        if (variables.isEmpty()) {
            return "ARRAY[]::text[]";
        }
        List<String> parts = new ArrayList<>();
        for (VariableSource v : variables) {
            parts.add(v.sql(binds));
        }
        return "ARRAY[" + String.join(", ", parts) + "]::text[]";
    }

    private TemplateView checkTemplate(CampaignDraft draft) {
        if (draft.tenantId() == null) {
            throw new ValidationException("tenant", "must be given");
        }
        if (draft.audience() == null) {
            throw new ValidationException("audience", "must be given: all contacts, a filter, a CSV of phones or selected contacts");
        }
        if (draft.templateName() == null || draft.templateName().isBlank()) {
            throw new ValidationException("template", "must name an approved template");
        }
        if (draft.language() == null || draft.language().isBlank()) {
            throw new ValidationException("language", "must be the template's language code, such as en_US");
        }
        TemplateView t = templates.sendable(draft.tenantId(), draft.templateName(), draft.language());
        if (t.mediaHeader()) {
            throw new ValidationException("template", t.label() + " has a " + t.headerFormat().toLowerCase(java.util.Locale.ROOT)
                    + " header; campaigns send templates whose header is text or absent");
        }
        if (!t.parameterButtons().isEmpty()) {
            throw new ValidationException("template", t.label() + " has buttons that take a value per message; campaigns send templates without them");
        }
        int needed = RecipientMessage.headerValues(t) + RecipientMessage.bodyValues(t);
        if (draft.variables().size() != needed) {
            throw new ValidationException("variables", t.label() + " has " + needed + " variable" + (needed == 1 ? "" : "s")
                    + (t.headerPlaceholders().isEmpty() ? "" : " (header first, then body)") + "; " + draft.variables().size() + " given");
        }
        return t;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "must not be empty");
        }
        if (name.strip().length() > NAME_MAX) {
            throw new ValidationException("name", "must be at most " + NAME_MAX + " characters");
        }
        return name.strip();
    }

    /** The tenant's daily messaging limit (its sending number's tier), null when unknown or unlimited. */
    static Integer dailyLimit(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT messaging_limit_tier FROM whatsapp_accounts WHERE tenant_id = ? AND status = 'active'
                ORDER BY created_at, id LIMIT 1""")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                OptionalInt n = MessagingLimit.perDay(rs.getString(1));
                return n.isPresent() ? n.getAsInt() : null;
            }
        }
    }

    /** The tenant a campaign belongs to (the CLI names campaigns by id alone). */
    public UUID tenantOf(UUID campaignId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM campaigns WHERE id = ?")) {
                ps.setObject(1, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("campaign", "no campaign has id " + campaignId);
                    }
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    /** The tenant's time zone (schedules without an offset are read in it). */
    public ZoneId timeZone(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT time_zone FROM tenants WHERE id = ?")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("tenant", "no tenant has id " + tenantId);
                    }
                    return ZoneId.of(rs.getString(1));
                }
            }
        });
    }

    // ---- state machine ----

    /** Starts a draft or scheduled campaign now. */
    public CampaignSummary start(UUID tenantId, UUID id) {
        return move(tenantId, id, "start", List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED), CampaignStatus.RUNNING,
                "started_at = COALESCE(started_at, NOW()), resumed_at = NOW(), scheduled_at = COALESCE(scheduled_at, NOW())");
    }

    /** Schedules a draft (or moves a scheduled campaign) to {@code at}, which must be in the future. */
    public CampaignSummary schedule(UUID tenantId, UUID id, Instant at) {
        if (at == null || !at.isAfter(Instant.now())) {
            throw new ValidationException("scheduled_at", "must be in the future" + (at == null ? "" : " (" + at + " has passed)"));
        }
        return move(tenantId, id, "schedule", List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED), CampaignStatus.SCHEDULED,
                "scheduled_at = '" + Timestamp.valueOf(Clock.toUtc(at)) + "'::timestamp");
    }

    public CampaignSummary pause(UUID tenantId, UUID id) {
        return move(tenantId, id, "pause", List.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED, "pause_reason = 'Paused by hand'");
    }

    /** Resumes a paused campaign where it stopped; the auto-pause window starts afresh. */
    public CampaignSummary resume(UUID tenantId, UUID id) {
        return move(tenantId, id, "resume", List.of(CampaignStatus.PAUSED), CampaignStatus.RUNNING, "pause_reason = NULL, resumed_at = NOW()");
    }

    /**
     * Cancels: recipients not yet queued never get it, and queued messages that no sender has tried yet are taken
     * back out of the outbox (locked first, so a sender cannot be claiming one meanwhile); a message already on its
     * way finishes as it would.
     */
    public CampaignSummary cancel(UUID tenantId, UUID id) {
        CampaignSummary s = move(tenantId, id, "cancel", List.of(CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, CampaignStatus.PAUSED),
                CampaignStatus.CANCELLED, "completed_at = NOW(), waiting_reason = NULL");
        database.inJdbcTransaction(c -> {
            List<UUID> untried = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT m.id FROM messages m WHERE m.campaign_id = ? AND m.tenant_id = ? AND m.status = 'queued' AND m.send_attempts = 0
                    FOR UPDATE SKIP LOCKED""")) {
                ps.setObject(1, id);
                ps.setObject(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        untried.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            UUID[] ids = untried.toArray(UUID[]::new);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE campaign_recipients SET state = 'cancelled', reason = CASE WHEN state = 'queued' THEN 'taken_back' ELSE 'not_queued' END,
                           message_id = NULL, queued_at = NULL
                    WHERE campaign_id = ? AND (state = 'pending' OR message_id = ANY(?))""")) {
                ps.setObject(1, id);
                ps.setArray(2, c.createArrayOf("uuid", ids));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM messages WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", ids));
                ps.executeUpdate();
            }
            Notifications.announce(c, tenantId, Notifications.Kind.MESSAGES);
            return null;
        });
        return get(tenantId, id).orElse(s);
    }

    private CampaignSummary move(UUID tenantId, UUID id, String action, List<CampaignStatus> from, CampaignStatus to, String set) {
        return database.inJdbcTransaction(c -> {
            CampaignStatus current;
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM campaigns WHERE id = ? AND tenant_id = ? FOR UPDATE")) {
                ps.setObject(1, id);
                ps.setObject(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("campaign", "no campaign " + id + " in this tenant");
                    }
                    current = CampaignStatus.fromCode(rs.getString(1));
                }
            }
            if (to == CampaignStatus.RUNNING) {
                requireSendingNumber(c, tenantId);
            }
            if (!from.contains(current)) {
                throw new ValidationException("status", "cannot " + action + " a " + current.code() + " campaign (only a "
                        + String.join(" or ", from.stream().map(CampaignStatus::code).toList()) + " one)");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaigns SET status = ?, " + set + ", updated_at = NOW() WHERE id = ?")) {
                ps.setString(1, to.code());
                ps.setObject(2, id);
                ps.executeUpdate();
            }
            Notifications.announce(c, tenantId, Notifications.Kind.MESSAGES);
            return read(c, tenantId, id).orElseThrow();
        });
    }

    private static void requireSendingNumber(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM whatsapp_accounts WHERE tenant_id = ? AND status = 'active' LIMIT 1")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", "has no active WhatsApp number to send from; connect one first (whatsapp connect --tenant ID …)");
                }
            }
        }
    }

    // ---- reading ----

    static final String SUMMARY_COLUMNS = """
            c.id, c.tenant_id, c.name, c.description, c.status, c.template_name, c.template_language, c.audience ->> 'description',
            cardinality(c.recipients), c.excluded_count,
            (SELECT COUNT(*) FROM campaign_recipients r WHERE r.campaign_id = c.id AND r.state = 'pending')::int,
            c.sent_count, c.delivered_count, c.read_count, c.failed_count, c.limited_count,
            c.scheduled_at, c.started_at, c.completed_at, c.created_at, c.pause_reason, c.waiting_reason, c.cap_per_minute""";

    public Optional<CampaignSummary> get(UUID tenantId, UUID id) {
        return database.inJdbcTransaction(c -> read(c, tenantId, id));
    }

    static Optional<CampaignSummary> read(Connection c, UUID tenantId, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM campaigns c WHERE c.id = ? AND c.tenant_id = ?")) {
            ps.setObject(1, id);
            ps.setObject(2, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
            }
        }
    }

    /** The tenant's campaigns, newest first; {@code status} null for all. */
    public List<CampaignSummary> list(UUID tenantId, CampaignStatus status) {
        return database.inJdbcTransaction(c -> {
            List<CampaignSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS
                    + " FROM campaigns c WHERE c.tenant_id = ? AND (?::text IS NULL OR c.status = ?) ORDER BY c.created_at DESC, c.id DESC LIMIT 500")) {
                ps.setObject(1, tenantId);
                ps.setString(2, status == null ? null : status.code());
                ps.setString(3, status == null ? null : status.code());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(summary(rs));
                    }
                }
            }
            return out;
        });
    }

    private static CampaignSummary summary(ResultSet rs) throws SQLException {
        return new CampaignSummary(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                CampaignStatus.fromCode(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getInt(16), instant(rs, 17), instant(rs, 18), instant(rs, 19),
                instant(rs, 20), rs.getString(21), rs.getString(22), (Integer) rs.getObject(23));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime t = rs.getObject(column, LocalDateTime.class);
        return t == null ? null : Clock.toInstant(t);
    }

    // ---- new campaigns from old ones ----

    /** A new draft with the same template, variables, audience condition and cap ("Copy of …"); its recipients are materialized afresh. */
    public CreatedCampaign duplicate(UUID tenantId, UUID id) {
        CampaignDraft draft = draftOf(tenantId, id);
        if (draft.audience() == null) {
            throw new ValidationException("audience", "this campaign's audience was a list or a selection; duplicate it by creating a new one from the same list");
        }
        return create(draft.withName(copyName("Copy of ", draft.name())));
    }

    /** A new draft to the failed, unread or not-replied recipients of a campaign, with the same template and variables. */
    public CreatedCampaign retarget(UUID tenantId, UUID id, FunnelBucket bucket) {
        if (bucket != FunnelBucket.FAILED && bucket != FunnelBucket.UNREAD && bucket != FunnelBucket.NOT_REPLIED && bucket != FunnelBucket.LIMITED) {
            throw new ValidationException("bucket", "a retarget goes to the failed, limited, unread or not_replied recipients, not " + bucket.key());
        }
        CampaignDraft draft = draftOf(tenantId, id);
        return create(draft.withAudience(new Audience.Retarget(id, bucket)).withName(copyName("Retarget " + bucket.label() + ": ", draft.name())));
    }

    private static String copyName(String prefix, String name) {
        String n = prefix + name;
        return n.length() <= NAME_MAX ? n : n.substring(0, NAME_MAX);
    }

    @SuppressWarnings("unchecked")
    private CampaignDraft draftOf(UUID tenantId, UUID id) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT name, description, template_name, template_language, variables::text, audience::text, cap_per_minute
                    FROM campaigns WHERE id = ? AND tenant_id = ?""")) {
                ps.setObject(1, id);
                ps.setObject(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("campaign", "no campaign " + id + " in this tenant");
                    }
                    if (rs.getString(3) == null) {
                        throw new ValidationException("campaign", "was not created by Switchboard's campaign wizard; it has no template to reuse");
                    }
                    List<VariableSource> variables = new ArrayList<>();
                    for (Map<?, ?> v : (List<Map<?, ?>>) JSON.readValue(rs.getString(5), List.class)) {
                        variables.add(VariableSource.fromJson(v));
                    }
                    Map<String, Object> a = JSON.readValue(rs.getString(6), Map.class);
                    return new CampaignDraft(tenantId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), variables, audienceOf(a), null,
                            (Integer) rs.getObject(7));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored campaign JSON is unreadable", e);
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Audience audienceOf(Map<String, Object> a) {
        return switch (String.valueOf(a.get("kind"))) {
            case "all" -> new Audience.All();
            case "filter" -> new Audience.Filter((Map<String, String>) a.get("metadata"), (String) a.get("country"),
                    a.get("created_from") == null ? null : Instant.parse((String) a.get("created_from")),
                    a.get("created_to") == null ? null : Instant.parse((String) a.get("created_to")), (Integer) a.get("inbound_within_days"));
            case "retarget" -> new Audience.Retarget(UUID.fromString((String) a.get("campaign")), FunnelBucket.fromKey((String) a.get("bucket")));
            default -> null;
        };
    }

    private static List<String> values(java.sql.Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add((String) o);
            }
        }
        return out;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
