package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantView;
import io.switchboard.testing.GuideDataSet;
import io.switchboard.testing.GuideQueries;
import io.switchboard.testing.Rows;
import io.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    private static final String SCHEMA_SNAPSHOT = """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' ORDER BY table_name, column_name""";

    @Test
    void migratesAnEmptyDatabaseAndHibernateValidatesEveryMapping() {
        try (Database db = Database.connect(TestDatabase.emptyDatabase(), 2, "test")) {
            Migrations migrations = new Migrations(db.dataSource());
            assertThat(migrations.pendingVersions()).contains("1", "2");
            assertThat(migrations.migrate()).isGreaterThanOrEqualTo(2);
            assertThat(migrations.pendingVersions()).isEmpty();
            db.startHibernate(false);
        }
    }

    @Test
    void v1IsTheGuidesOptionBSqlVerbatim() throws IOException {
        assertThat(migration("V1__guide_multi_tenant_schema.sql")).contains(GuideQueries.file("option-b-multi-tenant-schema.sql"));
    }

    @Test
    void migratingTwiceChangesNothing() {
        try (Database db = Database.connect(TestDatabase.migratedDatabase(), 2, "test")) {
            List<Map<String, Object>> before = Rows.query(db.dataSource(), SCHEMA_SNAPSHOT);

            assertThat(new Migrations(db.dataSource()).migrate()).isZero();

            assertThat(Rows.query(db.dataSource(), SCHEMA_SNAPSHOT)).isEqualTo(before);
        }
    }

    @Test
    void adoptsADatabaseBuiltByHandWithTheGuidesOptionBKeepingItsData() throws IOException {
        try (Database db = Database.connect(TestDatabase.emptyDatabase(), 2, "test")) {
            execute(db.dataSource(), GuideQueries.file("option-b-multi-tenant-schema.sql"));
            GuideDataSet data = GuideDataSet.insertInto(db.dataSource(), 3L);
            Migrations migrations = new Migrations(db.dataSource());

            int applied = migrations.migrate();

            assertThat(Rows.query(db.dataSource(), "SELECT version, type, success FROM flyway_schema_history ORDER BY installed_rank"))
                    .first().isEqualTo(Map.of("version", "1", "type", "BASELINE", "success", true));
            assertThat(applied).isEqualTo(Rows.query(db.dataSource(), "SELECT 1 FROM flyway_schema_history WHERE type = 'SQL' AND success").size())
                    .isGreaterThanOrEqualTo(1);
            assertThat(migrations.pendingVersions()).isEmpty();
            assertThat(migrations.currentVersion()).isNotEqualTo("1");
            assertThat(Rows.value(db.dataSource(), "SELECT count(*) FROM messages")).isEqualTo((long) data.messages.size());
            assertThat(Rows.value(db.dataSource(), "SELECT count(*) FROM conversations")).isEqualTo((long) data.conversations.size());
            assertThat(Rows.value(db.dataSource(), "SELECT count(*) FROM contacts")).isEqualTo((long) data.contacts.size());
            // V2+ applied on top of the kept rows: a column V2 added exists and took its default.
            assertThat(Rows.value(db.dataSource(), "SELECT count(*) FROM messages WHERE send_attempts = 0")).isEqualTo((long) data.messages.size());

            db.startHibernate(false);
            assertThat(new TenantService(db).list()).extracting(TenantView::id)
                    .containsExactlyInAnyOrderElementsOf(data.tenants.stream().map(GuideDataSet.TenantRow::id).toList());
        }
    }

    @Test
    void adoptingSeveralActiveConversationsOfOneContactKeepsTheNewestAndArchivesTheOlder() {
        try (Database db = Database.connect(TestDatabase.emptyDatabase(), 2, "test")) {
            execute(db.dataSource(), GuideQueries.file("option-b-multi-tenant-schema.sql"));
            // The guide allows it; Switchboard keeps one open-or-closed conversation per contact and channel.
            execute(db.dataSource(), """
                    INSERT INTO tenants (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'Acme');
                    INSERT INTO contacts (id, tenant_id, phone) VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', '+15550001111');
                    INSERT INTO conversations (id, tenant_id, contact_id, status, last_message_at) VALUES
                      ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'open', '2026-01-01 10:00'),
                      ('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'closed', '2026-03-01 10:00'),
                      ('00000000-0000-4000-8000-00000000000c', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'open', '2026-02-01 10:00');
                    """);

            new Migrations(db.dataSource()).migrate();

            assertThat(Rows.query(db.dataSource(), "SELECT right(id::text, 1) AS id, status FROM conversations ORDER BY id"))
                    .containsExactly(Map.of("id", "a", "status", "archived"), Map.of("id", "b", "status", "closed"),
                            Map.of("id", "c", "status", "archived"));
        }
    }

    @Test
    void adoptedRowsThatBreakARuleV2AddsAreNamedAndNothingOfV2IsApplied() {
        try (Database db = Database.connect(TestDatabase.emptyDatabase(), 2, "test")) {
            execute(db.dataSource(), GuideQueries.file("option-b-multi-tenant-schema.sql"));
            // The guide allows it; V2 makes a WhatsApp message id unique per tenant (one message per wamid).
            execute(db.dataSource(), """
                    INSERT INTO tenants (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'Acme');
                    INSERT INTO contacts (id, tenant_id, phone) VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', '+15550001111');
                    INSERT INTO conversations (id, tenant_id, contact_id) VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002');
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, external_message_id) VALUES
                      ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'inbound', 'text', 'wamid.SAME'),
                      ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'inbound', 'text', 'wamid.SAME');
                    """);
            Migrations migrations = new Migrations(db.dataSource());

            assertThatThrownBy(migrations::migrate)
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("migration V2")
                    .hasMessageContaining("uq_messages_tenant_external_id")
                    .hasMessageContaining("(tenant_id, external_message_id)=(00000000-0000-4000-8000-000000000001, wamid.SAME) is duplicated")
                    .hasMessageContaining("Nothing of V2 was applied; the schema stays at V1")
                    .hasMessageContaining("migrate` again");

            assertThat(Rows.value(db.dataSource(), "SELECT count(*) FROM messages")).isEqualTo(2L);
            assertThat(Rows.value(db.dataSource(), "SELECT to_regclass('whatsapp_accounts') IS NULL")).isEqualTo(true);
            assertThat(migrations.currentVersion()).isEqualTo("1");
        }
    }

    @Test
    void refusesTheGuidesOlderCamelCaseSchemaAndChangesNothing() {
        try (Database db = Database.connect(TestDatabase.emptyDatabase(), 2, "test")) {
            execute(db.dataSource(), GuideQueries.file("older-camelcase-schema.sql"));
            execute(db.dataSource(), "INSERT INTO messages (\"phoneNumber\", message) VALUES ('+15550001111', 'hello')");
            List<Map<String, Object>> before = Rows.query(db.dataSource(), SCHEMA_SNAPSHOT);

            assertThatThrownBy(() -> new Migrations(db.dataSource()).migrate())
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("older camelCase")
                    .hasMessageContaining("DB_NAME")
                    .hasMessageContaining("messages");

            assertThat(Rows.query(db.dataSource(), SCHEMA_SNAPSHOT)).isEqualTo(before);
            assertThat(Rows.value(db.dataSource(), "SELECT to_regclass('flyway_schema_history') IS NULL")).isEqualTo(true);
            assertThat(Rows.value(db.dataSource(), "SELECT message FROM messages")).isEqualTo("hello");
        }
    }

    static String migration(String name) throws IOException {
        try (InputStream in = MigrationsTest.class.getResourceAsStream("/db/migration/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
