package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    @Test
    void fillsExactlyWhatWasAskedWithConsistentTimestampsAndNothingForTheSenderToSend() {
        try (Database db = TestDatabase.open()) {
            UUID tenant = new InboxFixtures(db).tenant("Demo");
            DemoData.Result result = new DemoData(db).fill(tenant, 300, 3_001, 42);
            assertThat(result.contacts()).isEqualTo(300);
            assertThat(result.conversations()).isEqualTo(300);
            assertThat(result.messages()).isEqualTo(3_001);
            // A second fill in the same tenant picks a fresh block of phone numbers.
            new DemoData(db).fill(tenant, 10, 10, 43);
            long[] checks = db.inJdbcTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("""
                        SELECT
                          (SELECT count(*) FROM messages WHERE tenant_id = '%1$s'),
                          (SELECT count(*) FROM messages WHERE tenant_id = '%1$s' AND status = 'queued'),
                          (SELECT count(*) FROM conversations cv WHERE tenant_id = '%1$s'
                             AND last_message_at IS DISTINCT FROM (SELECT max(created_at) FROM messages m WHERE m.conversation_id = cv.id)),
                          (SELECT count(*) FROM contacts ct WHERE tenant_id = '%1$s'
                             AND last_inbound_at IS DISTINCT FROM (SELECT max(created_at) FROM messages m WHERE m.contact_id = ct.id AND direction = 'inbound')),
                          (SELECT count(*) FROM messages WHERE tenant_id = '%1$s' AND direction = 'outbound' AND type <> 'template'
                             AND NOT EXISTS (SELECT 1 FROM messages i WHERE i.conversation_id = messages.conversation_id AND i.direction = 'inbound'
                                             AND i.created_at <= messages.created_at AND i.created_at > messages.created_at - interval '24 hours')),
                          (SELECT count(*) FROM conversations WHERE tenant_id = '%1$s' AND last_read_at < last_message_at),
                          (SELECT count(*) FROM templates WHERE tenant_id = '%1$s' AND status = 'approved')
                        """.formatted(tenant))) {
                    rs.next();
                    return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)};
                }
            });
            assertThat(checks[0]).isEqualTo(3_011);
            assertThat(checks[1]).as("queued rows would be sent by a running sender").isZero();
            assertThat(checks[2]).as("last_message_at matches the newest message").isZero();
            assertThat(checks[3]).as("last_inbound_at matches the newest inbound message").isZero();
            assertThat(checks[4]).as("free text only inside the 24-hour window").isZero();
            assertThat(checks[5]).as("some customers wait unread").isPositive();
            assertThat(checks[6]).isEqualTo(3);
        }
    }
}
