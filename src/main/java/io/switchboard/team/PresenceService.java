package io.switchboard.team;

import io.switchboard.common.Clock;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who else is at work in which conversation, so two agents do not answer the same customer:
 * "typing" is a row refreshed while an agent types (it means something for {@link #TYPING_FOR});
 * "just answered" is a reply an agent sent within {@link #ANSWERED_FOR}.
 */
public final class PresenceService {
    public static final Duration TYPING_FOR = Duration.ofSeconds(8);
    public static final Duration ANSWERED_FOR = Duration.ofMinutes(2);
    private final Database database;

    public PresenceService(Database database) {
        this.database = database;
    }

    /** The session's agent is typing in the conversation (call at most every few seconds while they type). */
    public void typing(UUID tenantId, UUID conversationId) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO conversation_typing (tenant_id, conversation_id, agent_id, typed_at)
                    SELECT cv.tenant_id, cv.id, a.id, NOW() FROM conversations cv, agents a
                    WHERE cv.tenant_id = ? AND cv.id = ? AND a.login = session_user
                    ON CONFLICT (conversation_id, agent_id) DO UPDATE SET typed_at = EXCLUDED.typed_at""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, conversationId);
                if (ps.executeUpdate() > 0) {
                    Notifications.announce(c, tenantId, Notifications.Kind.PRESENCE);
                }
            }
            return null;
        });
    }

    /** Other agents' typing and fresh answers in the tenant, one per conversation (typing wins over answered). */
    public List<ConversationActivity> others(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT ON (x.conversation_id) x.conversation_id, x.agent_id, a.display_name, x.kind, x.at FROM (
                        SELECT t.conversation_id, t.agent_id, 'typing' AS kind, t.typed_at AS at, 0 AS rank FROM conversation_typing t
                        WHERE t.tenant_id = ? AND t.typed_at > NOW() - make_interval(secs => ?)
                        UNION ALL
                        SELECT m.conversation_id, m.sent_by_agent_id, 'answered', m.created_at, 1 FROM messages m
                        WHERE m.tenant_id = ? AND m.sent_by_agent_id IS NOT NULL AND m.created_at > NOW() - make_interval(secs => ?)
                    ) x JOIN agents a ON a.id = x.agent_id
                    WHERE a.login <> session_user
                    ORDER BY x.conversation_id, x.rank, x.at DESC""")) {
                ps.setObject(1, tenantId);
                ps.setDouble(2, TYPING_FOR.toSeconds());
                ps.setObject(3, tenantId);
                ps.setDouble(4, ANSWERED_FOR.toSeconds());
                List<ConversationActivity> all = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new ConversationActivity(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                                "typing".equals(rs.getString(4)) ? ConversationActivity.Kind.TYPING : ConversationActivity.Kind.ANSWERED,
                                Clock.toInstant(rs.getObject(5, LocalDateTime.class))));
                    }
                }
                return all;
            }
        });
    }
}
