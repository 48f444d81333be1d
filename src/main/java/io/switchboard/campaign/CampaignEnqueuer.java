package io.switchboard.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.template.TemplateView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Moves a running campaign's pending recipients into the outbox, exactly once. One transaction takes the next
 * pending recipients with FOR UPDATE SKIP LOCKED (so two workers, in any processes, take different ones), inserts
 * their messages and marks them queued with their message ids. A crash before the commit leaves them pending and
 * inserts nothing; after it, they are queued and never taken again. The unique message_id is the last guard.
 * Recipients who opted out since the campaign was created are excluded here instead.
 */
public final class CampaignEnqueuer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database database;

    public CampaignEnqueuer(Database database) {
        this.database = database;
    }

    /** Recipient as taken from the table. */
    private record Taken(UUID contactId, List<String> values, boolean optedOut) {
    }

    /**
     * The worker's step for one running campaign: as many pending recipients as its limits allow right now — the
     * outbox backlog kept to about three seconds of the number's rate (so pausing holds back little, and an agent's
     * reply is not stuck behind a campaign), the campaign's cap per minute, and the number's daily messaging limit
     * counted over every campaign of the tenant in the last 24 hours. One worker per tenant at a time (an advisory
     * lock), so two processes cannot both spend the same allowance. Returns how many were queued.
     */
    public int queueNext(UUID tenantId, UUID campaignId, TemplateView template, int batch) {
        int allowed = database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('campaign-tenant:' || ?::text))")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            int n = Math.min(batch, CampaignLimits.allowance(c, tenantId, campaignId));
            return n <= 0 ? 0 : enqueueIn(c, tenantId, campaignId, template, n);
        });
        return allowed;
    }

    /**
     * Queues up to {@code max} pending recipients of the campaign, if it is running; returns how many messages were
     * queued. {@code template} is the campaign's template as it is now.
     */
    public int enqueue(UUID tenantId, UUID campaignId, TemplateView template, int max) {
        if (max <= 0) {
            return 0;
        }
        return database.inJdbcTransaction(c -> enqueueIn(c, tenantId, campaignId, template, max));
    }

    private static int enqueueIn(Connection c, UUID tenantId, UUID campaignId, TemplateView template, int max) throws SQLException {
        {
            // FOR SHARE: a pause or cancel waits for this batch to commit, then the sender holds or takes back its messages.
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM campaigns WHERE id = ? AND tenant_id = ? AND status = 'running' FOR SHARE")) {
                ps.setObject(1, campaignId);
                ps.setObject(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return 0;
                    }
                }
            }
            List<Taken> taken = take(c, campaignId, max);
            if (taken.isEmpty()) {
                return 0;
            }
            List<UUID> optedOut = new ArrayList<>();
            List<Taken> sending = new ArrayList<>();
            for (Taken t : taken) {
                if (t.optedOut()) {
                    optedOut.add(t.contactId());
                } else {
                    sending.add(t);
                }
            }
            exclude(c, campaignId, optedOut);
            if (!sending.isEmpty()) {
                queue(c, tenantId, campaignId, template, sending);
                Notifications.announce(c, tenantId, Notifications.Kind.MESSAGES);
            }
            return sending.size();
        }
    }

    private static void exclude(Connection c, UUID campaignId, List<UUID> contacts) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE campaign_recipients SET state = 'excluded', reason = 'opted_out' WHERE campaign_id = ? AND contact_id = ANY(?)""")) {
            ps.setObject(1, campaignId);
            ps.setArray(2, c.createArrayOf("uuid", contacts.toArray()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE campaigns SET excluded_count = (SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND state = 'excluded')
                WHERE id = ?""")) {
            ps.setObject(1, campaignId);
            ps.setObject(2, campaignId);
            ps.executeUpdate();
        }
    }

    /** Opens a conversation where the contact has none, inserts the messages and marks the recipients queued: set-wise, a few statements per batch. */
    private static void queue(Connection c, UUID tenantId, UUID campaignId, TemplateView template, List<Taken> sending) throws SQLException {
        UUID[] contacts = sending.stream().map(Taken::contactId).toArray(UUID[]::new);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO conversations (tenant_id, contact_id, channel, status, created_at, updated_at)
                SELECT ?, x, 'whatsapp', 'open', NOW(), NOW() FROM unnest(?::uuid[]) x
                ON CONFLICT (tenant_id, contact_id, channel) WHERE status <> 'archived' DO NOTHING""")) {
            ps.setObject(1, tenantId);
            ps.setArray(2, c.createArrayOf("uuid", contacts));
            ps.executeUpdate();
        }
        String[] contents = new String[sending.size()];
        String[] metadata = new String[sending.size()];
        for (int i = 0; i < sending.size(); i++) {
            OutboundContent content = RecipientMessage.content(template, sending.get(i).values());
            contents[i] = content.content();
            metadata[i] = json(content.metadata());
        }
        Map<UUID, UUID> messageOf = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, metadata,
                                      status, campaign_id, created_at, updated_at)
                SELECT ?, cv.id, t.contact_id, 'whatsapp', 'outbound', 'template', 'template', t.content, t.metadata::jsonb, 'queued', ?, NOW(), NOW()
                FROM unnest(?::uuid[], ?::text[], ?::text[]) WITH ORDINALITY AS t(contact_id, content, metadata, n)
                -- a lookup per recipient by uq_conversations_active_per_contact. As a plain join, the planner, whose
                -- statistics still knew the conversations table from before this campaign opened thousands, rescanned it
                -- whole for every recipient (1,560 messages/s at 100,000); OFFSET 0 keeps the lookup a lookup.
                JOIN LATERAL (SELECT cv.id FROM conversations cv
                              WHERE cv.tenant_id = ? AND cv.contact_id = t.contact_id AND cv.channel = 'whatsapp' AND cv.status <> 'archived'
                              OFFSET 0) cv ON TRUE
                ORDER BY t.n
                RETURNING id, contact_id""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, campaignId);
            ps.setArray(3, c.createArrayOf("uuid", contacts));
            ps.setArray(4, c.createArrayOf("text", contents));
            ps.setArray(5, c.createArrayOf("text", metadata));
            ps.setObject(6, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (messageOf.put(rs.getObject(2, UUID.class), rs.getObject(1, UUID.class)) != null) {
                        throw new IllegalStateException("two open conversations for one contact");
                    }
                }
            }
        }
        if (messageOf.size() != contacts.length) {
            throw new IllegalStateException("queued " + messageOf.size() + " messages for " + contacts.length + " recipients");
        }
        UUID[] messages = new UUID[contacts.length];
        for (int i = 0; i < contacts.length; i++) {
            messages[i] = messageOf.get(contacts[i]);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE campaign_recipients r SET state = 'queued', message_id = t.message_id, queued_at = NOW()
                FROM unnest(?::uuid[], ?::uuid[]) AS t(contact_id, message_id)
                WHERE r.campaign_id = ? AND r.contact_id = t.contact_id AND r.state = 'pending'""")) {
            ps.setArray(1, c.createArrayOf("uuid", contacts));
            ps.setArray(2, c.createArrayOf("uuid", messages));
            ps.setObject(3, campaignId);
            if (ps.executeUpdate() != contacts.length) {
                throw new IllegalStateException("recipients changed while being queued");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE conversations SET last_message_at = NOW(), updated_at = NOW()
                WHERE tenant_id = ? AND contact_id = ANY(?) AND channel = 'whatsapp' AND status <> 'archived'""")) {
            ps.setObject(1, tenantId);
            ps.setArray(2, c.createArrayOf("uuid", contacts));
            ps.executeUpdate();
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Taken> take(Connection c, UUID campaignId, int max) throws SQLException {
        List<Taken> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.contact_id, r.params, ct.opted_out_at IS NOT NULL FROM campaign_recipients r JOIN contacts ct ON ct.id = r.contact_id
                WHERE r.campaign_id = ? AND r.state = 'pending' ORDER BY r.seq LIMIT ? FOR UPDATE OF r SKIP LOCKED""")) {
            ps.setObject(1, campaignId);
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (Object o : (Object[]) rs.getArray(2).getArray()) {
                        values.add((String) o);
                    }
                    out.add(new Taken(rs.getObject(1, UUID.class), values, rs.getBoolean(3)));
                }
            }
        }
        return out;
    }
}
