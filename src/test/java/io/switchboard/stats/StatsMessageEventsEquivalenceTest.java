package io.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V29's stats_message_event_list (what the counting trigger expands a message row into) must say exactly what
 * V11's stats_message_events says (what stats_rebuild and the hourly recounts use): the same events, times and
 * codes for every combination of direction, status, set/unset/tied timestamps and error codes (long ones too).
 */
class StatsMessageEventsEquivalenceTest {
    private Database db;

    @BeforeEach
    void open() {
        db = TestDatabase.open();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void bothDefinitionsGiveTheSameEventsForEveryCombinationOfInputs() {
        String inputs = """
                SELECT d.direction, s.status, c.created_at, se.sent_at, de.delivered_at, re.read_at, fa.failed_at, ec.error_code
                FROM (VALUES ('inbound'), ('outbound'), ('other')) d(direction)
                CROSS JOIN (VALUES ('queued'), ('sending'), ('sent'), ('delivered'), ('read'), ('failed'), (NULL)) s(status)
                CROSS JOIN (VALUES (TIMESTAMP '2025-06-01 10:00'), (NULL)) c(created_at)
                CROSS JOIN (VALUES (TIMESTAMP '2025-06-01 10:01'), (TIMESTAMP '2025-06-01 10:00'), (NULL)) se(sent_at)
                CROSS JOIN (VALUES (TIMESTAMP '2025-06-02 00:30'), (NULL)) de(delivered_at)
                CROSS JOIN (VALUES (TIMESTAMP '2025-06-02 23:59:59'), (NULL)) re(read_at)
                CROSS JOIN (VALUES (TIMESTAMP '2025-06-01 11:00'), (NULL)) fa(failed_at)
                CROSS JOIN (VALUES ('131026'), (''), (NULL), (repeat('9', 60))) ec(error_code)
                """;
        String compare = "WITH i AS (" + inputs + "), "
                + "old AS (SELECT i.*, e.* FROM i CROSS JOIN LATERAL stats_message_events(i.direction, i.status, i.created_at, i.sent_at,"
                + "  i.delivered_at, i.read_at, i.failed_at, i.error_code) e), "
                + "new AS (SELECT i.*, e.* FROM i CROSS JOIN LATERAL stats_message_event_list(i.direction, i.status, i.created_at, i.sent_at,"
                + "  i.delivered_at, i.read_at, i.failed_at, i.error_code) e) "
                + "SELECT (SELECT COUNT(*) FROM i), (SELECT COUNT(*) FROM old), (SELECT COUNT(*) FROM new), "
                + "  (SELECT COUNT(*) FROM ((TABLE old EXCEPT ALL TABLE new) UNION ALL (TABLE new EXCEPT ALL TABLE old)) x)";
        List<Long> counts = db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(compare); ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<Long> r = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    r.add(rs.getLong(i));
                }
                return r;
            }
        });

        assertThat(counts.get(0)).as("input combinations").isEqualTo(3L * 7 * 2 * 3 * 2 * 2 * 2 * 4);
        assertThat(counts.get(1)).as("events by stats_message_events").isGreaterThan(counts.get(0));
        assertThat(counts.get(2)).as("events by stats_message_event_list").isEqualTo(counts.get(1));
        assertThat(counts.get(3)).as("events only one of the two definitions gives").isZero();
    }
}
