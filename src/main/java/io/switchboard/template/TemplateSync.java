package io.switchboard.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.channel.whatsapp.BusinessAccountCredentials;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Brings a tenant's templates from Meta: GET {base}/{waba_id}/message_templates, page after page
 * (paging.cursors.after while paging.next is present), for every WABA the tenant's numbers belong to.
 * All-or-nothing: every page of every WABA is read first, then one transaction upserts each template
 * per (tenant, name, language) and marks the tenant's templates Meta no longer lists as deleted at Meta.
 * A malformed page, a refusal or a network failure on any page writes nothing.
 */
public final class TemplateSync {
    static final String FIELDS = "id,name,language,status,category,components,rejected_reason,quality_score";
    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 500;

    private final Database database;
    private final WhatsAppAccountService accounts;
    private final CloudApiClient client;

    public TemplateSync(Database database, WhatsAppAccountService accounts, CloudApiClient client) {
        this.database = database;
        this.accounts = accounts;
        this.client = client;
    }

    /** What one sync did. */
    public record Report(int businessAccounts, int pages, int templates, int inserted, int updated, int markedDeleted) {
        public String summary() {
            return templates + " template" + (templates == 1 ? "" : "s") + " from " + businessAccounts + " WhatsApp Business Account"
                    + (businessAccounts == 1 ? "" : "s") + " (" + pages + " page" + (pages == 1 ? "" : "s") + "): " + inserted + " new, "
                    + updated + " updated, " + markedDeleted + " marked deleted at Meta";
        }
    }

    /** Syncs the tenant; throws ValidationException when it has no number with a WABA id, MetaApiException when Meta fails. */
    public Report sync(UUID tenantId) {
        List<BusinessAccountCredentials> wabas = accounts.businessAccounts(tenantId);
        if (wabas.isEmpty()) {
            throw new ValidationException("waba_id", "no active WhatsApp number of this tenant has a WhatsApp Business Account id; "
                    + "connect one with --waba-id (WhatsApp Manager shows it)");
        }
        // whole seconds, like the event times of Meta's webhooks, so the two compare fairly
        LocalDateTime started = Clock.nowUtc().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, MetaTemplate> fetched = new LinkedHashMap<>();
        int pages = 0;
        try {
            for (BusinessAccountCredentials waba : wabas) {
                pages += fetchAll(waba, fetched);
            }
        } catch (MetaApiException e) {
            recordFailure(tenantId, e.getMessage());
            throw e;
        }
        int total = pages;
        Report report = database.inJdbcTransaction(c -> apply(c, tenantId, wabas, fetched, started, total));
        return report;
    }

    private int fetchAll(BusinessAccountCredentials waba, Map<String, MetaTemplate> into) {
        String after = null;
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            String path = waba.wabaId() + "/message_templates?fields=" + FIELDS + "&limit=" + PAGE_SIZE
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            CloudApiClient.GraphReply reply = client.call("GET", waba.apiBaseUrl(), path, waba.accessToken(), null);
            String where = "WABA " + waba.wabaId() + ", page " + page;
            if (!reply.ok()) {
                throw new MetaApiException("Template sync failed (" + where + "): " + reply.problem());
            }
            JsonNode body = reply.body();
            JsonNode data = body.get("data");
            if (data == null || !data.isArray()) {
                throw new MetaApiException("Template sync failed (" + where + "): the answer has no \"data\" array");
            }
            for (int i = 0; i < data.size(); i++) {
                MetaTemplate t;
                try {
                    t = MetaTemplate.read(data.get(i), "data[" + i + "]");
                } catch (MetaApiException e) {
                    throw new MetaApiException("Template sync failed (" + where + "): " + e.getMessage());
                }
                into.put(t.name() + "\u0000" + t.language(), t);
            }
            JsonNode paging = body.path("paging");
            JsonNode next = paging.path("cursors").path("after");
            if (!paging.hasNonNull("next") || !next.isTextual() || next.asText().isBlank()) {
                return page;
            }
            if (!seen.add(next.asText())) {
                throw new MetaApiException("Template sync failed (" + where + "): paging.cursors.after repeats an earlier cursor");
            }
            after = next.asText();
        }
        throw new MetaApiException("Template sync failed (WABA " + waba.wabaId() + "): more than " + MAX_PAGES + " pages");
    }

    private static Report apply(Connection c, UUID tenantId, List<BusinessAccountCredentials> wabas, Map<String, MetaTemplate> fetched,
                                LocalDateTime started, int pages) throws SQLException {
        LocalDateTime now = Clock.nowUtc();
        int inserted = 0;
        int updated = 0;
        List<String> names = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(TemplateRows.UPSERT_FROM_META)) {
            for (MetaTemplate t : fetched.values()) {
                TemplateRows.bindUpsert(ps, tenantId, t, started, now);
                ps.addBatch();
                names.add(t.name());
                languages.add(t.language());
            }
            if (!fetched.isEmpty()) {
                ps.executeBatch();
            }
        }
        // xmax = 0 would tell inserts from updates per row, but batches return counts only: count before/after instead
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FILTER (WHERE created_at = ?) FROM templates WHERE tenant_id = ? AND synced_at = ?")) {
            ps.setObject(1, now);
            ps.setObject(2, tenantId);
            ps.setObject(3, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                inserted = rs.getInt(1);
            }
        }
        updated = fetched.size() - inserted;
        int deleted;
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE templates t SET deleted_at_meta = ?, meta_status = 'DELETED', status = 'disabled', status_at = ?, updated_at = ?
                WHERE t.tenant_id = ? AND t.deleted_at_meta IS NULL AND (t.status_at IS NULL OR t.status_at <= ?)
                  AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[]) AS k(name, language)
                                  WHERE k.name = t.name AND k.language = t.language)""")) {
            ps.setObject(1, now);
            ps.setObject(2, started);
            ps.setObject(3, now);
            ps.setObject(4, tenantId);
            ps.setObject(5, started);
            ps.setArray(6, c.createArrayOf("text", names.toArray()));
            ps.setArray(7, c.createArrayOf("text", languages.toArray()));
            deleted = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE whatsapp_accounts SET templates_synced_at = ?, templates_sync_error = NULL
                WHERE tenant_id = ? AND waba_id = ANY(?)""")) {
            ps.setObject(1, now);
            ps.setObject(2, tenantId);
            ps.setArray(3, c.createArrayOf("text", wabas.stream().map(BusinessAccountCredentials::wabaId).toArray()));
            ps.executeUpdate();
        }
        Notifications.announce(c, tenantId, Notifications.Kind.TEMPLATES);
        return new Report(wabas.size(), pages, fetched.size(), inserted, updated, deleted);
    }

    private void recordFailure(UUID tenantId, String message) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE whatsapp_accounts SET templates_sync_error = ? WHERE tenant_id = ? AND waba_id IS NOT NULL""")) {
                ps.setString(1, message.length() > 2000 ? message.substring(0, 2000) : message);
                ps.setObject(2, tenantId);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
