package io.switchboard.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.db.TextSearch;
import io.switchboard.message.Direction;
import io.switchboard.message.MessageStatus;
import io.switchboard.message.MessageType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The inbox's reads and the agent's conversation actions. Every list is keyset-paged and every
 * row is built by one query (LATERAL subqueries for the newest message and the unread count), so a
 * page costs one round trip whatever its length.
 */
public final class ConversationService {
    public static final int MAX_PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SUMMARY_SELECT = """
            SELECT cv.id, cv.contact_id, ct.name, ct.phone, cv.channel, cv.status, cv.last_message_at, cv.last_read_at, ct.last_inbound_at,
                   lm.direction, lm.type, lm.content_type, lm.preview, lm.status, ur.unread, cv.assigned_agent_id, ag.display_name
            FROM conversations cv
            JOIN contacts ct ON ct.id = cv.contact_id AND ct.tenant_id = cv.tenant_id
            LEFT JOIN agents ag ON ag.id = cv.assigned_agent_id
            LEFT JOIN LATERAL (
                SELECT m.direction, m.type, m.content_type, left(m.content, 160) AS preview, m.status FROM messages m
                WHERE m.conversation_id = cv.id AND m.tenant_id = cv.tenant_id
                ORDER BY m.created_at DESC, m.id DESC LIMIT 1) lm ON true
            LEFT JOIN LATERAL (
                SELECT count(*) AS unread FROM messages m
                WHERE m.conversation_id = cv.id AND m.tenant_id = cv.tenant_id AND m.direction = 'inbound'
                  AND m.created_at > CASE WHEN cv.last_read_at IS NULL THEN '-infinity'::timestamp ELSE cv.last_read_at END) ur ON true
            WHERE cv.tenant_id = ?""";
    private static final String ORDER = " ORDER BY cv.last_message_at DESC NULLS LAST, cv.id DESC LIMIT ?";

    private static final String MESSAGE_SELECT = """
            SELECT id, direction, type, content_type, content, metadata::text, status, created_at, sent_at, delivered_at, read_at, failed_at,
                   error_code, error_title, error_detail,
                   (SELECT a.display_name FROM agents a WHERE a.id = messages.sent_by_agent_id)
            FROM messages WHERE tenant_id = ? AND conversation_id = ?""";

    private final Database database;
    /** Searches: on a read replica when one is set and keeps up (DB_READ_HOST), else the primary. */
    private final io.switchboard.db.ReadRouting heavyReads;
    private volatile TextSearch textSearch;
    private volatile Boolean limitedSession;

    public ConversationService(Database database) {
        this(database, io.switchboard.db.ReadRouting.primaryOnly(database));
    }

    public ConversationService(Database database, io.switchboard.db.ReadRouting heavyReads) {
        this.database = database;
        this.heavyReads = heavyReads;
    }

    /**
     * A page of the tenant's conversations, newest activity first; {@code search} (may be blank)
     * matches the contact's name, phone, or any message's text.
     */
    public ConversationPage list(UUID tenantId, ConversationFilter filter, String search, ConversationCursor after, int limit) {
        return list(tenantId, filter, ConversationScope.EVERYONE, search, after, limit);
    }

    /** The same, narrowed to whose conversations and a label (the team's filters). */
    public ConversationPage list(UUID tenantId, ConversationFilter filter, ConversationScope scope, String search, ConversationCursor after,
                                 int limit) {
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        // A search may go to the replica; the plain list stays on the primary, where a reply just sent is visible.
        Database.SqlWork<ConversationPage> work = c -> {
            // A team agent's search: the matching ids first (AgentSearch says why), then the page over them.
            UUID[] agentMatches = search != null && !search.isBlank() && limitedSession(c)
                    ? AgentSearch.matches(c, tenantId, textSearch(c).parameter(search), TextSearch.phonePattern(search)) : null;
            String where = filter.sql() + scope.sql() + (agentMatches == null ? searchSql(c, search) : AgentSearch.condition(agentMatches.length, n));
            List<ConversationSummary> rows = new ArrayList<>();
            if (after == null) {
                rows.addAll(query(c, where, tenantId, search, agentMatches, null, n));
            } else if (after.lastMessageAt() != null) {
                // Row comparison skips NULLs, so conversations without messages (sorted last) are a second step.
                rows.addAll(query(c, where + " AND cv.last_message_at IS NOT NULL AND (cv.last_message_at, cv.id) < (?, ?)", tenantId, search, agentMatches, after, n));
                if (rows.size() < n) {
                    rows.addAll(query(c, where + " AND cv.last_message_at IS NULL", tenantId, search, agentMatches, null, n - rows.size()));
                }
            } else {
                rows.addAll(query(c, where + " AND cv.last_message_at IS NULL AND cv.id < ?", tenantId, search, agentMatches,
                        new ConversationCursor(null, after.id()), n));
            }
            ConversationCursor next = null;
            if (rows.size() == n) {
                ConversationSummary last = rows.get(rows.size() - 1);
                next = new ConversationCursor(Clock.toUtc(last.lastMessageAt()), last.id());
            }
            return new ConversationPage(List.copyOf(rows), next);
        };
        return search != null && !search.isBlank() ? heavyReads.inJdbcTransaction(work) : database.inJdbcTransaction(work);
    }

    /** One conversation of the tenant, as a list row. */
    public Optional<ConversationSummary> get(UUID tenantId, UUID conversationId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUMMARY_SELECT + " AND cv.id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every conversation of one contact (open, closed and archived), newest activity first. */
    public List<ConversationSummary> forContact(UUID tenantId, UUID contactId, int limit) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUMMARY_SELECT + " AND cv.contact_id = ?" + ORDER)) {
                ps.setObject(1, tenantId);
                ps.setObject(2, contactId);
                ps.setInt(3, Math.max(1, Math.min(limit, MAX_PAGE)));
                List<ConversationSummary> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(summary(rs));
                    }
                }
                return rows;
            }
        });
    }

    /** A page of a thread, newest first; pass the previous page's {@code older} cursor to go back in time. */
    public ThreadPage thread(UUID tenantId, UUID conversationId, MessageCursor before, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        return database.inJdbcTransaction(c -> {
            String sql = MESSAGE_SELECT + (before == null ? "" : " AND (created_at, id) < (?, ?)") + " ORDER BY created_at DESC, id DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setObject(i++, tenantId);
                ps.setObject(i++, conversationId);
                if (before != null) {
                    ps.setObject(i++, before.createdAt());
                    ps.setObject(i++, before.id());
                }
                ps.setInt(i, n);
                List<ThreadMessage> rows = new ArrayList<>();
                List<LocalDateTime> created = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(message(rs));
                        created.add(rs.getObject(8, LocalDateTime.class));
                    }
                }
                MessageCursor older = rows.size() == n ? new MessageCursor(created.get(n - 1), rows.get(n - 1).id()) : null;
                return new ThreadPage(List.copyOf(rows), older);
            }
        });
    }

    /** Opening a conversation reads it: every message up to now stops counting as unread. */
    public void markRead(UUID tenantId, UUID conversationId) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE conversations SET last_read_at = GREATEST(NOW()::timestamp, COALESCE(last_message_at, NOW()::timestamp))
                    WHERE tenant_id = ? AND id = ?
                      AND (last_read_at IS NULL OR last_message_at > last_read_at)""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, conversationId);
                if (ps.executeUpdate() > 0) {
                    Notifications.announce(c, tenantId, Notifications.Kind.CONVERSATIONS);
                }
            }
            return null;
        });
    }

    public ConversationSummary close(UUID tenantId, UUID conversationId) {
        return setStatus(tenantId, conversationId, ConversationStatus.CLOSED);
    }

    public ConversationSummary archive(UUID tenantId, UUID conversationId) {
        return setStatus(tenantId, conversationId, ConversationStatus.ARCHIVED);
    }

    public ConversationSummary reopen(UUID tenantId, UUID conversationId) {
        return setStatus(tenantId, conversationId, ConversationStatus.OPEN);
    }

    private ConversationSummary setStatus(UUID tenantId, UUID conversationId, ConversationStatus status) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET status = ?, updated_at = NOW() WHERE tenant_id = ? AND id = ?")) {
                ps.setString(1, status.code());
                ps.setObject(2, tenantId);
                ps.setObject(3, conversationId);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("conversation", "no conversation " + conversationId + " in this tenant");
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new ValidationException("status", "this contact already has an active conversation on this channel; archive that one before reopening this one");
                }
                throw e;
            }
            Notifications.announce(c, tenantId, Notifications.Kind.CONVERSATIONS);
            return null;
        });
        return get(tenantId, conversationId).orElseThrow();
    }

    /**
     * The counts beside Mine, Unassigned and All: conversations under {@code filter} (and {@code labelId},
     * may be null) assigned to {@code me}, to nobody, and in total. One pass over the tenant's rows.
     */
    public ScopeCounts scopeCounts(UUID tenantId, ConversationFilter filter, UUID me, UUID labelId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE cv.assigned_agent_id = ?),"
                    + " count(*) FILTER (WHERE cv.assigned_agent_id IS NULL), count(*) FROM conversations cv WHERE cv.tenant_id = ?"
                    + filter.sql() + ConversationScope.labelSql(labelId))) {
                ps.setObject(1, me);
                ps.setObject(2, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new ScopeCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    /**
     * Unread inbound messages across the tenant's non-archived conversations (the window title). The read
     * marker is compared through CASE, not COALESCE: under row-level security (team agents) PostgreSQL
     * only turns a condition into an index condition when it cannot leak, and it counts COALESCE as
     * possibly leaking where it trusts CASE; with COALESCE every message of the conversation is read.
     */
    public long unreadTotal(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT COALESCE(sum(u.n), 0) FROM conversations cv
                    CROSS JOIN LATERAL (
                        SELECT count(*) AS n FROM messages m
                        WHERE m.conversation_id = cv.id AND m.tenant_id = cv.tenant_id AND m.direction = 'inbound'
                          AND m.created_at > CASE WHEN cv.last_read_at IS NULL THEN '-infinity'::timestamp ELSE cv.last_read_at END) u
                    WHERE cv.tenant_id = ? AND (cv.last_read_at IS NULL OR cv.last_message_at > cv.last_read_at) AND cv.status <> 'archived'""")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Queued outbound messages of the tenant: a growing, ageing backlog means no sender is running. */
    public OutboxBacklog outboxBacklog(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*), min(created_at) FROM messages WHERE tenant_id = ? AND status = 'queued' AND direction = 'outbound'")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new OutboxBacklog(rs.getLong(1), Clock.toInstant(rs.getObject(2, LocalDateTime.class)));
                }
            }
        });
    }

    /** The condition matching {@code search}; the matching ids come from the search indexes, not a scan. */
    private String searchSql(Connection c, String search) throws SQLException {
        if (search == null || search.isBlank()) {
            return "";
        }
        if (limitedSession(c)) {
            // A team agent: row-level security would keep the search indexes out of reach (V15_2 says why).
            return " AND cv.id IN (SELECT team_search_conversations(?, ?, ?))";
        }
        TextSearch mode = textSearch(c);
        return " AND cv.id IN (SELECT s.id FROM conversations s JOIN contacts k ON k.id = s.contact_id"
                + " WHERE s.tenant_id = ? AND k.tenant_id = ? AND (" + mode.match("k.name") + " OR k.phone LIKE ?)"
                + " UNION SELECT m.conversation_id FROM messages m WHERE m.tenant_id = ? AND " + mode.match("m.content") + ")";
    }

    /** The first-page SQL, for tests that EXPLAIN it. */
    String listSqlForExplain(Connection c, ConversationFilter filter, String search) throws SQLException {
        return SUMMARY_SELECT + filter.sql() + searchSql(c, search) + ORDER;
    }

    /** Whether this service's database session is a team agent's (limited by row-level security); asked once. */
    private boolean limitedSession(Connection c) throws SQLException {
        if (limitedSession == null) {
            limitedSession = io.switchboard.db.TeamAccess.isLimited(c);
        }
        return limitedSession;
    }

    private TextSearch textSearch(Connection c) throws SQLException {
        if (textSearch == null) {
            textSearch = TextSearch.detect(c);
        }
        return textSearch;
    }

    private List<ConversationSummary> query(Connection c, String where, UUID tenantId, String search, UUID[] agentMatches,
            ConversationCursor after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SUMMARY_SELECT + where + ORDER)) {
            int i = 1;
            ps.setObject(i++, tenantId);
            if (agentMatches != null) {
                ps.setArray(i++, c.createArrayOf("uuid", agentMatches));
            } else if (search != null && !search.isBlank()) {
                TextSearch mode = textSearch(c);
                ps.setObject(i++, tenantId);
                ps.setObject(i++, tenantId);
                ps.setString(i++, mode.parameter(search));
                ps.setString(i++, TextSearch.phonePattern(search));
                ps.setObject(i++, tenantId);
                ps.setString(i++, mode.parameter(search));
            }
            if (after != null) {
                if (after.lastMessageAt() != null) {
                    ps.setObject(i++, after.lastMessageAt());
                }
                ps.setObject(i++, after.id());
            }
            ps.setInt(i, limit);
            List<ConversationSummary> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(summary(rs));
                }
            }
            return rows;
        }
    }

    private static ConversationSummary summary(ResultSet rs) throws SQLException {
        String direction = rs.getString(10);
        String type = rs.getString(11);
        String lastStatus = rs.getString(14);
        return new ConversationSummary(
                rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
                ConversationStatus.fromCode(rs.getString(6)),
                Clock.toInstant(rs.getObject(7, LocalDateTime.class)), Clock.toInstant(rs.getObject(8, LocalDateTime.class)),
                Clock.toInstant(rs.getObject(9, LocalDateTime.class)),
                direction == null ? null : Direction.fromCode(direction), type == null ? null : MessageType.fromCode(type),
                rs.getString(12), rs.getString(13), lastStatus == null ? null : MessageStatus.fromCode(lastStatus),
                (int) Math.min(Integer.MAX_VALUE, rs.getLong(15)), rs.getObject(16, UUID.class), rs.getString(17));
    }

    private static ThreadMessage message(ResultSet rs) throws SQLException {
        return new ThreadMessage(
                rs.getObject(1, UUID.class), Direction.fromCode(rs.getString(2)), MessageType.fromCode(rs.getString(3)), rs.getString(4),
                rs.getString(5), metadata(rs.getString(6)), MessageStatus.fromCode(rs.getString(7)),
                Clock.toInstant(rs.getObject(8, LocalDateTime.class)), Clock.toInstant(rs.getObject(9, LocalDateTime.class)),
                Clock.toInstant(rs.getObject(10, LocalDateTime.class)), Clock.toInstant(rs.getObject(11, LocalDateTime.class)),
                Clock.toInstant(rs.getObject(12, LocalDateTime.class)), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Object parsed = JSON.readValue(json, Object.class);
            return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : parsed == null ? Map.of() : Map.of("value", parsed);
        } catch (JsonProcessingException e) {
            return Map.of("raw", json);
        }
    }
}
