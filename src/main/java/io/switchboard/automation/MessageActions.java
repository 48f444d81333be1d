package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.channel.Channel;
import io.switchboard.common.ValidationException;
import io.switchboard.conversation.ConversationRows;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxRows;
import io.switchboard.delivery.QueuedMessage;
import io.switchboard.delivery.ServiceWindow;
import io.switchboard.template.TemplateRow;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * send_message and send_template: a row in the outbox, in the run's transaction, marked with the automation so its
 * statuses never trigger automations. A free-form text outside the 24-hour window falls back to the configured
 * template or fails with WhatsApp's reason; a template Meta paused or disabled pauses the automation and says why.
 */
final class MessageActions {
    private final TemplateService templates;

    MessageActions(TemplateService templates) {
        this.templates = templates;
    }

    ActionOutcome sendMessage(Connection c, RunContext ctx) throws SQLException {
        Target t = target(c, ctx);
        if (t.optedOut()) {
            return ActionOutcome.failed("the contact opted out of messages");
        }
        String text = ctx.variables().render(ctx.actionConfig().get("text").asText());
        JsonNode fallback = ctx.actionConfig().get("fallback_template");
        try {
            return queued(c, ctx, t.conversationId(), OutboundContent.text(text), "text");
        } catch (ValidationException e) {
            if (!e.getMessage().contains(ServiceWindow.CLOSED_REASON)) {
                return ActionOutcome.failed(e.getMessage());
            }
            if (fallback == null || fallback.isNull()) {
                return ActionOutcome.failed("outside the 24-hour window: " + ServiceWindow.CLOSED_REASON);
            }
            return sendTemplate(c, ctx, t, fallback, "outside the 24-hour window, fell back to template ");
        }
    }

    ActionOutcome sendTemplate(Connection c, RunContext ctx) throws SQLException {
        Target t = target(c, ctx);
        if (t.optedOut()) {
            return ActionOutcome.failed("the contact opted out of messages");
        }
        return sendTemplate(c, ctx, t, ctx.actionConfig(), "template ");
    }

    private ActionOutcome sendTemplate(Connection c, RunContext ctx, Target t, JsonNode config, String what) throws SQLException {
        String name = config.get("name").asText();
        String language = config.get("language").asText();
        Optional<TemplateRow> row = templates.find(ctx.tenantId(), name, language);
        String problem = row.map(TemplateRow::unusableReason).orElse("no longer exists in this tenant");
        if (row.isPresent() && "approved".equals(row.get().status()) && !row.get().deletedAtMeta()) {
            problem = null; // hidden from agents is the composer's business, not an automation's
        }
        if (problem != null) {
            String reason = "template " + name + " (" + language + ") cannot be sent: " + problem;
            pause(c, ctx.automationId(), reason);
            return ActionOutcome.failed(reason + "; the automation paused itself");
        }
        TemplateView view = templates.sendable(ctx.tenantId(), name, language);
        List<String> header = AutomationRules.params(config, "header_params").stream().map(ctx.variables()::render).toList();
        List<String> body = AutomationRules.params(config, "body_params").stream().map(ctx.variables()::render).toList();
        try {
            return queued(c, ctx, t.conversationId(), TemplateService.content(view, header, body), what + name + " (" + language + ")");
        } catch (ValidationException e) {
            return ActionOutcome.failed(e.getMessage());
        }
    }

    private static ActionOutcome queued(Connection c, RunContext ctx, UUID conversationId, OutboundContent content, String what) throws SQLException {
        QueuedMessage m = OutboxRows.queue(c, ctx.tenantId(), conversationId, content);
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET automation_id = ? WHERE id = ?")) {
            ps.setObject(1, ctx.automationId());
            ps.setObject(2, m.messageId());
            ps.executeUpdate();
        }
        return ActionOutcome.ok("queued " + what + " message " + m.messageId() + ": " + abbreviate(content.content()));
    }

    static void pause(Connection c, UUID automationId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE automations SET status = 'paused', status_reason = ?, updated_at = NOW() WHERE id = ?")) {
            ps.setString(1, reason);
            ps.setObject(2, automationId);
            ps.executeUpdate();
        }
    }

    record Target(UUID conversationId, boolean optedOut) {
    }

    /** The run's conversation, or the contact's active one (opened if none). */
    static Target target(Connection c, RunContext ctx) throws SQLException {
        if (ctx.contactId() == null) {
            throw new ValidationException("contact", "this run has no contact to send to");
        }
        boolean optedOut;
        try (PreparedStatement ps = c.prepareStatement("SELECT opted_out_at IS NOT NULL FROM contacts WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, ctx.tenantId());
            ps.setObject(2, ctx.contactId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("contact", "the contact no longer exists");
                }
                optedOut = rs.getBoolean(1);
            }
        }
        UUID conversation = ctx.conversationId();
        if (conversation == null || archived(c, conversation)) {
            conversation = ConversationRows.findOrOpen(c, ctx.tenantId(), ctx.contactId(), Channel.WHATSAPP, false);
        }
        return new Target(conversation, optedOut);
    }

    private static boolean archived(Connection c, UUID conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM conversations WHERE id = ?")) {
            ps.setObject(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || "archived".equals(rs.getString(1));
            }
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 120 ? s.substring(0, 119) + "…" : s;
    }
}
