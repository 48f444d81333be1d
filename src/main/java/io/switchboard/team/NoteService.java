package io.switchboard.team;

import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private notes: rows of their own table, never in messages, so nothing that sends (the outbox, the
 * sender) can ever see them. An {@code @login} in a note mentions that agent of the tenant, who
 * finds it among their notifications until they read it.
 */
public final class NoteService {
    /** An @ followed by a login (PostgreSQL role names as agents use them). */
    static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9_][A-Za-z0-9_.-]*)");
    private final Database database;

    public NoteService(Database database) {
        this.database = database;
    }

    /** Adds a note by the session's agent; returns it. Mentions of logins that are no agent of the tenant are plain text. */
    public Note add(UUID tenantId, UUID conversationId, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > 4000) {
            throw new ValidationException("note", "a note needs a text of 1 to 4000 characters");
        }
        return database.inJdbcTransaction(c -> {
            UUID id;
            LocalDateTime at;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO conversation_notes (tenant_id, conversation_id, author_agent_id, body)
                    SELECT cv.tenant_id, cv.id, (SELECT id FROM agents WHERE login = session_user), ?
                    FROM conversations cv WHERE cv.tenant_id = ? AND cv.id = ?
                    RETURNING id, created_at, (SELECT display_name FROM agents WHERE id = author_agent_id)""")) {
                ps.setString(1, text);
                ps.setObject(2, tenantId);
                ps.setObject(3, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("conversation", "no conversation " + conversationId + " in this tenant");
                    }
                    id = rs.getObject(1, UUID.class);
                    at = rs.getObject(2, LocalDateTime.class);
                    String author = rs.getString(3);
                    mention(c, tenantId, id, mentionedLogins(text));
                    Notifications.announce(c, tenantId, Notifications.Kind.NOTES);
                    return new Note(id, conversationId, author, text, Clock.toInstant(at));
                }
            }
        });
    }

    /** The conversation's notes, oldest first. */
    public List<Note> notes(UUID tenantId, UUID conversationId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT n.id, n.conversation_id, a.display_name, n.body, n.created_at FROM conversation_notes n
                    LEFT JOIN agents a ON a.id = n.author_agent_id
                    WHERE n.tenant_id = ? AND n.conversation_id = ? ORDER BY n.created_at, n.id""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, conversationId);
                List<Note> all = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Note(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                Clock.toInstant(rs.getObject(5, LocalDateTime.class))));
                    }
                }
                return all;
            }
        });
    }

    /** The session's agent's mentions in the tenant, newest first: the unread ones and the latest read ones (up to {@code limit}). */
    public List<Mention> myMentions(UUID tenantId, int limit) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT n.id, n.conversation_id, COALESCE(NULLIF(ct.name, ''), ct.phone), a.display_name, n.body, n.created_at, m.read_at IS NOT NULL
                    FROM note_mentions m
                    JOIN conversation_notes n ON n.id = m.note_id AND n.tenant_id = m.tenant_id
                    JOIN conversations cv ON cv.id = n.conversation_id AND cv.tenant_id = n.tenant_id
                    JOIN contacts ct ON ct.id = cv.contact_id AND ct.tenant_id = cv.tenant_id
                    LEFT JOIN agents a ON a.id = n.author_agent_id
                    WHERE m.tenant_id = ? AND m.agent_id = (SELECT id FROM agents WHERE login = session_user)
                    ORDER BY m.read_at IS NULL DESC, n.created_at DESC LIMIT ?""")) {
                ps.setObject(1, tenantId);
                ps.setInt(2, Math.max(1, Math.min(limit, 200)));
                List<Mention> all = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Mention(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                rs.getString(5), Clock.toInstant(rs.getObject(6, LocalDateTime.class)), rs.getBoolean(7)));
                    }
                }
                return all;
            }
        });
    }

    /** The session's agent has seen the conversation: its mentions of them are read. True if any changed. */
    public boolean markMentionsRead(UUID tenantId, UUID conversationId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE note_mentions m SET read_at = NOW() FROM conversation_notes n
                    WHERE n.id = m.note_id AND n.tenant_id = m.tenant_id AND m.tenant_id = ? AND n.conversation_id = ?
                      AND m.read_at IS NULL AND m.agent_id = (SELECT id FROM agents WHERE login = session_user)""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, conversationId);
                boolean changed = ps.executeUpdate() > 0;
                if (changed) {
                    Notifications.announce(c, tenantId, Notifications.Kind.NOTES);
                }
                return changed;
            }
        });
    }

    /** The logins a note mentions, in order, each once, lower case. */
    public static Set<String> mentionedLogins(String text) {
        Set<String> logins = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String login = m.group(1);
            while (login.endsWith(".") || login.endsWith("-")) {
                login = login.substring(0, login.length() - 1); // "@ana." at the end of a sentence
            }
            logins.add(login.toLowerCase(Locale.ROOT));
        }
        return logins;
    }

    private static void mention(Connection c, UUID tenantId, UUID noteId, Set<String> logins) throws SQLException {
        if (logins.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO note_mentions (tenant_id, note_id, agent_id)
                SELECT at.tenant_id, ?, a.id FROM agents a JOIN agent_tenants at ON at.agent_id = a.id AND at.tenant_id = ?
                WHERE lower(a.login) = ANY (?) AND a.status = 'active'
                ON CONFLICT DO NOTHING""")) {
            ps.setObject(1, noteId);
            ps.setObject(2, tenantId);
            ps.setArray(3, c.createArrayOf("text", logins.toArray()));
            ps.executeUpdate();
        }
    }
}
