package io.switchboard.testing;

import io.switchboard.channel.Channel;
import io.switchboard.contact.ContactRows;
import io.switchboard.conversation.ConversationRows;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.UUID;

/** Rows for inbox tests, written with SQL the way the WhatsApp pipeline and the sender write them. */
public final class InboxFixtures {
    private final Database db;

    public InboxFixtures(Database db) {
        this.db = db;
    }

    public UUID tenant(String name) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name) VALUES (?) RETURNING id")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    public UUID contact(UUID tenant, String phone, String name) {
        return db.inJdbcTransaction(c -> ContactRows.upsert(c, tenant, phone, name));
    }

    /** A conversation with an explicit status and last activity (null: never had a message). */
    public UUID conversation(UUID tenant, UUID contact, String status, LocalDateTime lastMessageAt) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO conversations (tenant_id, contact_id, channel, status, last_message_at, created_at, updated_at)
                    VALUES (?, ?, 'whatsapp', ?, ?, NOW(), NOW()) RETURNING id""")) {
                ps.setObject(1, tenant);
                ps.setObject(2, contact);
                ps.setString(3, status);
                ps.setObject(4, lastMessageAt);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    public void markReadAt(UUID conversation, LocalDateTime at) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET last_read_at = ? WHERE id = ?")) {
                ps.setObject(1, at);
                ps.setObject(2, conversation);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A message in a conversation; moves last_message_at (and last_inbound_at for inbound) like the pipeline does, and announces it. */
    public UUID message(UUID tenant, UUID conversation, String direction, String type, String contentType, String content, String metadataJson,
                        String status, LocalDateTime createdAt) {
        return db.inJdbcTransaction(c -> {
            UUID id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, metadata,
                                          status, created_at, updated_at)
                    SELECT ?, cv.id, cv.contact_id, 'whatsapp', ?, ?, ?, ?, ?::jsonb, ?, ?, ? FROM conversations cv WHERE cv.id = ?
                    RETURNING id""")) {
                ps.setObject(1, tenant);
                ps.setString(2, direction);
                ps.setString(3, type);
                ps.setString(4, contentType);
                ps.setString(5, content);
                ps.setString(6, metadataJson);
                ps.setString(7, status);
                ps.setObject(8, createdAt);
                ps.setObject(9, createdAt);
                ps.setObject(10, conversation);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getObject(1, UUID.class);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE conversations SET last_message_at = GREATEST(COALESCE(last_message_at, ?), ?) WHERE id = ?""")) {
                ps.setObject(1, createdAt);
                ps.setObject(2, createdAt);
                ps.setObject(3, conversation);
                ps.executeUpdate();
            }
            if ("inbound".equals(direction)) {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE contacts SET last_inbound_at = GREATEST(COALESCE(last_inbound_at, ?), ?)
                        WHERE id = (SELECT contact_id FROM conversations WHERE id = ?)""")) {
                    ps.setObject(1, createdAt);
                    ps.setObject(2, createdAt);
                    ps.setObject(3, conversation);
                    ps.executeUpdate();
                }
            }
            Notifications.announce(c, tenant, Notifications.Kind.MESSAGES);
            return id;
        });
    }

    public UUID text(UUID tenant, UUID conversation, String direction, String text, LocalDateTime at) {
        return message(tenant, conversation, direction, "text", "text", text, null, "inbound".equals(direction) ? "delivered" : "sent", at);
    }

    /** What the inbound pipeline does for a customer's text: contact, (re)opened conversation, message, NOTIFY. */
    public UUID customerWrites(UUID tenant, String phone, String name, String text) {
        UUID conversation = db.inJdbcTransaction(c -> {
            UUID contact = ContactRows.upsert(c, tenant, phone, name);
            return ConversationRows.findOrOpen(c, tenant, contact, Channel.WHATSAPP, true);
        });
        text(tenant, conversation, "inbound", text, LocalDateTime.now(java.time.ZoneOffset.UTC));
        return conversation;
    }

    /** What the sender does when Meta answers: a status moves forward. */
    public void setStatus(UUID message, String status) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE messages SET status = ?, updated_at = NOW() WHERE id = ? RETURNING tenant_id")) {
                ps.setString(1, status);
                ps.setObject(2, message);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Notifications.announce(c, rs.getObject(1, UUID.class), Notifications.Kind.STATUSES);
                }
            }
            return null;
        });
    }

    public void approvedTemplate(UUID tenant, String name, String header, String body, String footer) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO templates (tenant_id, name, language, header_text, body, footer_text, category, status)
                    VALUES (?, ?, 'en_US', ?, ?, ?, 'transactional', 'approved')""")) {
                ps.setObject(1, tenant);
                ps.setString(2, name);
                ps.setString(3, header);
                ps.setString(4, body);
                ps.setString(5, footer);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
