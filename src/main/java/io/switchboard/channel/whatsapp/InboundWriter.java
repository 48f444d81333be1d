package io.switchboard.channel.whatsapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores a batch of inbound messages with one multi-row statement per table: contacts upserted
 * (profile name fills an empty name and is kept in metadata; last_inbound_at moves forward),
 * conversations found or opened (a closed one reopens, an archived one stays archived and a new
 * one opens — the rule of {@code ConversationRows.findOrOpen} with reopen, set-based), messages
 * inserted once per (tenant, wamid). Rows are locked in a fixed order (tenant, phone / contact id)
 * so two pollers never deadlock on the same contacts. Runs in the caller's transaction.
 */
final class InboundWriter {
    record TenantMessage(UUID tenantId, InboundMessage message) {
    }

    private InboundWriter() {
    }

    /** Stores the messages not stored before; returns the tenants that got new messages. */
    static Set<UUID> write(Connection c, List<TenantMessage> batch) throws SQLException {
        List<TenantMessage> fresh = withoutKnown(c, batch);
        if (fresh.isEmpty()) {
            return Set.of();
        }
        Map<String, UUID> contactIds = upsertContacts(c, fresh);
        Map<UUID, UUID> conversationIds = openConversations(c, fresh, contactIds);
        return insertMessages(c, fresh, contactIds, conversationIds);
    }

    /** Drops messages already stored (a webhook delivered twice) and repeats within the batch. */
    private static List<TenantMessage> withoutKnown(Connection c, List<TenantMessage> batch) throws SQLException {
        Map<String, TenantMessage> unique = new LinkedHashMap<>();
        for (TenantMessage m : batch) {
            unique.putIfAbsent(key(m.tenantId(), m.message().wamid()), m);
        }
        List<UUID> tenants = new ArrayList<>();
        List<String> wamids = new ArrayList<>();
        unique.values().forEach(m -> {
            tenants.add(m.tenantId());
            wamids.add(m.message().wamid());
        });
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.tenant_id, m.external_message_id FROM messages m
                JOIN unnest(?::uuid[], ?::text[]) AS k(tenant_id, wamid) ON m.tenant_id = k.tenant_id AND m.external_message_id = k.wamid""")) {
            ps.setArray(1, SqlArrays.uuids(c, tenants));
            ps.setArray(2, SqlArrays.texts(c, wamids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unique.remove(key(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
        }
        return new ArrayList<>(unique.values());
    }

    private record ContactRow(UUID tenantId, String phone, String waId, String name, Instant lastInbound) {
    }

    private static Map<String, UUID> upsertContacts(Connection c, List<TenantMessage> messages) throws SQLException {
        Map<String, ContactRow> rows = new HashMap<>();
        for (TenantMessage tm : messages) {
            InboundMessage m = tm.message();
            rows.merge(key(tm.tenantId(), m.fromE164()),
                    new ContactRow(tm.tenantId(), m.fromE164(), m.fromWaId(), m.profileName(), m.timestamp()),
                    (a, b) -> {
                        boolean bNewer = b.lastInbound().isAfter(a.lastInbound());
                        ContactRow newer = bNewer ? b : a;
                        ContactRow older = bNewer ? a : b;
                        return new ContactRow(a.tenantId(), a.phone(), newer.waId(),
                                newer.name() != null ? newer.name() : older.name(), newer.lastInbound());
                    });
        }
        List<ContactRow> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing((ContactRow r) -> r.tenantId().toString()).thenComparing(ContactRow::phone));
        Map<String, UUID> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO contacts (tenant_id, phone, name, metadata, last_inbound_at, created_at, updated_at)
                SELECT x.tenant_id, x.phone, x.name,
                       jsonb_strip_nulls(jsonb_build_object('wa_id', x.wa_id, 'whatsapp_profile_name', x.name)),
                       x.last_inbound, NOW(), NOW()
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamp[])
                     WITH ORDINALITY AS x(tenant_id, phone, name, wa_id, last_inbound, n)
                ORDER BY x.n
                ON CONFLICT (tenant_id, phone) DO UPDATE
                   SET name = COALESCE(contacts.name, EXCLUDED.name),
                       metadata = CASE WHEN contacts.metadata IS NULL OR jsonb_typeof(contacts.metadata) = 'object'
                                       THEN COALESCE(contacts.metadata, '{}'::jsonb) || EXCLUDED.metadata
                                       ELSE contacts.metadata END,
                       last_inbound_at = GREATEST(contacts.last_inbound_at, EXCLUDED.last_inbound_at),
                       updated_at = CASE WHEN contacts.name IS NULL AND EXCLUDED.name IS NOT NULL THEN NOW() ELSE contacts.updated_at END
                RETURNING id, tenant_id, phone""")) {
            ps.setArray(1, SqlArrays.uuids(c, sorted.stream().map(ContactRow::tenantId).toList()));
            ps.setArray(2, SqlArrays.texts(c, sorted.stream().map(ContactRow::phone).toList()));
            ps.setArray(3, SqlArrays.texts(c, sorted.stream().map(ContactRow::name).toList()));
            ps.setArray(4, SqlArrays.texts(c, sorted.stream().map(ContactRow::waId).toList()));
            ps.setArray(5, SqlArrays.timestamps(c, sorted.stream().map(ContactRow::lastInbound).toList()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(key(rs.getObject(2, UUID.class), rs.getString(3)), rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** contact id → conversation id, with last_message_at moved forward to the newest message. */
    private static Map<UUID, UUID> openConversations(Connection c, List<TenantMessage> messages, Map<String, UUID> contactIds)
            throws SQLException {
        Map<UUID, UUID> tenantOf = new HashMap<>();
        Map<UUID, Instant> newest = new HashMap<>();
        for (TenantMessage tm : messages) {
            UUID contactId = contactIds.get(key(tm.tenantId(), tm.message().fromE164()));
            tenantOf.put(contactId, tm.tenantId());
            newest.merge(contactId, tm.message().timestamp(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<UUID> contacts = new ArrayList<>(newest.keySet());
        contacts.sort(Comparator.naturalOrder());
        Map<UUID, UUID> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO conversations (tenant_id, contact_id, channel, status, last_message_at, created_at, updated_at)
                SELECT x.tenant_id, x.contact_id, 'whatsapp', 'open', x.newest, NOW(), NOW()
                FROM unnest(?::uuid[], ?::uuid[], ?::timestamp[]) WITH ORDINALITY AS x(tenant_id, contact_id, newest, n)
                ORDER BY x.n
                ON CONFLICT (tenant_id, contact_id, channel) WHERE status <> 'archived' DO UPDATE
                   SET status = 'open',
                       last_message_at = GREATEST(conversations.last_message_at, EXCLUDED.last_message_at),
                       updated_at = NOW()
                RETURNING id, contact_id""")) {
            ps.setArray(1, SqlArrays.uuids(c, contacts.stream().map(tenantOf::get).toList()));
            ps.setArray(2, SqlArrays.uuids(c, contacts));
            ps.setArray(3, SqlArrays.timestamps(c, contacts.stream().map(newest::get).toList()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getObject(2, UUID.class), rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static Set<UUID> insertMessages(Connection c, List<TenantMessage> messages, Map<String, UUID> contactIds,
                                            Map<UUID, UUID> conversationIds) throws SQLException {
        List<UUID> tenants = new ArrayList<>();
        List<UUID> conversations = new ArrayList<>();
        List<UUID> contacts = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> contentTypes = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        List<String> wamids = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<TenantMessage> ordered = new ArrayList<>(messages);
        ordered.sort(Comparator.comparing((TenantMessage tm) -> tm.message().timestamp()));
        for (TenantMessage tm : ordered) {
            InboundMessage m = tm.message();
            UUID contactId = contactIds.get(key(tm.tenantId(), m.fromE164()));
            tenants.add(tm.tenantId());
            contacts.add(contactId);
            conversations.add(conversationIds.get(contactId));
            types.add(m.type().code());
            contentTypes.add(m.whatsappType());
            contents.add(m.content());
            metadata.add(m.metadataJson());
            wamids.add(m.wamid());
            times.add(m.timestamp());
        }
        Set<UUID> changed = new HashSet<>();
        // Inbound messages were delivered to us when Meta stamped them; created_at is that moment,
        // so a thread shows them in the customer's order even when webhooks arrive out of order.
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, metadata,
                                      external_message_id, status, sent_at, delivered_at, created_at, updated_at)
                SELECT x.tenant_id, x.conversation_id, x.contact_id, 'whatsapp', 'inbound', x.type, x.content_type, x.content,
                       x.metadata::jsonb, x.wamid, 'delivered', x.at, x.at, x.at, NOW()
                FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamp[])
                     WITH ORDINALITY AS x(tenant_id, conversation_id, contact_id, type, content_type, content, metadata, wamid, at, n)
                ORDER BY x.n
                ON CONFLICT (tenant_id, external_message_id) DO NOTHING
                RETURNING tenant_id""")) {
            ps.setArray(1, SqlArrays.uuids(c, tenants));
            ps.setArray(2, SqlArrays.uuids(c, conversations));
            ps.setArray(3, SqlArrays.uuids(c, contacts));
            ps.setArray(4, SqlArrays.texts(c, types));
            ps.setArray(5, SqlArrays.texts(c, contentTypes));
            ps.setArray(6, SqlArrays.texts(c, contents));
            ps.setArray(7, SqlArrays.texts(c, metadata));
            ps.setArray(8, SqlArrays.texts(c, wamids));
            ps.setArray(9, SqlArrays.timestamps(c, times));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return changed;
    }

    static String key(UUID tenantId, String value) {
        return tenantId + "|" + value;
    }
}
