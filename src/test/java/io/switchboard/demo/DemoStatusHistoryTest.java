package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * demo-data's status history and counters. The test database is reached as a superuser, so the fill
 * takes its bulk path: COPY with triggers off, then the status history, the reply times and the
 * counters written by set-based statements (stats_rebuild). The same rows are then inserted again into
 * a second tenant by one ordinary INSERT, through every trigger, and both tenants must count alike.
 */
class DemoStatusHistoryTest {
    private static final String ZONE = "Asia/Kolkata";

    @Test
    void statusHistoryMatchesTheMessagesAndTheBulkCountersEqualWhatTheTriggersCount() {
        try (Database db = TestDatabase.open()) {
            InboxFixtures fixtures = new InboxFixtures(db);
            UUID bulk = fixtures.tenant("Bulk");
            UUID replayed = fixtures.tenant("Replayed");
            db.inJdbcTransaction(c -> {
                exec(c, "UPDATE tenants SET time_zone = '" + ZONE + "' WHERE id IN ('" + bulk + "', '" + replayed + "')");
                exec(c, "INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, display_phone, access_token_enc, app_secret_enc, "
                        + "verify_token_enc) VALUES ('" + bulk + "', '1099', '+1 555 0100', 'x', 'x', 'x')");
                return null;
            });
            List<String> schemaBefore = db.inJdbcTransaction(DemoStatusHistoryTest::filledTablesSchema);
            DemoData.Result result = new DemoData(db).fill(bulk, 1_700, 20_000, 7);
            assertThat(result.messages()).isEqualTo(20_000);
            // The fill took the bulk path (20,000 messages into an empty database: indexes and the status history's
            // keys set aside, and built again): every index, key, foreign key and NOT NULL is back, as it was, and valid.
            assertThat(DemoData.REBUILD_INDEXES_AT).isLessThanOrEqualTo(20_000);
            assertThat(db.inJdbcTransaction(DemoStatusHistoryTest::filledTablesSchema)).hasSizeGreaterThan(40).isEqualTo(schemaBefore);
            assertThat(result.statuses()).isPositive();
            db.inJdbcTransaction(c -> {
                replay(c, bulk, replayed);
                return null;
            });
            db.inJdbcTransaction(c -> {
                String t = "'" + bulk + "'";
                assertThat(number(c, "SELECT COUNT(*) FROM message_statuses WHERE tenant_id = " + t)).isEqualTo(result.statuses());
                for (String status : List.of("sent", "delivered", "read", "failed")) {
                    assertThat(number(c, "SELECT COUNT(*) FROM message_statuses WHERE tenant_id = " + t + " AND status = '" + status + "'"))
                            .as(status).isPositive();
                }
                assertThat(number(c, "SELECT COUNT(*) FROM message_statuses WHERE tenant_id = " + t + " AND status = 'failed' AND error_code = '131026'"))
                        .isEqualTo(number(c, "SELECT COUNT(*) FROM messages WHERE tenant_id = " + t + " AND status = 'failed'"));
                // Each outbound message's history is exactly its status columns, time for time; inbound messages have none.
                assertThat(number(c, """
                        SELECT COUNT(*) FROM messages m
                        WHERE m.tenant_id = %s AND (
                          ARRAY(SELECT s.status || '@' || s.occurred_at FROM message_statuses s WHERE s.message_id = m.id ORDER BY 1)
                          IS DISTINCT FROM
                          ARRAY(SELECT v.status || '@' || v.at FROM (VALUES ('sent', m.sent_at), ('delivered', m.delivered_at),
                                  ('read', m.read_at), ('failed', m.failed_at)) v(status, at)
                                WHERE v.at IS NOT NULL AND m.direction = 'outbound' ORDER BY 1))""".formatted(t))).isZero();
                assertThat(number(c, "SELECT COUNT(*) FROM messages WHERE tenant_id = " + t + " AND phone_number_id IS DISTINCT FROM '1099'")).isZero();
                // Delivery counters per local day are a recount of the status history.
                assertThat(rows(c, """
                        SELECT day || ' ' || kind || ' ' || SUM(n) FROM (
                          SELECT day, kind, n FROM stats_counters WHERE tenant_id = %1$s AND kind IN ('sent', 'delivered', 'read', 'failed')
                          UNION ALL SELECT day, kind, n FROM stats_deltas WHERE tenant_id = %1$s AND kind IN ('sent', 'delivered', 'read', 'failed')
                        ) x GROUP BY day, kind HAVING SUM(n) <> 0 ORDER BY 1""".formatted(t)))
                        .isEqualTo(rows(c, """
                        SELECT day || ' ' || status || ' ' || COUNT(*) FROM (
                          SELECT ((occurred_at AT TIME ZONE 'UTC') AT TIME ZONE '%2$s')::date AS day, status FROM message_statuses WHERE tenant_id = %1$s
                        ) x GROUP BY day, status ORDER BY 1""".formatted(t, ZONE)));
                // The bulk path's counters, reply times and waiting customers equal the triggers' own.
                assertThat(counters(c, bulk)).isNotEmpty().isEqualTo(counters(c, replayed));
                assertThat(replies(c, bulk)).hasSizeGreaterThan(1_000).isEqualTo(replies(c, replayed));
                assertThat(waiting(c, bulk)).isNotEmpty().isEqualTo(waiting(c, replayed));
                return null;
            });
        }
    }

    /** Indexes, constraints (with their validity) and NOT NULL columns of the tables a fill writes and of those referencing them. */
    private static List<String> filledTablesSchema(Connection c) throws SQLException {
        return rows(c, """
                WITH filled(t) AS (SELECT unnest(ARRAY['contacts', 'conversations', 'messages', 'message_statuses', 'response_times']::regclass[]))
                SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' valid=' || i.indisvalid FROM pg_index i JOIN filled f ON f.t = i.indrelid
                UNION ALL
                SELECT 'constraint ' || k.conrelid::regclass || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) || ' validated=' || k.convalidated
                FROM pg_constraint k WHERE k.conrelid IN (SELECT t FROM filled) OR k.confrelid IN (SELECT t FROM filled)
                UNION ALL
                SELECT 'not null ' || a.attrelid::regclass || '.' || a.attname FROM pg_attribute a JOIN filled f ON f.t = a.attrelid
                WHERE a.attnotnull AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY 1""");
    }

    /** The bulk tenant's contacts, conversations and messages inserted again into another tenant, triggers on. */
    private static void replay(Connection c, UUID from, UUID to) throws SQLException {
        exec(c, "CREATE TEMP TABLE contact_map ON COMMIT DROP AS SELECT id AS old, gen_random_uuid() AS new FROM contacts WHERE tenant_id = '" + from + "'");
        exec(c, "CREATE TEMP TABLE conversation_map ON COMMIT DROP AS SELECT id AS old, gen_random_uuid() AS new FROM conversations WHERE tenant_id = '" + from + "'");
        exec(c, """
                INSERT INTO contacts (id, tenant_id, name, phone, created_at, updated_at, last_inbound_at)
                SELECT m.new, '%s', ct.name, ct.phone, ct.created_at, ct.updated_at, ct.last_inbound_at
                FROM contacts ct JOIN contact_map m ON m.old = ct.id""".formatted(to));
        exec(c, """
                INSERT INTO conversations (id, tenant_id, contact_id, channel, status, last_message_at, last_read_at, created_at, updated_at)
                SELECT m.new, '%s', cm.new, cv.channel, cv.status, cv.last_message_at, cv.last_read_at, cv.created_at, cv.updated_at
                FROM conversations cv JOIN conversation_map m ON m.old = cv.id JOIN contact_map cm ON cm.old = cv.contact_id""".formatted(to));
        exec(c, """
                INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, metadata, status,
                                      sent_at, delivered_at, read_at, failed_at, error_code, error_title, error_detail, created_at, updated_at,
                                      phone_number_id)
                SELECT '%s', vm.new, cm.new, m.channel, m.direction, m.type, m.content_type, m.content, m.metadata, m.status,
                       m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.error_code, m.error_title, m.error_detail, m.created_at, m.updated_at,
                       m.phone_number_id
                FROM messages m JOIN conversation_map vm ON vm.old = m.conversation_id JOIN contact_map cm ON cm.old = m.contact_id
                ORDER BY random()""".formatted(to));
    }

    private static List<String> counters(Connection c, UUID tenant) throws SQLException {
        return rows(c, """
                SELECT concat_ws(' ', day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code,
                                 minutes, SUM(n))
                FROM (SELECT * FROM stats_counters WHERE tenant_id = '%1$s' UNION ALL SELECT * FROM stats_deltas WHERE tenant_id = '%1$s') x
                GROUP BY day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, minutes
                HAVING SUM(n) <> 0 ORDER BY 1""".formatted(tenant));
    }

    private static List<String> replies(Connection c, UUID tenant) throws SQLException {
        return rows(c, """
                SELECT concat_ws(' ', ct.phone, r.kind, r.started_at, r.ended_at, r.phone_number_id, m.created_at)
                FROM response_times r JOIN conversations cv ON cv.id = r.conversation_id JOIN contacts ct ON ct.id = cv.contact_id
                JOIN messages m ON m.id = r.message_id
                WHERE r.tenant_id = '%s' ORDER BY 1""".formatted(tenant));
    }

    private static List<String> waiting(Connection c, UUID tenant) throws SQLException {
        return rows(c, """
                SELECT ct.phone || ' ' || cv.awaiting_reply_since FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id
                WHERE cv.tenant_id = '%s' AND cv.awaiting_reply_since IS NOT NULL ORDER BY 1""".formatted(tenant));
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
