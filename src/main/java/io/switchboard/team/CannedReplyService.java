package io.switchboard.team;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** A tenant's canned replies: listed for /shortcut completion, kept by admins and supervisors. */
public final class CannedReplyService {
    private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private final Database database;

    public CannedReplyService(Database database) {
        this.database = database;
    }

    /** Every reply of the tenant, by shortcut. */
    public List<CannedReply> list(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, shortcut, body FROM canned_replies WHERE tenant_id = ? ORDER BY shortcut")) {
                ps.setObject(1, tenantId);
                List<CannedReply> all = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new CannedReply(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                    }
                }
                return all;
            }
        });
    }

    /**
     * Creates ({@code id} null) or changes a reply. The shortcut is lower case letters, digits, - and _
     * (a leading / is dropped), unique in the tenant; the body names only known variables.
     */
    public CannedReply save(UUID tenantId, UUID id, String shortcut, String body) {
        String s = shortcut == null ? "" : shortcut.strip();
        if (s.startsWith("/")) {
            s = s.substring(1);
        }
        s = s.toLowerCase(Locale.ROOT);
        if (!SHORTCUT.matcher(s).matches()) {
            throw new ValidationException("shortcut", "use 1 to 40 lower case letters, digits, - or _, starting with a letter or digit (was \""
                    + shortcut + "\")");
        }
        String b = body == null ? "" : body.strip();
        if (b.isEmpty() || b.length() > 4096) {
            throw new ValidationException("body", "a canned reply needs a text of 1 to 4096 characters");
        }
        ReplyVariables.check(b);
        String key = s;
        return database.inJdbcTransaction(c -> {
            String sql = id == null
                    ? "INSERT INTO canned_replies (tenant_id, shortcut, body, updated_by_agent_id) VALUES (?, ?, ?,"
                            + " (SELECT id FROM agents WHERE login = session_user)) RETURNING id"
                    : "UPDATE canned_replies SET shortcut = ?, body = ?, updated_at = NOW(), updated_by_agent_id ="
                            + " (SELECT id FROM agents WHERE login = session_user) WHERE tenant_id = ? AND id = ? RETURNING id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (id == null) {
                    ps.setObject(1, tenantId);
                    ps.setString(2, key);
                    ps.setString(3, b);
                } else {
                    ps.setString(1, key);
                    ps.setString(2, b);
                    ps.setObject(3, tenantId);
                    ps.setObject(4, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("canned reply", "no canned reply " + id + " in this tenant");
                    }
                    return new CannedReply(rs.getObject(1, UUID.class), key, b);
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new ValidationException("shortcut", "/" + key + " is already taken in this tenant");
                }
                throw e;
            }
        });
    }

    public void delete(UUID tenantId, UUID id) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM canned_replies WHERE tenant_id = ? AND id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
