package io.switchboard.channel.whatsapp;

import io.switchboard.message.MessageStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies status webhooks by the monotone rule (ARCHITECTURE.md), set-based: one statement locks
 * the messages (skipping those another transaction holds), one UPDATE moves them, one INSERT appends the distinct statuses.
 * Status only moves forward by {@link MessageStatus#sqlRank}. Timestamps come from the events:
 * sent_at is filled once (the sender's own acceptance time stands); delivered_at, read_at and
 * failed_at take the earliest event time seen, so any order and any repetition ends the same;
 * read implies delivered (Meta skips "delivered" when both happen at once), so a read fills
 * delivered_at until a real delivered event brings an earlier time. Error fields come from the
 * earliest failure. Runs in the caller's transaction.
 */
final class StatusWriter {
    record TenantStatus(UUID tenantId, StatusUpdate status) {
    }

    private StatusWriter() {
    }

    /**
     * The messages the statuses name: {@code ids} (tenant|wamid → message id) for those now locked
     * FOR UPDATE by this transaction; {@code busy} for those another transaction holds (another
     * poller, the sender), skipped rather than waited for. A key in neither is not stored yet.
     */
    record Locked(Map<String, UUID> ids, Set<String> busy) {
    }

    static Locked lockKnown(Connection c, Collection<TenantStatus> statuses) throws SQLException {
        Map<String, UUID> known = new HashMap<>();
        if (statuses.isEmpty()) {
            return new Locked(known, Set.of());
        }
        Map<String, TenantStatus> unique = new HashMap<>();
        statuses.forEach(s -> unique.putIfAbsent(InboundWriter.key(s.tenantId(), s.status().wamid()), s));
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.id, m.tenant_id, m.external_message_id FROM messages m
                JOIN unnest(?::uuid[], ?::text[]) AS k(tenant_id, wamid) ON m.tenant_id = k.tenant_id AND m.external_message_id = k.wamid
                ORDER BY m.id
                FOR UPDATE OF m SKIP LOCKED""")) {
            bindKeys(c, ps, unique.values());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.put(InboundWriter.key(rs.getObject(2, UUID.class), rs.getString(3)), rs.getObject(1, UUID.class));
                }
            }
        }
        unique.keySet().removeAll(known.keySet());
        Set<String> busy = new HashSet<>();
        if (!unique.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT m.tenant_id, m.external_message_id FROM messages m
                    JOIN unnest(?::uuid[], ?::text[]) AS k(tenant_id, wamid) ON m.tenant_id = k.tenant_id AND m.external_message_id = k.wamid""")) {
                bindKeys(c, ps, unique.values());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        busy.add(InboundWriter.key(rs.getObject(1, UUID.class), rs.getString(2)));
                    }
                }
            }
        }
        return new Locked(known, busy);
    }

    private static void bindKeys(Connection c, PreparedStatement ps, Collection<TenantStatus> keys) throws SQLException {
        List<UUID> tenants = new ArrayList<>();
        List<String> wamids = new ArrayList<>();
        keys.forEach(s -> {
            tenants.add(s.tenantId());
            wamids.add(s.status().wamid());
        });
        ps.setArray(1, SqlArrays.uuids(c, tenants));
        ps.setArray(2, SqlArrays.texts(c, wamids));
    }

    /** What a batch says about one message, folded so that the order of its events does not matter. */
    private static final class Folded {
        final UUID tenantId;
        MessageStatus status = MessageStatus.QUEUED;
        Instant sent;
        Instant delivered;
        Instant read;
        Instant failed;
        StatusUpdate failure;

        Folded(UUID tenantId) {
            this.tenantId = tenantId;
        }

        void add(StatusUpdate s) {
            status = status.advance(s.status());
            Instant t = s.timestamp();
            switch (s.status()) {
                case SENT -> sent = min(sent, t);
                case DELIVERED -> delivered = min(delivered, t);
                case READ -> {
                    read = min(read, t);
                    delivered = min(delivered, t);
                }
                case FAILED -> {
                    if (failure == null || earlierFailure(s, failure)) {
                        failure = s;
                    }
                    failed = min(failed, t);
                }
                default -> {
                }
            }
        }
    }

    /** Applies the statuses of known messages; returns the tenants whose messages changed. */
    static Set<UUID> apply(Connection c, List<TenantStatus> statuses, Map<String, UUID> messageIds) throws SQLException {
        Map<UUID, Folded> byMessage = new TreeMap<>();
        Map<String, StatusRow> history = new TreeMap<>();
        for (TenantStatus ts : statuses) {
            StatusUpdate s = ts.status();
            UUID messageId = messageIds.get(InboundWriter.key(ts.tenantId(), s.wamid()));
            if (messageId == null) {
                continue; // the caller deferred the events that name unknown messages
            }
            byMessage.computeIfAbsent(messageId, id -> new Folded(ts.tenantId())).add(s);
            history.merge(messageId + "|" + s.status().code(), new StatusRow(ts.tenantId(), messageId, s),
                    (a, b) -> b.status().timestamp().isBefore(a.status().timestamp())
                            || (s.status() == MessageStatus.FAILED && earlierFailure(b.status(), a.status())) ? b : a);
        }
        if (byMessage.isEmpty()) {
            return Set.of();
        }
        update(c, byMessage);
        appendHistory(c, history.values());
        Set<UUID> tenants = new HashSet<>();
        byMessage.values().forEach(f -> tenants.add(f.tenantId));
        return tenants;
    }

    private static void update(Connection c, Map<UUID, Folded> byMessage) throws SQLException {
        List<UUID> ids = new ArrayList<>(byMessage.keySet());
        List<String> status = new ArrayList<>();
        List<Instant> sent = new ArrayList<>();
        List<Instant> delivered = new ArrayList<>();
        List<Instant> read = new ArrayList<>();
        List<Instant> failed = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (UUID id : ids) {
            Folded f = byMessage.get(id);
            status.add(f.status.code());
            sent.add(f.sent);
            delivered.add(f.delivered);
            read.add(f.read);
            failed.add(f.failed);
            codes.add(f.failure == null ? null : truncate(f.failure.errorCode(), 50));
            titles.add(f.failure == null ? null : f.failure.errorTitle());
            details.add(f.failure == null ? null : f.failure.errorDetail());
        }
        String newFailure = "(v.failed_at IS NOT NULL AND (m.failed_at IS NULL OR v.failed_at < m.failed_at"
                + " OR (v.failed_at = m.failed_at AND COALESCE(v.code, '') < COALESCE(m.error_code, ''))))";
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages m SET "
                + "status = CASE WHEN " + MessageStatus.sqlRank("v.status") + " > " + MessageStatus.sqlRank("m.status")
                + " THEN v.status ELSE m.status END, "
                + "sent_at = COALESCE(m.sent_at, v.sent_at), "
                + "delivered_at = LEAST(m.delivered_at, v.delivered_at), "
                + "read_at = LEAST(m.read_at, v.read_at), "
                + "failed_at = LEAST(m.failed_at, v.failed_at), "
                + "error_code = CASE WHEN " + newFailure + " THEN v.code ELSE m.error_code END, "
                + "error_title = CASE WHEN " + newFailure + " THEN v.title ELSE m.error_title END, "
                + "error_detail = CASE WHEN " + newFailure + " THEN v.detail ELSE m.error_detail END, "
                + "updated_at = NOW() "
                + "FROM unnest(?::uuid[], ?::text[], ?::timestamp[], ?::timestamp[], ?::timestamp[], ?::timestamp[], ?::text[], ?::text[], ?::text[]) "
                + "AS v(id, status, sent_at, delivered_at, read_at, failed_at, code, title, detail) "
                + "WHERE m.id = v.id")) {
            ps.setArray(1, SqlArrays.uuids(c, ids));
            ps.setArray(2, SqlArrays.texts(c, status));
            ps.setArray(3, SqlArrays.timestamps(c, sent));
            ps.setArray(4, SqlArrays.timestamps(c, delivered));
            ps.setArray(5, SqlArrays.timestamps(c, read));
            ps.setArray(6, SqlArrays.timestamps(c, failed));
            ps.setArray(7, SqlArrays.texts(c, codes));
            ps.setArray(8, SqlArrays.texts(c, titles));
            ps.setArray(9, SqlArrays.texts(c, details));
            ps.executeUpdate();
        }
    }

    private record StatusRow(UUID tenantId, UUID messageId, StatusUpdate status) {
    }

    private static void appendHistory(Connection c, Collection<StatusRow> rows) throws SQLException {
        List<UUID> tenants = new ArrayList<>();
        List<UUID> messages = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> wamids = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (StatusRow r : rows) {
            StatusUpdate s = r.status();
            tenants.add(r.tenantId());
            messages.add(r.messageId());
            phones.add(phone(s.recipientId()));
            statuses.add(s.status().code());
            wamids.add(s.wamid());
            times.add(s.timestamp());
            errors.add(s.status() == MessageStatus.FAILED ? describe(s) : null);
            codes.add(s.status() == MessageStatus.FAILED ? truncate(s.errorCode(), 50) : null);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO message_statuses (tenant_id, message_id, phone, status, wamid, occurred_at, error, error_code, created_at, updated_at)
                SELECT x.tenant_id, x.message_id, x.phone, x.status, x.wamid, x.at, x.error, x.code, NOW(), NOW()
                FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamp[], ?::text[], ?::text[])
                     AS x(tenant_id, message_id, phone, status, wamid, at, error, code)
                ON CONFLICT (message_id, status) DO NOTHING""")) {
            ps.setArray(1, SqlArrays.uuids(c, tenants));
            ps.setArray(2, SqlArrays.uuids(c, messages));
            ps.setArray(3, SqlArrays.texts(c, phones));
            ps.setArray(4, SqlArrays.texts(c, statuses));
            ps.setArray(5, SqlArrays.texts(c, wamids));
            ps.setArray(6, SqlArrays.timestamps(c, times));
            ps.setArray(7, SqlArrays.texts(c, errors));
            ps.setArray(8, SqlArrays.texts(c, codes));
            ps.executeUpdate();
        }
    }

    /** The earliest failure explains the message; equal times fall back to the smaller code, so order never matters. */
    private static boolean earlierFailure(StatusUpdate candidate, StatusUpdate current) {
        int byTime = candidate.timestamp().compareTo(current.timestamp());
        if (byTime != 0) {
            return byTime < 0;
        }
        String a = candidate.errorCode() == null ? "" : candidate.errorCode();
        String b = current.errorCode() == null ? "" : current.errorCode();
        return a.compareTo(b) < 0;
    }

    private static String describe(StatusUpdate s) {
        String title = s.errorTitle();
        String detail = s.errorDetail();
        if (title == null) {
            return detail;
        }
        return detail == null ? title : title + ": " + detail;
    }

    /** recipient_id is the customer's wa_id (digits); stored as E.164 when it fits. */
    private static String phone(String recipientId) {
        if (recipientId == null || !recipientId.matches("[0-9]{4,19}")) {
            return null;
        }
        return "+" + recipientId;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
