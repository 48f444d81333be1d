package io.switchboard.team;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Labels per tenant and the labels on conversations. Besides the inbox (a label filter, labels in the
 * thread header) other features ask here: campaign audiences ({@link #contactsWithAnyLabel}) and
 * automation conditions ({@link #hasLabel}, or {@link #conditionSql} inside their own query).
 */
public final class LabelService {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private final Database database;

    public LabelService(Database database) {
        this.database = database;
    }

    public List<Label> list(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, color FROM labels WHERE tenant_id = ? ORDER BY lower(name)")) {
                ps.setObject(1, tenantId);
                return labels(ps);
            }
        });
    }

    /** Creates a label; the name is unique in the tenant whatever its case. */
    public Label create(UUID tenantId, String name, String color) {
        String n = checkName(name);
        String col = checkColor(color);
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO labels (tenant_id, name, color) VALUES (?, ?, ?) RETURNING id")) {
                ps.setObject(1, tenantId);
                ps.setString(2, n);
                ps.setString(3, col);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Notifications.announce(c, tenantId, Notifications.Kind.LABELS);
                    return new Label(rs.getObject(1, UUID.class), n, col);
                }
            } catch (SQLException e) {
                throw duplicate(e, n);
            }
        });
    }

    public Label update(UUID tenantId, UUID labelId, String name, String color) {
        String n = checkName(name);
        String col = checkColor(color);
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE labels SET name = ?, color = ? WHERE tenant_id = ? AND id = ?")) {
                ps.setString(1, n);
                ps.setString(2, col);
                ps.setObject(3, tenantId);
                ps.setObject(4, labelId);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("label", "no label " + labelId + " in this tenant");
                }
            } catch (SQLException e) {
                throw duplicate(e, n);
            }
            Notifications.announce(c, tenantId, Notifications.Kind.LABELS);
            return new Label(labelId, n, col);
        });
    }

    /** Deletes a label and takes it off every conversation. */
    public void delete(UUID tenantId, UUID labelId) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM labels WHERE tenant_id = ? AND id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, labelId);
                ps.executeUpdate();
            }
            Notifications.announce(c, tenantId, Notifications.Kind.LABELS);
            return null;
        });
    }

    /** The labels on one conversation, by name. */
    public List<Label> labelsOf(UUID tenantId, UUID conversationId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT l.id, l.name, l.color FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id AND l.tenant_id = cl.tenant_id
                    WHERE cl.tenant_id = ? AND cl.conversation_id = ? ORDER BY lower(l.name)""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, conversationId);
                return labels(ps);
            }
        });
    }

    /** Puts a label on a conversation or takes it off; both must belong to the tenant. */
    public void setLabel(UUID tenantId, UUID conversationId, UUID labelId, boolean on) {
        database.inJdbcTransaction(c -> {
            String sql = on ? """
                    INSERT INTO conversation_labels (tenant_id, conversation_id, label_id)
                    SELECT cv.tenant_id, cv.id, l.id FROM conversations cv JOIN labels l ON l.tenant_id = cv.tenant_id AND l.id = ?
                    WHERE cv.tenant_id = ? AND cv.id = ?
                    ON CONFLICT DO NOTHING RETURNING 1"""
                    : "DELETE FROM conversation_labels WHERE label_id = ? AND tenant_id = ? AND conversation_id = ? RETURNING 1";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, labelId);
                ps.setObject(2, tenantId);
                ps.setObject(3, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (on && !rs.next() && !present(c, tenantId, conversationId, labelId)) {
                        throw new ValidationException("label", "the label or the conversation does not belong to this tenant");
                    }
                }
            }
            Notifications.announce(c, tenantId, Notifications.Kind.LABELS);
            return null;
        });
    }

    /** Automation conditions: does the conversation carry a label of this name (any case)? */
    public boolean hasLabel(UUID tenantId, UUID conversationId, String labelName) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT 1 FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id AND l.tenant_id = cl.tenant_id
                    WHERE cl.tenant_id = ? AND cl.conversation_id = ? AND lower(l.name) = lower(?)""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, conversationId);
                ps.setString(3, labelName == null ? "" : labelName.strip());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Campaign audiences: the contacts with at least one conversation carrying any of the labels
     * (by name, any case), each once. Unknown names match nothing.
     */
    public List<UUID> contactsWithAnyLabel(UUID tenantId, Collection<String> labelNames) {
        List<String> names = labelNames.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT cv.contact_id FROM conversation_labels cl
                    JOIN labels l ON l.id = cl.label_id AND l.tenant_id = cl.tenant_id
                    JOIN conversations cv ON cv.id = cl.conversation_id AND cv.tenant_id = cl.tenant_id
                    WHERE cl.tenant_id = ? AND lower(l.name) = ANY (?) ORDER BY cv.contact_id""")) {
                ps.setObject(1, tenantId);
                ps.setArray(2, c.createArrayOf("text", names.toArray()));
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    /**
     * A condition for another feature's own SQL: true when the conversation {@code conversationAlias}.id
     * (of tenant {@code conversationAlias}.tenant_id) carries the label named by the one text parameter it holds.
     */
    public static String conditionSql(String conversationAlias) {
        return "EXISTS (SELECT 1 FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id AND l.tenant_id = cl.tenant_id"
                + " WHERE cl.tenant_id = " + conversationAlias + ".tenant_id AND cl.conversation_id = " + conversationAlias + ".id"
                + " AND lower(l.name) = lower(?))";
    }

    private static boolean present(Connection c, UUID tenantId, UUID conversationId, UUID labelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM conversation_labels WHERE tenant_id = ? AND conversation_id = ? AND label_id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, conversationId);
            ps.setObject(3, labelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<Label> labels(PreparedStatement ps) throws SQLException {
        List<Label> all = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(new Label(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
            }
        }
        return all;
    }

    private static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 50) {
            throw new ValidationException("name", "a label needs a name of 1 to 50 characters");
        }
        return n;
    }

    private static String checkColor(String color) {
        String c = color == null ? "" : color.strip();
        if (!COLOR.matcher(c).matches()) {
            throw new ValidationException("color", "must be #rrggbb (six hex digits), was \"" + c + "\"");
        }
        return c.toLowerCase(Locale.ROOT);
    }

    private static RuntimeException duplicate(SQLException e, String name) {
        if ("23505".equals(e.getSQLState())) {
            return new ValidationException("name", "this tenant already has a label called \"" + name + "\"");
        }
        return new io.switchboard.db.DataAccessException(e);
    }
}
