package io.switchboard.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A realistic multi-tenant data set, written with plain SQL into the guide's four tables and
 * kept in memory as well, so a test can compute the expected answer of a guide query in Java
 * and compare it with what PostgreSQL returns.
 *
 * <p>It holds what makes the guide's queries interesting: two tenants with the same name (the
 * statistics group by id), a tenant without messages (the statistics join drops it), a tenant
 * whose messages all failed (delivery rate 0), one tenant whose messages span more than 30
 * days (the volume query's LIMIT), messages at 00:00:00 and 23:59:59 (date boundaries), the
 * same phone number at two tenants, archived conversations beside open and closed ones, and an
 * open conversation without messages (its last_message_at is null). Every created_at is
 * distinct, so every ORDER BY in the guide has one right answer.
 */
public final class GuideDataSet {
    public record TenantRow(UUID id, String name, String status) {
    }

    public record ContactRow(UUID id, UUID tenantId, String name, String phone) {
    }

    public record ConversationRow(UUID id, UUID tenantId, UUID contactId, String status, LocalDateTime lastMessageAt) {
    }

    public record MessageRow(UUID id, UUID tenantId, UUID conversationId, UUID contactId, String direction, String type,
                             String content, String status, LocalDateTime createdAt) {
    }

    private static final String[] STATUSES = {"queued", "sent", "delivered", "read", "failed"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);

    public final List<TenantRow> tenants = new ArrayList<>();
    public final List<ContactRow> contacts = new ArrayList<>();
    public final List<ConversationRow> conversations = new ArrayList<>();
    public final List<MessageRow> messages = new ArrayList<>();

    private final Random random;
    private final Set<LocalDateTime> usedTimes = new HashSet<>();

    private GuideDataSet(long seed) {
        this.random = new Random(seed);
    }

    /** Builds the data set from {@code seed} and inserts it. */
    public static GuideDataSet insertInto(DataSource dataSource, long seed) {
        GuideDataSet data = new GuideDataSet(seed);
        data.generate();
        try (Connection c = dataSource.getConnection()) {
            data.insert(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return data;
    }

    public TenantRow tenant(String name, String status) {
        return tenants.stream().filter(t -> t.name().equals(name) && t.status().equals(status)).findFirst().orElseThrow();
    }

    /** The contact with the most messages: the best subject for "messages for a contact". */
    public ContactRow busiestContact() {
        return contacts.stream().max(Comparator.comparingLong(c -> messages.stream().filter(m -> m.contactId().equals(c.id())).count()))
                .orElseThrow();
    }

    /** The conversation with the most messages. */
    public ConversationRow longestConversation() {
        return conversations.stream().max(Comparator.comparingLong(c -> messages.stream().filter(m -> m.conversationId().equals(c.id())).count()))
                .orElseThrow();
    }

    private void generate() {
        TenantRow acme = addTenant("Acme Corp", "active");
        TenantRow globex = addTenant("Globex", "active");
        TenantRow globexArchive = addTenant("Globex", "inactive");
        TenantRow initech = addTenant("Initech", "active");
        addTenant("Umbrella", "inactive");

        populate(acme, 6, 45, false);
        populate(globex, 4, 10, false);
        populate(globexArchive, 3, 5, false);
        populate(initech, 2, 3, true);

        // The same phone number is a different contact at another tenant.
        String shared = contacts.stream().filter(c -> c.tenantId().equals(acme.id())).findFirst().orElseThrow().phone();
        ContactRow twin = contact(globex, "Twin of an Acme contact", shared);
        conversations.add(new ConversationRow(uuid(), globex.id(), twin.id(), "closed", null));

        // An open conversation nobody has written in yet: last_message_at stays null.
        ContactRow silent = contact(acme, "Silent Sam", "+15550009999");
        conversations.add(new ConversationRow(uuid(), acme.id(), silent.id(), "open", null));
    }

    private TenantRow addTenant(String name, String status) {
        TenantRow t = new TenantRow(uuid(), name, status);
        tenants.add(t);
        return t;
    }

    private ContactRow contact(TenantRow tenant, String name, String phone) {
        ContactRow c = new ContactRow(uuid(), tenant.id(), name, phone);
        contacts.add(c);
        return c;
    }

    private void populate(TenantRow tenant, int contactCount, int days, boolean allFailed) {
        for (int i = 0; i < contactCount; i++) {
            ContactRow contact = contact(tenant, tenant.name() + " customer " + (i + 1), "+1555" + (1000000 + random.nextInt(9000000)));
            // One current conversation (open or closed) and sometimes an archived older one.
            conversation(tenant, contact, random.nextInt(3) == 0 ? "closed" : "open", days, allFailed);
            if (random.nextBoolean()) {
                conversation(tenant, contact, "archived", days, allFailed);
            }
        }
    }

    private void conversation(TenantRow tenant, ContactRow contact, String status, int days, boolean allFailed) {
        UUID id = uuid();
        int count = 1 + random.nextInt(12);
        LocalDateTime last = null;
        for (int i = 0; i < count; i++) {
            LocalDateTime at = distinctTime(days);
            boolean inbound = !allFailed && random.nextInt(3) == 0;
            String state = allFailed ? "failed" : inbound ? "read" : STATUSES[random.nextInt(STATUSES.length)];
            messages.add(new MessageRow(uuid(), tenant.id(), id, contact.id(), inbound ? "inbound" : "outbound",
                    random.nextInt(5) == 0 ? "template" : "text", "message " + messages.size(), state, at));
            last = last == null || at.isAfter(last) ? at : last;
        }
        conversations.add(new ConversationRow(id, tenant.id(), contact.id(), status, last));
    }

    /** A created_at no other message has; some fall exactly on a day's first or last second. */
    private LocalDateTime distinctTime(int days) {
        while (true) {
            LocalDate day = FIRST_DAY.plusDays(random.nextInt(days));
            LocalTime time = switch (random.nextInt(10)) {
                case 0 -> LocalTime.MIDNIGHT;
                case 1 -> LocalTime.of(23, 59, 59);
                default -> LocalTime.ofSecondOfDay(random.nextInt(86_400));
            };
            LocalDateTime at = day.atTime(time);
            if (usedTimes.add(at)) {
                return at;
            }
        }
    }

    private UUID uuid() {
        // Seeded, so a failing run can be reproduced; shaped as a version 4 UUID.
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private void insert(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (id, name, status) VALUES (?, ?, ?)")) {
            for (TenantRow t : tenants) {
                ps.setObject(1, t.id());
                ps.setString(2, t.name());
                ps.setString(3, t.status());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contacts (id, tenant_id, name, phone, metadata) VALUES (?, ?, ?, ?, ?::jsonb)")) {
            for (ContactRow contact : contacts) {
                ps.setObject(1, contact.id());
                ps.setObject(2, contact.tenantId());
                ps.setString(3, contact.name());
                ps.setString(4, contact.phone());
                ps.setString(5, "{\"source\": \"guide-data-set\"}");
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO conversations (id, tenant_id, contact_id, status, last_message_at) VALUES (?, ?, ?, ?, ?)")) {
            for (ConversationRow conversation : conversations) {
                ps.setObject(1, conversation.id());
                ps.setObject(2, conversation.tenantId());
                ps.setObject(3, conversation.contactId());
                ps.setString(4, conversation.status());
                ps.setObject(5, conversation.lastMessageAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (id, tenant_id, conversation_id, contact_id, direction, type, "
                + "content, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (MessageRow m : messages) {
                ps.setObject(1, m.id());
                ps.setObject(2, m.tenantId());
                ps.setObject(3, m.conversationId());
                ps.setObject(4, m.contactId());
                ps.setString(5, m.direction());
                ps.setString(6, m.type());
                ps.setString(7, m.content());
                ps.setString(8, m.status());
                ps.setObject(9, m.createdAt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
    }
}
