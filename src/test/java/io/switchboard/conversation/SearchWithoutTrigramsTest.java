package io.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.db.Migrations;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * On a server where the app's user may not create extensions, V5 falls back to full-text indexes
 * and search still works (whole words and prefixes), served by those indexes.
 */
class SearchWithoutTrigramsTest {

    @Test
    void aUserWhoCannotCreateExtensionsGetsFullTextSearch() {
        String name = "notrgm_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        TestDatabase.executeAsSuperuser("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'limited_app') THEN "
                + "CREATE ROLE limited_app LOGIN PASSWORD 'limited'; END IF; END $$");
        TestDatabase.executeAsSuperuser("CREATE DATABASE " + name + " TEMPLATE template0");
        TestDatabase.executeAsSuperuser("REVOKE CREATE ON DATABASE " + name + " FROM PUBLIC");
        TestDatabase.executeAsSuperuser("GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO limited_app");
        TestDatabase.executeOn(name, "GRANT CREATE, USAGE ON SCHEMA public TO limited_app");
        ConnectionTarget limited = new ConnectionTarget("127.0.0.1", TestDatabase.server().getPort(), name, "limited_app", "limited", false);
        try (Database db = Database.connect(limited, 4, "test")) {
            new Migrations(db.dataSource()).migrate();
            db.startHibernate(false);
            List<String> indexes = db.inJdbcTransaction(c -> {
                List<String> found = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_fts' OR indexname LIKE '%\\_trgm' ORDER BY 1")) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                return found;
            });
            assertThat(indexes).containsExactly("idx_contacts_name_fts", "idx_messages_content_fts");

            InboxFixtures fx = new InboxFixtures(db);
            UUID tenant = fx.tenant("Acme");
            UUID anna = fx.conversation(tenant, fx.contact(tenant, "+4915100000001", "Anna Lindqvist"), "open", null);
            fx.text(tenant, anna, "inbound", "hello", LocalDateTime.of(2026, 3, 1, 12, 0));
            UUID ben = fx.conversation(tenant, fx.contact(tenant, "+4917622233344", "Ben"), "open", null);
            fx.text(tenant, ben, "inbound", "Where is my refund?", LocalDateTime.of(2026, 3, 1, 12, 5));
            ConversationService service = new ConversationService(db);
            assertThat(ids(service, tenant, "refund")).containsExactly(ben);
            assertThat(ids(service, tenant, "Lindq")).as("a word prefix").containsExactly(anna);
            assertThat(ids(service, tenant, "176 222")).containsExactly(ben);

            String plan = db.inJdbcTransaction(c -> {
                c.createStatement().execute("SET LOCAL enable_seqscan = off");
                StringBuilder out = new StringBuilder();
                // The search's own expression (TextSearch.FULL_TEXT.match) matches the index's expression.
                try (var ps = c.prepareStatement("EXPLAIN SELECT conversation_id FROM messages m WHERE "
                        + io.switchboard.db.TextSearch.FULL_TEXT.match("m.content"))) {
                    ps.setString(1, io.switchboard.db.TextSearch.FULL_TEXT.parameter("refund"));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                return out.toString();
            });
            assertThat(plan).contains("idx_messages_content_fts");
        }
    }

    private static List<UUID> ids(ConversationService service, UUID tenant, String search) {
        return service.list(tenant, ConversationFilter.ALL, search, null, 50).items().stream().map(ConversationSummary::id).toList();
    }
}
