package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Notifications;
import io.switchboard.delivery.OutboundContent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * update_contact: name, external ref, metadata keys (null removes one), opt-out set or cleared (source
 * 'automation'; setting it twice keeps the first time), the conversation closed or reopened, then an optional
 * reply (the STOP recipe's confirmation), all in the run's transaction.
 */
final class ContactAction {
    private ContactAction() {
    }

    static ActionOutcome run(Connection c, RunContext ctx) throws SQLException {
        if (ctx.contactId() == null) {
            return ActionOutcome.failed("this run has no contact to update");
        }
        ObjectNode cfg = ctx.actionConfig();
        Variables v = ctx.variables();
        List<String> done = new ArrayList<>();
        if (cfg.has("name")) {
            update(c, ctx, "name = ?", v.render(cfg.get("name").asText()));
            done.add("name");
        }
        if (cfg.has("external_ref")) {
            String ref = cfg.get("external_ref").isNull() ? null : v.render(cfg.get("external_ref").asText());
            update(c, ctx, "external_ref = ?", ref == null || ref.isBlank() ? null : ref);
            done.add("external ref");
        }
        if (cfg.has("metadata")) {
            ObjectNode set = AutomationDraft.JSON.createObjectNode();
            List<String> removed = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) cfg.get("metadata")::fields) {
                if (e.getValue().isNull()) {
                    removed.add(e.getKey());
                } else {
                    set.set(e.getKey(), e.getValue().isTextual() ? set.textNode(v.render(e.getValue().asText())) : e.getValue());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE contacts SET metadata = (COALESCE(metadata, '{}'::jsonb) - ?::text[]) || ?::jsonb, updated_at = NOW()
                    WHERE tenant_id = ? AND id = ?""")) {
                ps.setArray(1, c.createArrayOf("text", removed.toArray()));
                ps.setString(2, set.toString());
                ps.setObject(3, ctx.tenantId());
                ps.setObject(4, ctx.contactId());
                ps.executeUpdate();
            }
            List<String> keys = new ArrayList<>();
            cfg.get("metadata").fieldNames().forEachRemaining(keys::add);
            done.add("metadata " + String.join(", ", keys));
        }
        if (cfg.has("opt_out")) {
            if ("set".equals(cfg.get("opt_out").asText())) {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE contacts SET opted_out_at = COALESCE(opted_out_at, NOW()),
                               opt_out_source = CASE WHEN opted_out_at IS NULL THEN 'automation' ELSE opt_out_source END, updated_at = NOW()
                        WHERE tenant_id = ? AND id = ?""")) {
                    ps.setObject(1, ctx.tenantId());
                    ps.setObject(2, ctx.contactId());
                    ps.executeUpdate();
                }
                done.add("opted out");
            } else {
                update(c, ctx, "opted_out_at = NULL, opt_out_source = ?", null);
                done.add("opt-out cleared");
            }
        }
        if (cfg.has("conversation")) {
            boolean close = "close".equals(cfg.get("conversation").asText());
            if (ctx.conversationId() == null) {
                return ActionOutcome.failed("this run has no conversation to " + (close ? "close" : "reopen"));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET status = ?, updated_at = NOW() WHERE tenant_id = ? AND id = ?"
                    + " AND status <> 'archived'")) {
                ps.setString(1, close ? "closed" : "open");
                ps.setObject(2, ctx.tenantId());
                ps.setObject(3, ctx.conversationId());
                ps.executeUpdate();
            }
            Notifications.announce(c, ctx.tenantId(), Notifications.Kind.CONVERSATIONS);
            done.add(close ? "conversation closed" : "conversation reopened");
        }
        Notifications.announce(c, ctx.tenantId(), Notifications.Kind.CONTACTS);
        String result = "updated: " + String.join("; ", done);
        if (cfg.hasNonNull("reply")) {
            MessageActions.Target t = MessageActions.target(c, ctx);
            try {
                var m = io.switchboard.delivery.OutboxRows.queue(c, ctx.tenantId(), t.conversationId(), OutboundContent.text(v.render(cfg.get("reply").asText())));
                try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET automation_id = ? WHERE id = ?")) {
                    ps.setObject(1, ctx.automationId());
                    ps.setObject(2, m.messageId());
                    ps.executeUpdate();
                }
                result += "; reply queued as message " + m.messageId();
            } catch (ValidationException e) {
                result += "; reply not sent: " + e.getMessage();
            }
        }
        return ActionOutcome.ok(result);
    }

    private static void update(Connection c, RunContext ctx, String set, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET " + set + ", updated_at = NOW() WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, value);
            ps.setObject(2, ctx.tenantId());
            ps.setObject(3, ctx.contactId());
            ps.executeUpdate();
        }
    }
}
