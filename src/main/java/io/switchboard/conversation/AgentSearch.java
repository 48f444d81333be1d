package io.switchboard.conversation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A team agent's inbox search in two steps (BENCHMARKS.md, "Row-level security on the inbox", re-measured):
 * first the matching conversation ids from {@code team_search_conversations} (V15_2: the owner's indexed search,
 * the tenant checked once), then the list page over those ids under the agent's own policies.
 *
 * <p>Why two steps: in one statement PostgreSQL must guess how many ids a function returns (it guesses 200) and
 * so always builds every matching conversation's row (last message, unread count) before sorting; with 6,714
 * matches that was 0.7 s where the owner's inline query took 0.25 s. Knowing the count, the page takes the shape
 * that suits it: few matches are looked up one by one; many are a hashed filter over the tenant's conversations
 * read newest first, which stops at the page's last row.
 */
final class AgentSearch {
    /** Up to this many matches per page row asked for, fetching each match costs less than walking the tenant's list. */
    private static final int LOOKUPS_PER_ROW = 4;

    private AgentSearch() {
    }

    /** The conversations of the tenant that match (none when the session may not read the tenant). */
    static UUID[] matches(Connection c, UUID tenantId, String textParameter, String phoneParameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ARRAY(SELECT team_search_conversations(?, ?, ?))")) {
            ps.setObject(1, tenantId);
            ps.setString(2, textParameter);
            ps.setString(3, phoneParameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array ids = rs.getArray(1);
                return ids == null ? new UUID[0] : (UUID[]) ids.getArray();
            }
        }
    }

    /**
     * The list's condition on {@code cv.id}, one array parameter. {@code IS TRUE} keeps PostgreSQL from turning the
     * IN into a join (same rows: a WHERE drops null and false alike), so it stays a hashed filter.
     */
    static String condition(int matches, int pageSize) {
        return matches <= pageSize * LOOKUPS_PER_ROW
                ? " AND cv.id IN (SELECT unnest(?::uuid[]))"
                : " AND (cv.id IN (SELECT unnest(?::uuid[]))) IS TRUE";
    }
}
