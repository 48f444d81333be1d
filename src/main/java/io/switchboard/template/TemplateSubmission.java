package io.switchboard.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.channel.whatsapp.BusinessAccountCredentials;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Creates and deletes templates at Meta: POST {base}/{waba_id}/message_templates with the draft (checked
 * against Meta's limits first), DELETE {base}/{waba_id}/message_templates?name=. The row is written only
 * after Meta accepted, with Meta's id and status (PENDING); the review's outcome arrives by webhook.
 */
public final class TemplateSubmission {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database database;
    private final WhatsAppAccountService accounts;
    private final CloudApiClient client;
    private final TemplateService templates;

    public TemplateSubmission(Database database, WhatsAppAccountService accounts, CloudApiClient client) {
        this.database = database;
        this.accounts = accounts;
        this.client = client;
        this.templates = new TemplateService(database);
    }

    /** Submits the draft for review; returns the stored template (pending). */
    public TemplateRow submit(UUID tenantId, TemplateDraft draft) {
        TemplateRules.check(draft);
        BusinessAccountCredentials waba = waba(tenantId);
        templates.find(tenantId, draft.name(), draft.language()).filter(t -> !t.deletedAtMeta()).ifPresent(t -> {
            throw new ValidationException("name", "this tenant already has " + draft.name() + " in " + draft.language()
                    + "; choose another name or language");
        });
        ObjectNode request = draft.toMetaJson();
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        CloudApiClient.GraphReply reply = client.call("POST", waba.apiBaseUrl(), waba.wabaId() + "/message_templates", waba.accessToken(), body);
        if (!reply.ok()) {
            throw new MetaApiException("Meta refused the template " + draft.name() + ": " + reply.problem());
        }
        JsonNode id = reply.body().get("id");
        JsonNode status = reply.body().get("status");
        if (id == null || !id.isValueNode() || id.asText().isBlank() || status == null || !status.isTextual()) {
            throw new MetaApiException("Meta's answer to the submission of " + draft.name() + " has no id and status: " + reply.body());
        }
        String category = reply.body().path("category").isTextual() ? reply.body().get("category").asText() : request.get("category").asText();
        JsonNode components = request.get("components");
        MetaTemplate created = new MetaTemplate(id.asText(), draft.name(), draft.language(), MetaTemplateValues.upper(status.asText()),
                MetaTemplateValues.upper(category), components.toString(), null, null, TemplateLayout.of(components));
        LocalDateTime now = Clock.nowUtc();
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(TemplateRows.UPSERT_FROM_META)) {
                TemplateRows.bindUpsert(ps, tenantId, created, now.truncatedTo(ChronoUnit.SECONDS), null, now);
                ps.executeUpdate();
            }
            Notifications.announce(c, tenantId, Notifications.Kind.TEMPLATES);
            return null;
        });
        return templates.find(tenantId, draft.name(), draft.language()).orElseThrow();
    }

    /** Meta's statuses under which a template may be edited; PENDING (in review), DISABLED and the rest may not. */
    public static final java.util.Set<String> EDITABLE = java.util.Set.of("APPROVED", "REJECTED", "PAUSED");

    /** Whether Meta lets the row be edited now (the 24-hour and 30-day limits of approved ones are Meta's to check). */
    public static boolean editable(TemplateRow row) {
        return row.metaTemplateId() != null && !row.deletedAtMeta() && row.metaStatus() != null && EDITABLE.contains(row.metaStatus());
    }

    /**
     * Edits a template at Meta: POST {base}/{template_id} with the new category and components. Name and language
     * identify it and cannot change. Meta puts the edited template back in review (PENDING); the row is rewritten
     * only after Meta accepted, and the review's outcome arrives by webhook as for a new submission.
     */
    public TemplateRow edit(UUID tenantId, TemplateDraft draft) {
        TemplateRules.check(draft);
        TemplateRow row = templates.find(tenantId, draft.name(), draft.language()).filter(t -> !t.deletedAtMeta())
                .orElseThrow(() -> new ValidationException("name", "this tenant has no template " + draft.name() + " in " + draft.language()
                        + " to edit (name and language cannot be changed by an edit)"));
        if (row.metaTemplateId() == null) {
            throw new ValidationException("template", draft.name() + " (" + draft.language() + ") was never accepted by Meta, so it cannot be edited");
        }
        if (!editable(row)) {
            throw new ValidationException("status", "Meta only lets APPROVED, REJECTED or PAUSED templates be edited; "
                    + draft.name() + " (" + draft.language() + ") is " + row.metaStatus());
        }
        BusinessAccountCredentials waba = waba(tenantId);
        ObjectNode full = draft.toMetaJson();
        ObjectNode request = JSON.createObjectNode();
        request.set("category", full.get("category"));
        request.set("components", full.get("components"));
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        CloudApiClient.GraphReply reply = client.call("POST", waba.apiBaseUrl(), row.metaTemplateId(), waba.accessToken(), body);
        if (!reply.ok()) {
            throw new MetaApiException("Meta refused the edit of " + draft.name() + " (" + draft.language() + "): " + reply.problem());
        }
        JsonNode components = request.get("components");
        MetaTemplate edited = new MetaTemplate(row.metaTemplateId(), draft.name(), draft.language(), "PENDING",
                MetaTemplateValues.upper(request.get("category").asText()), components.toString(), null, null, TemplateLayout.of(components));
        LocalDateTime now = Clock.nowUtc();
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(TemplateRows.UPSERT_FROM_META)) {
                TemplateRows.bindUpsert(ps, tenantId, edited, now.truncatedTo(ChronoUnit.SECONDS), null, now);
                ps.executeUpdate();
            }
            // Meta's acceptance of the edit is newer than any status seen so far, even one stamped in this same second
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE templates SET status = 'pending', meta_status = 'PENDING', rejection_reason = NULL,
                           status_at = GREATEST(status_at, ?) WHERE tenant_id = ? AND name = ? AND language = ?""")) {
                ps.setObject(1, now.truncatedTo(ChronoUnit.SECONDS));
                ps.setObject(2, tenantId);
                ps.setString(3, draft.name());
                ps.setString(4, draft.language());
                ps.executeUpdate();
            }
            Notifications.announce(c, tenantId, Notifications.Kind.TEMPLATES);
            return null;
        });
        return templates.find(tenantId, draft.name(), draft.language()).orElseThrow();
    }

    /** Deletes every language of the template at Meta, then marks the rows deleted at Meta; returns how many rows. */
    public int delete(UUID tenantId, String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "must name the template to delete");
        }
        BusinessAccountCredentials waba = waba(tenantId);
        CloudApiClient.GraphReply reply = client.call("DELETE", waba.apiBaseUrl(),
                waba.wabaId() + "/message_templates?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8), waba.accessToken(), null);
        if (!reply.ok()) {
            throw new MetaApiException("Meta did not delete " + name + ": " + reply.problem());
        }
        LocalDateTime now = Clock.nowUtc();
        return database.inJdbcTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE templates SET deleted_at_meta = COALESCE(deleted_at_meta, ?), meta_status = 'DELETED', status = 'disabled',
                           status_at = GREATEST(status_at, ?), updated_at = ?
                    WHERE tenant_id = ? AND name = ?""")) {
                ps.setObject(1, now);
                ps.setObject(2, now.truncatedTo(ChronoUnit.SECONDS));
                ps.setObject(3, now);
                ps.setObject(4, tenantId);
                ps.setString(5, name);
                n = ps.executeUpdate();
            }
            Notifications.announce(c, tenantId, Notifications.Kind.TEMPLATES);
            return n;
        });
    }

    /** A new draft with the stored template's content under {@code newName}: the editor's Duplicate. */
    public TemplateDraft duplicate(UUID tenantId, UUID templateId, String newName) {
        TemplateRow row = templates.get(tenantId, templateId)
                .orElseThrow(() -> new ValidationException("template", "no template " + templateId + " in this tenant"));
        return templates.draftOf(row).withName(newName);
    }

    private BusinessAccountCredentials waba(UUID tenantId) {
        List<BusinessAccountCredentials> wabas = accounts.businessAccounts(tenantId);
        if (wabas.isEmpty()) {
            throw new ValidationException("waba_id", "no active WhatsApp number of this tenant has a WhatsApp Business Account id; "
                    + "connect one with --waba-id");
        }
        return wabas.get(0);
    }

}
