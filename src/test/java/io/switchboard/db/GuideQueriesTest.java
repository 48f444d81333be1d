package io.switchboard.db;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.GuideDataSet;
import io.switchboard.testing.GuideDataSet.ContactRow;
import io.switchboard.testing.GuideDataSet.ConversationRow;
import io.switchboard.testing.GuideDataSet.MessageRow;
import io.switchboard.testing.GuideDataSet.TenantRow;
import io.switchboard.testing.GuideQueries;
import io.switchboard.testing.Rows;
import io.switchboard.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every query of the guide's "View data samples" and "Advanced Queries", exactly as the guide
 * prints it (only its 'YOUR_..._UUID' placeholders replaced), runs on a migrated Switchboard
 * database full of data and returns what the data says it must.
 */
class GuideQueriesTest {
    private static final Map<String, String> SAMPLES = GuideQueries.byTitle("view-data-samples.sql");
    private static final Map<String, String> ADVANCED = GuideQueries.byTitle("advanced-queries.sql");

    private static Database database;
    private static GuideDataSet data;

    @BeforeAll
    static void fillDatabase() {
        database = Database.connect(TestDatabase.migratedDatabase(), 2, "test");
        data = GuideDataSet.insertInto(database.dataSource(), 20250101L);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void theGuideHasExactlyTheQueriesThisTestRuns() {
        assertThat(SAMPLES).containsOnlyKeys("Get all tenants", "Get all contacts for a tenant", "Get all messages for a contact",
                "Get conversation history", "Get message status counts", "Get latest messages per conversation");
        assertThat(ADVANCED).containsOnlyKeys("Get active conversations with latest message date",
                "Get message delivery statistics by tenant", "Get message volume by date for a tenant");
    }

    @Test
    void getAllTenants() {
        List<Map<String, Object>> rows = run(SAMPLES.get("Get all tenants"));

        assertThat(rows).extracting(r -> new TenantRow((UUID) r.get("id"), (String) r.get("name"), (String) r.get("status")))
                .containsExactlyInAnyOrderElementsOf(data.tenants);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("created_at")).isNotNull());
    }

    @Test
    void getAllContactsForATenant() {
        TenantRow globex = data.tenant("Globex", "active");

        List<Map<String, Object>> rows = run(SAMPLES.get("Get all contacts for a tenant"), "YOUR_TENANT_UUID", globex.id());

        assertThat(rows).extracting(r -> new ContactRow((UUID) r.get("id"), (UUID) r.get("tenant_id"), (String) r.get("name"), (String) r.get("phone")))
                .containsExactlyInAnyOrderElementsOf(data.contacts.stream().filter(c -> c.tenantId().equals(globex.id())).toList())
                .hasSizeGreaterThan(1);
    }

    @Test
    void getAllMessagesForAContactNewestFirst() {
        ContactRow contact = data.busiestContact();

        List<Map<String, Object>> rows = run(SAMPLES.get("Get all messages for a contact"), "YOUR_CONTACT_UUID", contact.id());

        assertThat(rows).extracting(r -> r.get("id")).containsExactlyElementsOf(data.messages.stream()
                .filter(m -> m.contactId().equals(contact.id()))
                .sorted(Comparator.comparing(MessageRow::createdAt).reversed())
                .map(MessageRow::id).toList());
        assertThat(rows).hasSizeGreaterThan(2);
    }

    @Test
    void getConversationHistoryOldestFirst() {
        ConversationRow conversation = data.longestConversation();

        List<Map<String, Object>> rows = run(SAMPLES.get("Get conversation history"), "YOUR_CONVERSATION_UUID", conversation.id());

        assertThat(rows).extracting(r -> r.get("id"), r -> r.get("content")).containsExactlyElementsOf(data.messages.stream()
                .filter(m -> m.conversationId().equals(conversation.id()))
                .sorted(Comparator.comparing(MessageRow::createdAt))
                .map(m -> org.assertj.core.groups.Tuple.tuple(m.id(), m.content())).toList());
        assertThat(rows).hasSizeGreaterThan(2);
    }

    @Test
    void getMessageStatusCounts() {
        List<Map<String, Object>> rows = run(SAMPLES.get("Get message status counts"));

        Map<Object, Object> counts = rows.stream().collect(toMap(r -> r.get("status"), r -> r.get("count")));
        assertThat(counts).isEqualTo(data.messages.stream().collect(groupingBy(MessageRow::status, counting())));
        assertThat(counts).containsOnlyKeys("queued", "sent", "delivered", "read", "failed");
    }

    @Test
    void getLatestMessagesPerConversation() {
        List<Map<String, Object>> rows = run(SAMPLES.get("Get latest messages per conversation"));

        // DISTINCT ON keeps each conversation's newest message; PostgreSQL orders UUIDs by their bytes,
        // which is the order of their lower-case text.
        List<UUID> expected = data.messages.stream()
                .collect(toMap(MessageRow::conversationId, Function.identity(), (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b))
                .values().stream()
                .sorted(Comparator.comparing(m -> m.conversationId().toString()))
                .map(MessageRow::id).toList();
        assertThat(rows).extracting(r -> (UUID) r.get("id")).containsExactlyElementsOf(expected);
    }

    @Test
    void getActiveConversationsWithLatestMessageDate() {
        List<Map<String, Object>> rows = run(ADVANCED.get("Get active conversations with latest message date"));

        Map<UUID, ContactRow> contacts = data.contacts.stream().collect(toMap(ContactRow::id, Function.identity()));
        // ORDER BY ... DESC puts a conversation without messages (null last_message_at) first.
        List<List<Object>> expected = data.conversations.stream()
                .filter(c -> c.status().equals("open"))
                .sorted(Comparator.comparing(ConversationRow::lastMessageAt, Comparator.nullsFirst(Comparator.<LocalDateTime>reverseOrder())))
                .map(c -> java.util.Arrays.<Object>asList(c.id(), c.contactId(), "open", c.lastMessageAt(),
                        contacts.get(c.contactId()).name(), contacts.get(c.contactId()).phone()))
                .toList();
        assertThat(rows).extracting(r -> java.util.Arrays.asList(r.get("id"), r.get("contact_id"), r.get("status"), r.get("last_message_at"),
                r.get("name"), r.get("phone"))).containsExactlyElementsOf(expected);
        assertThat(rows.get(0).get("last_message_at")).isNull();
    }

    @Test
    void getMessageDeliveryStatisticsByTenant() {
        List<Map<String, Object>> rows = run(ADVANCED.get("Get message delivery statistics by tenant"));

        assertThat(rows).extracting(GuideQueriesTest::deliveryRow).containsExactlyInAnyOrderElementsOf(expectedDeliveryStatistics(data));
        assertThat(rows).extracting(r -> r.get("tenant")).containsOnlyOnce("Acme Corp", "Initech").doesNotContain("Umbrella")
                .filteredOn("Globex"::equals).hasSize(2);
    }

    @Test
    void getMessageVolumeByDateForATenantKeepsTheLatest30Days() {
        TenantRow acme = data.tenant("Acme Corp", "active");

        List<Map<String, Object>> rows = run(ADVANCED.get("Get message volume by date for a tenant"), "YOUR_TENANT_UUID", acme.id());

        List<List<Object>> expected = expectedVolume(data, acme.id());
        assertThat(expected).hasSizeGreaterThan(30);
        assertThat(rows).extracting(r -> List.of(((java.sql.Date) r.get("date")).toLocalDate(), r.get("message_count")))
                .containsExactlyElementsOf(expected.subList(0, 30));
    }

    @Test
    void getMessageVolumeByDateForATenantWithFewDays() {
        TenantRow initech = data.tenant("Initech", "active");

        List<Map<String, Object>> rows = run(ADVANCED.get("Get message volume by date for a tenant"), "YOUR_TENANT_UUID", initech.id());

        assertThat(rows).extracting(r -> List.of(((java.sql.Date) r.get("date")).toLocalDate(), r.get("message_count")))
                .containsExactlyElementsOf(expectedVolume(data, initech.id()))
                .isNotEmpty();
    }

    /** The guide's delivery statistics computed in Java from the data set: name, total, sent, delivered, read, failed, rate. */
    static List<List<Object>> expectedDeliveryStatistics(GuideDataSet data) {
        List<List<Object>> rows = new ArrayList<>();
        for (TenantRow tenant : data.tenants) {
            List<MessageRow> own = data.messages.stream().filter(m -> m.tenantId().equals(tenant.id())).toList();
            if (own.isEmpty()) {
                continue;
            }
            Function<String, Long> count = status -> own.stream().filter(m -> m.status().equals(status)).count();
            BigDecimal rate = BigDecimal.valueOf(100L * (count.apply("delivered") + count.apply("read")))
                    .divide(BigDecimal.valueOf(own.size()), 2, RoundingMode.HALF_UP);
            rows.add(List.of(tenant.name(), (long) own.size(), count.apply("sent"), count.apply("delivered"), count.apply("read"),
                    count.apply("failed"), rate));
        }
        return rows;
    }

    /** The guide's volume by date computed in Java: every day with messages, newest first, not limited. */
    static List<List<Object>> expectedVolume(GuideDataSet data, UUID tenantId) {
        Map<LocalDate, Long> perDay = data.messages.stream().filter(m -> m.tenantId().equals(tenantId))
                .collect(groupingBy(m -> m.createdAt().toLocalDate(), counting()));
        return perDay.entrySet().stream().sorted(Map.Entry.<LocalDate, Long>comparingByKey().reversed())
                .map(e -> List.<Object>of(e.getKey(), e.getValue())).toList();
    }

    /** A row of the delivery statistics, with the rate at the guide's two decimals so equal rates compare equal. */
    static List<Object> deliveryRow(Map<String, Object> r) {
        return List.of(r.get("tenant"), ((Number) r.get("total_messages")).longValue(), ((Number) r.get("sent")).longValue(),
                ((Number) r.get("delivered")).longValue(), ((Number) r.get("read")).longValue(), ((Number) r.get("failed")).longValue(),
                ((BigDecimal) r.get("delivery_rate")).setScale(2, RoundingMode.UNNECESSARY));
    }

    /** Runs a guide query, replacing its placeholder (which must be there) with a real id. */
    static List<Map<String, Object>> run(String guideSql, String placeholder, UUID id) {
        assertThat(guideSql).contains("'" + placeholder + "'");
        return run(guideSql.replace(placeholder, id.toString()));
    }

    static List<Map<String, Object>> run(String sql) {
        return Rows.query(database.dataSource(), sql);
    }
}
