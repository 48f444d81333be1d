package io.switchboard.audit;

import io.switchboard.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the audit log (V15_1) as the session sees it: row-level security gives an admin their tenants'
 * part and the owner all of it; agents and supervisors see none. Newest first, keyset-paged.
 */
public final class AuditLog {
    public static final int MAX_PAGE = 500;
    private static final String COLUMNS = """
            SELECT l.id, l.at, l.tenant_id, l.actor_login, a.display_name, l.action, l.object_type, l.object_id, l.before::text, l.after::text
            FROM audit_log l LEFT JOIN agents a ON a.id = l.actor_agent_id
            """;

    private final Database database;

    public AuditLog(Database database) {
        this.database = database;
    }

    /** A page of the tenant's log, newest first; {@code after} is the last entry of the previous page (null: the newest). */
    public List<AuditEntry> page(UUID tenant, AuditEntry after, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        return database.inJdbcTransaction(c -> {
            String sql = COLUMNS + " WHERE l.tenant_id = ?" + (after == null ? "" : " AND (l.at, l.id) < (?, ?)") + " ORDER BY l.at DESC, l.id DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setObject(i++, tenant);
                if (after != null) {
                    ps.setObject(i++, after.at());
                    ps.setObject(i++, after.id());
                }
                ps.setInt(i, n);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
                return entries;
            }
        });
    }

    /** Writes the tenant's whole log as CSV (RFC 4180, oldest first), streamed: a long log never sits in memory. Returns the rows written. */
    public long exportCsv(UUID tenant, Writer out) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE l.tenant_id = ? ORDER BY l.at, l.id")) {
                ps.setFetchSize(1000);
                ps.setObject(1, tenant);
                long rows = 0;
                out.write("at_utc,tenant_id,actor_login,actor_name,action,object_type,object_id,before,after\r\n");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AuditEntry e = entry(rs);
                        out.write(String.join(",", csv(e.at().toString()), csv(String.valueOf(e.tenantId())), csv(e.actorLogin()), csv(e.actorName()),
                                csv(e.action()), csv(e.objectType()), csv(e.objectId()), csv(e.before()), csv(e.after())));
                        out.write("\r\n");
                        rows++;
                    }
                }
                out.flush();
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getObject(1, UUID.class), rs.getObject(2, java.time.LocalDateTime.class), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
