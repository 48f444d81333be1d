package io.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.message.Direction;
import io.switchboard.message.MessageStatus;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationServiceTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 12, 0);
    private Database db;
    private InboxFixtures fx;
    private ConversationService service;
    private UUID tenant;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        service = new ConversationService(db);
        tenant = fx.tenant("Acme");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void keysetPagingNeverRepeatsOrSkipsRowsWithEqualTimestampsAndPutsSilentConversationsLast() {
        List<UUID> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            UUID contact = fx.contact(tenant, "+4915100000" + String.format("%03d", i), "C" + i);
            // Groups of four share one timestamp, so the id decides inside each group.
            LocalDateTime at = i < 20 ? T0.minusMinutes(i / 4) : null;
            expected.add(fx.conversation(tenant, contact, "open", at));
        }
        List<UUID> inSqlOrder = db.inJdbcTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM conversations WHERE tenant_id = ? ORDER BY last_message_at DESC NULLS LAST, id DESC")) {
                ps.setObject(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return ids;
        });
        for (int size : new int[] {1, 3, 4, 5, 20, 22, 23, 50}) {
            List<UUID> seen = new ArrayList<>();
            ConversationCursor cursor = null;
            int pages = 0;
            do {
                ConversationPage page = service.list(tenant, ConversationFilter.ALL, "", cursor, size);
                page.items().forEach(s -> seen.add(s.id()));
                cursor = page.next();
                pages++;
            } while (cursor != null && pages < 100);
            assertThat(seen).as("page size %d", size).containsExactlyElementsOf(inSqlOrder);
        }
        assertThat(new HashSet<>(inSqlOrder)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(inSqlOrder.subList(20, 23)).allMatch(id -> service.get(tenant, id).orElseThrow().lastMessageAt() == null);
    }

    @Test
    void aRowCarriesTheNewestMessageItsTickUnreadCountAndWindow() {
        UUID contact = fx.contact(tenant, "+4915112345678", "Anna Berg");
        UUID cv = fx.conversation(tenant, contact, "open", null);
        UUID out = fx.message(tenant, cv, "outbound", "text", "text", "Your order shipped", null, "delivered", T0);
        fx.markReadAt(cv, T0.plusMinutes(1));
        fx.text(tenant, cv, "inbound", "Thanks!", T0.plusMinutes(2));
        fx.message(tenant, cv, "inbound", "image", "image", "photo of the parcel", "{\"media\":{\"id\":\"m1\",\"mime_type\":\"image/jpeg\"}}", "delivered",
                T0.plusMinutes(3));

        ConversationSummary row = service.get(tenant, cv).orElseThrow();
        assertThat(row.title()).isEqualTo("Anna Berg");
        assertThat(row.phone()).isEqualTo("+4915112345678");
        assertThat(row.lastDirection()).isEqualTo(Direction.INBOUND);
        assertThat(row.lastKind()).isEqualTo("image");
        assertThat(row.lastPreview()).isEqualTo("photo of the parcel");
        assertThat(row.unread()).isEqualTo(2);
        assertThat(row.lastInboundAt()).isEqualTo(io.switchboard.common.Clock.toInstant(T0.plusMinutes(3)));
        assertThat(row.status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(row.channel()).isEqualTo("whatsapp");
        assertThat(out).isNotNull();

        assertThat(service.unreadTotal(tenant)).isEqualTo(2);
        service.markRead(tenant, cv);
        assertThat(service.get(tenant, cv).orElseThrow().unread()).isZero();
        assertThat(service.unreadTotal(tenant)).isZero();

        // The newest message outbound: its status is the row's tick.
        UUID answered = fx.conversation(tenant, fx.contact(tenant, "+4915112345679", "Ben Ode"), "open", null);
        fx.text(tenant, answered, "inbound", "Is it in stock?", T0);
        fx.message(tenant, answered, "outbound", "text", "text", "Yes, two left", null, "read", T0.plusMinutes(1));
        ConversationSummary answeredRow = service.get(tenant, answered).orElseThrow();
        assertThat(answeredRow.lastDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(answeredRow.lastStatus()).isEqualTo(MessageStatus.READ);
        assertThat(answeredRow.unread()).as("read up to no time: the one inbound message").isEqualTo(1);
    }

    @Test
    void filtersSelectByStatusAndUnread() {
        UUID open = conversationWithInbound("+4915100000001", "open", "hello");
        UUID closed = conversationWithInbound("+4915100000002", "closed", "bye");
        UUID archived = conversationWithInbound("+4915100000003", "archived", "old");
        UUID read = conversationWithInbound("+4915100000004", "open", "seen");
        service.markRead(tenant, read);

        assertThat(ids(ConversationFilter.OPEN, "")).containsExactlyInAnyOrder(open, read);
        assertThat(ids(ConversationFilter.CLOSED, "")).containsExactly(closed);
        assertThat(ids(ConversationFilter.ARCHIVED, "")).containsExactly(archived);
        assertThat(ids(ConversationFilter.UNREAD, "")).containsExactlyInAnyOrder(open, closed, archived);
        assertThat(ids(ConversationFilter.ALL, "")).containsExactlyInAnyOrder(open, closed, archived, read);
        assertThat(service.unreadTotal(tenant)).as("archived conversations do not count").isEqualTo(2);
    }

    @Test
    void searchMatchesNamePhoneAndMessageTextWithinTheTenantOnly() {
        UUID byName = conversationWithInbound("+4915111111111", "open", "nothing special", "Greta Lindqvist");
        UUID byPhone = conversationWithInbound("+4917622233344", "open", "hi", "Bob");
        UUID byText = conversationWithInbound("+4915133333333", "open", "where is my refund for order 8812?", "Carl");
        UUID other = fx.tenant("Other");
        UUID otherContact = fx.contact(other, "+4915144444444", "Greta Lindqvist");
        UUID otherCv = fx.conversation(other, otherContact, "open", null);
        fx.text(other, otherCv, "inbound", "refund please", T0);

        assertThat(ids(ConversationFilter.ALL, "lindq")).containsExactly(byName);
        assertThat(ids(ConversationFilter.ALL, "176 222")).containsExactly(byPhone);
        assertThat(ids(ConversationFilter.ALL, "REFUND")).containsExactly(byText);
        assertThat(ids(ConversationFilter.ALL, "100%_off")).isEmpty();
        assertThat(ids(ConversationFilter.CLOSED, "refund")).isEmpty();
    }

    @Test
    void searchAtScaleUsesTheTrigramIndexNotASequentialScanOfMessages() {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH ct AS (INSERT INTO contacts (tenant_id, phone, name)
                                SELECT ?, '+49151' || lpad(g::text, 7, '0'), 'Customer ' || g FROM generate_series(1, 2000) g RETURNING id),
                         cv AS (INSERT INTO conversations (tenant_id, contact_id, last_message_at)
                                SELECT ?, id, NOW() - random() * interval '30 days' FROM ct RETURNING id, contact_id)
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at)
                    SELECT ?, cv.id, cv.contact_id, 'inbound', 'text', 'message number ' || g || ' about parcel ' || md5(g::text || cv.id::text),
                           'delivered', NOW() - g * interval '1 minute'
                    FROM cv CROSS JOIN generate_series(1, 40) g""")) {
                ps.setObject(1, tenant);
                ps.setObject(2, tenant);
                ps.setObject(3, tenant);
                ps.executeUpdate();
            }
            c.createStatement().execute("ANALYZE");
            return null;
        });
        String plan = db.inJdbcTransaction(c -> {
            String search = "needle-xyz";
            String sql = "EXPLAIN " + explainableSql(c, search);
            StringBuilder out = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, search);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
            return out.toString();
        });
        assertThat(plan).as(plan).contains("idx_messages_content_trgm").doesNotContain("Seq Scan on messages");
        assertThat(service.list(tenant, ConversationFilter.ALL, "Customer 1999", null, 10).items()).extracting(ConversationSummary::title)
                .containsExactly("Customer 1999");
    }

    private String explainableSql(java.sql.Connection c, String search) throws java.sql.SQLException {
        return service.listSqlForExplain(c, ConversationFilter.ALL, search);
    }

    private void bind(PreparedStatement ps, String search) throws java.sql.SQLException {
        ps.setObject(1, tenant);
        ps.setObject(2, tenant);
        ps.setObject(3, tenant);
        ps.setString(4, "%" + search + "%");
        ps.setString(5, "%" + search + "%");
        ps.setObject(6, tenant);
        ps.setString(7, "%" + search + "%");
        ps.setInt(8, 50);
    }

    @Test
    void threadPagesNewestFirstThroughEqualTimestampsWithEverythingABubbleNeeds() {
        UUID contact = fx.contact(tenant, "+4915112345678", "Anna");
        UUID cv = fx.conversation(tenant, contact, "open", null);
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            written.add(fx.text(tenant, cv, i % 2 == 0 ? "inbound" : "outbound", "m" + i, T0.plusSeconds(i / 3)));
        }
        UUID failed = fx.message(tenant, cv, "outbound", "doc", "document", "invoice.pdf", "{\"media\":{\"link\":\"https://x.test/i.pdf\",\"filename\":\"invoice.pdf\"}}",
                "failed", T0.plusHours(1));
        db.inJdbcTransaction(c -> c.createStatement().executeUpdate("UPDATE messages SET error_code = '131026', error_title = 'Message undeliverable' WHERE id = '" + failed + "'"));

        List<ThreadMessage> all = new ArrayList<>();
        MessageCursor cursor = null;
        do {
            ThreadPage page = service.thread(tenant, cv, cursor, 4);
            all.addAll(page.items());
            cursor = page.older();
        } while (cursor != null);
        assertThat(all).hasSize(18);
        assertThat(all).extracting(ThreadMessage::id).doesNotHaveDuplicates();
        assertThat(all.get(0).id()).isEqualTo(failed);
        ThreadMessage doc = all.get(0);
        assertThat(doc.kind()).isEqualTo("document");
        assertThat(doc.metadata()).containsKey("media");
        assertThat(doc.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(doc.failureReason()).isEqualTo("Message undeliverable (code 131026)");
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).createdAt()).isBeforeOrEqualTo(all.get(i - 1).createdAt());
        }
        assertThat(service.thread(fx.tenant("Other"), cv, null, 50).items()).as("another tenant sees nothing").isEmpty();
    }

    @Test
    void closeArchiveReopenAndTheOneActiveConversationRule() {
        UUID first = conversationWithInbound("+4915100000009", "open", "hi");
        assertThat(service.close(tenant, first).status()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(service.reopen(tenant, first).status()).isEqualTo(ConversationStatus.OPEN);
        assertThat(service.archive(tenant, first).status()).isEqualTo(ConversationStatus.ARCHIVED);
        UUID contact = service.get(tenant, first).orElseThrow().contactId();
        UUID second = fx.conversation(tenant, contact, "open", T0);
        assertThat(service.forContact(tenant, contact, 10)).extracting(ConversationSummary::id).containsExactlyInAnyOrder(first, second);
        assertThatThrownBy(() -> service.reopen(tenant, first)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("status"));
        assertThatThrownBy(() -> service.close(fx.tenant("Other"), second)).isInstanceOf(ValidationException.class);
        assertThat(service.get(tenant, second).orElseThrow().status()).isEqualTo(ConversationStatus.OPEN);
    }

    @Test
    void tenantsSeeOnlyTheirOwnConversations() {
        UUID mine = conversationWithInbound("+4915100000010", "open", "mine");
        UUID other = fx.tenant("Other");
        UUID theirContact = fx.contact(other, "+4915100000010", "Same phone, other tenant");
        UUID theirs = fx.conversation(other, theirContact, "open", T0);
        fx.text(other, theirs, "inbound", "theirs", T0);
        assertThat(ids(ConversationFilter.ALL, "")).containsExactly(mine);
        assertThat(service.get(tenant, theirs)).isEmpty();
        service.markRead(tenant, theirs);
        assertThat(service.get(other, theirs).orElseThrow().unread()).isEqualTo(1);
        assertThat(service.unreadTotal(other)).isEqualTo(1);
    }

    private UUID conversationWithInbound(String phone, String status, String text) {
        return conversationWithInbound(phone, status, text, null);
    }

    private UUID conversationWithInbound(String phone, String status, String text, String name) {
        UUID contact = fx.contact(tenant, phone, name);
        UUID cv = fx.conversation(tenant, contact, status, null);
        fx.text(tenant, cv, "inbound", text, T0);
        return cv;
    }

    private List<UUID> ids(ConversationFilter filter, String search) {
        return service.list(tenant, filter, search, null, 100).items().stream().map(ConversationSummary::id).toList();
    }
}
