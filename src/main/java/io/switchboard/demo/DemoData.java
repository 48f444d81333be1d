package io.switchboard.demo;

import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills a tenant with a realistic inbox fast: contacts, conversations and messages streamed with
 * COPY in one transaction (a failure leaves nothing). Every conversation has one contact; times
 * cluster in the recent past, some customers are inside the 24-hour window, a few wait unread,
 * and statuses follow the sender's rules (no queued rows: the sender would try to send them).
 */
public final class DemoData {
    /** What was written and how long it took. */
    public record Result(long contacts, long conversations, long messages, long statuses, long millis, Phases phases) {
        /** The messages' COPY alone, as the command has always reported it. */
        public long messagesMillis() {
            return phases.messages();
        }
    }

    /**
     * Where the time went, in milliseconds: contacts and conversations, messages, status history (and reply
     * times), building the set-aside indexes, counting (stats_rebuild; zero when the triggers counted).
     */
    public record Phases(long people, long messages, long history, long indexes, long counting) {
    }

    /**
     * From this many messages on, and when the fill at least doubles the table, the secondary indexes of
     * contacts, conversations, messages and message_statuses, and the keys of message_statuses, are dropped
     * and built again in one sorted pass each after the rows are in, which is several times faster than
     * growing them row by row (stats-04, stats-12). Those tables are locked until the fill commits;
     * demo-data is not for a busy database. The threshold is low enough that the status-history test's
     * fill takes this path too.
     */
    static final long REBUILD_INDEXES_AT = 20_000;
    private final Database database;

    public DemoData(Database database) {
        this.database = database;
    }

    public Result fill(UUID tenantId, int conversations, long messages, long seed) {
        if (conversations < 1) {
            throw new ValidationException("conversations", "must be at least 1");
        }
        if (messages < conversations) {
            throw new ValidationException("messages", "must be at least the number of conversations (" + conversations + ")");
        }
        long started = System.nanoTime();
        return database.inJdbcTransaction(c -> {
            requireTenant(c, tenantId);
            String prefix = freePhonePrefix(c, tenantId, new SplittableRandom(seed), conversations);
            LocalDateTime now = Clock.nowUtc().withNano(0);
            Plan plan = new Plan(conversations, messages, now, seed);
            try (var s = c.createStatement()) {
                // A bulk job that can simply run again: its own commit need not wait for the disk.
                // Only this transaction; the server and every other session stay durable.
                s.execute("SET LOCAL synchronous_commit = off");
            }
            boolean triggersOff = skipForeignKeyChecks(c);
            String number = sendingNumber(c, tenantId);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            boolean bulk = messages >= REBUILD_INDEXES_AT && messages >= existingRows(c, "messages");
            if (bulk) {
                buildSettings(c);
            }
            long t0 = System.nanoTime();
            boolean bulkPeople = bulk && conversations >= existingRows(c, "contacts") && conversations >= existingRows(c, "conversations");
            SecondaryIndexes contactIndexes = bulkPeople ? SecondaryIndexes.drop(c, "contacts") : SecondaryIndexes.none();
            SecondaryIndexes conversationIndexes = bulkPeople ? SecondaryIndexes.drop(c, "conversations") : SecondaryIndexes.none();
            long contacts = copyContacts(copy, tenantId, plan, prefix);
            long convs = copyConversations(copy, tenantId, plan);
            long t2 = System.nanoTime();
            SecondaryIndexes messageIndexes = bulk ? SecondaryIndexes.drop(c, "messages") : SecondaryIndexes.none();
            SecondaryIndexes statusIndexes = bulk ? SecondaryIndexes.drop(c, "message_statuses") : SecondaryIndexes.none();
            KeyConstraints statusKeys = bulk && existingRows(c, "message_statuses") <= messages ? KeyConstraints.drop(c, "message_statuses") : KeyConstraints.none();
            // messages' own primary key too (random UUIDs; the foreign keys of the status history, reply times, media… to it
            // go aside with it and are checked again when added back).
            KeyConstraints messageKeys = bulk ? KeyConstraints.drop(c, "messages") : KeyConstraints.none();
            long msgs = copyMessages(copy, tenantId, plan, number);
            long t3 = System.nanoTime();
            try (var s = c.createStatement()) {
                // The set-based statements below join these tables: without statistics the planner guesses them empty.
                s.execute("ANALYZE contacts");
                s.execute("ANALYZE conversations");
                s.execute("ANALYZE messages");
            }
            StatusHistory history = new StatusHistory(c, tenantId, prefix);
            long statuses = history.writeStatuses();
            if (triggersOff) {
                // The triggers did not see the COPY: write what stats_track_replies would have, then count the
                // tenant from its rows with the counters' own rebuild (docs/decisions/stats-04-…; DemoDataTest
                // proves both paths give the same counters).
                history.writeReplyTimes();
            }
            long t4 = System.nanoTime();
            contactIndexes.restore(c);
            conversationIndexes.restore(c);
            messageKeys.restore(c);
            messageIndexes.restore(c);
            statusKeys.restore(c);
            statusIndexes.restore(c);
            long t5 = System.nanoTime();
            templates(c, tenantId);
            if (triggersOff) {
                try (var s = c.createStatement()) {
                    s.execute("SET LOCAL session_replication_role = origin");
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT stats_rebuild(?)")) {
                    ps.setObject(1, tenantId);
                    ps.execute();
                }
            }
            long t6 = System.nanoTime();
            try (var s = c.createStatement()) {
                s.execute("ANALYZE message_statuses");
                s.execute("ANALYZE response_times");
            }
            Notifications.announce(c, tenantId, Notifications.Kind.CONVERSATIONS);
            Notifications.announce(c, tenantId, Notifications.Kind.CONTACTS);
            return new Result(contacts, convs, msgs, statuses, (System.nanoTime() - started) / 1_000_000,
                    new Phases(ms(t2 - t0), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), ms(t6 - t5)));
        });
    }

    private static long copyContacts(CopyManager copy, UUID tenantId, Plan plan, String prefix) throws SQLException {
        try (CopyWriter w = new CopyWriter(copy.copyIn(
                "COPY contacts (id, tenant_id, name, phone, external_ref, metadata, created_at, updated_at, last_inbound_at) FROM STDIN"))) {
            for (int i = 0; i < plan.size; i++) {
                Plan.Conversation cv = plan.conversation(i);
                w.add(cv.contactId).add(tenantId).add(cv.name).add(prefix + String.format("%07d", i))
                        .add(cv.random.nextInt(3) == 0 ? "CRM-" + (100000 + i) : null)
                        .add(cv.random.nextInt(4) == 0 ? "{\"plan\": \"" + Texts.PLANS[cv.random.nextInt(Texts.PLANS.length)] + "\", \"city\": \""
                                + Texts.CITIES[cv.random.nextInt(Texts.CITIES.length)] + "\"}" : null)
                        .add(cv.createdAt).add(cv.lastAt).add(cv.lastInboundAt);
                w.endRow();
            }
            return w.rows();
        }
    }

    private static long copyConversations(CopyManager copy, UUID tenantId, Plan plan) throws SQLException {
        try (CopyWriter w = new CopyWriter(copy.copyIn(
                "COPY conversations (id, tenant_id, contact_id, channel, status, last_message_at, last_read_at, created_at, updated_at) FROM STDIN"))) {
            for (int i = 0; i < plan.size; i++) {
                Plan.Conversation cv = plan.conversation(i);
                w.add(cv.id).add(tenantId).add(cv.contactId).add("whatsapp").add(cv.status).add(cv.lastAt).add(cv.lastReadAt)
                        .add(cv.createdAt).add(cv.lastAt);
                w.endRow();
            }
            return w.rows();
        }
    }

    private static long copyMessages(CopyManager copy, UUID tenantId, Plan plan, String number) throws SQLException {
        try (CopyWriter w = new CopyWriter(copy.copyIn("""
                COPY messages (id, tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, metadata, status,
                               sent_at, delivered_at, read_at, failed_at, error_code, error_title, error_detail, created_at, updated_at,
                               phone_number_id) FROM STDIN"""))) {
            for (int i = 0; i < plan.size; i++) {
                Plan.Conversation cv = plan.conversation(i);
                for (Plan.Message m : cv.messages()) {
                    w.add(Plan.uuid(cv.random)).add(tenantId).add(cv.id).add(cv.contactId).add("whatsapp").add(m.direction()).add(m.type())
                            .add(m.contentType()).add(m.content()).add(m.metadata()).add(m.status())
                            .add(m.sentAt()).add(m.deliveredAt()).add(m.readAt()).add(m.failedAt())
                            .add(m.failed() ? "131026" : null).add(m.failed() ? "Message undeliverable" : null)
                            .add(m.failed() ? "The recipient's phone number is not on WhatsApp, or they have not accepted the latest terms." : null)
                            .add(m.at()).add(m.updatedAt()).add(number);
                    w.endRow();
                }
            }
            return w.rows();
        }
    }

    private static void templates(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO templates (tenant_id, name, language, header_text, body, footer_text, category, status)
                VALUES (?, 'order_update', 'en_US', 'Order {{1}}', 'Hi {{1}}, your order {{2}} is on its way and arrives {{3}}.', 'Reply STOP to opt out', 'transactional', 'approved'),
                       (?, 'follow_up', 'en_US', NULL, 'Hello {{1}}, we have not heard from you in a while. Can we still help with your request?', NULL, 'text', 'approved'),
                       (?, 'appointment_reminder', 'en_US', NULL, 'Reminder: your appointment is on {{1}} at {{2}}. Reply to reschedule.', 'Acme Support', 'transactional', 'approved')
                ON CONFLICT (tenant_id, name, language) DO NOTHING""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, tenantId);
            ps.setObject(3, tenantId);
            ps.executeUpdate();
        }
    }

    /** The planner's estimate of a table's rows: enough to tell whether a fill at least doubles it. */
    private static long existingRows(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Memory for this transaction's sorts, hash joins and index builds (the defaults, 4 MB and 64 MB, make a
     * ten-million-row fill spill to disk in many passes); one parallel worker beside the leader for each
     * index build, as many as a two-core machine has. Only this transaction (stats-12).
     */
    private static void buildSettings(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("SET LOCAL work_mem = '256MB'");
            s.execute("SET LOCAL maintenance_work_mem = '1GB'");
            s.execute("SET LOCAL max_parallel_maintenance_workers = 1");
        }
    }

    /** The number a message goes out through when its writer names none: the trigger stats_message_number's rule. */
    private static String sendingNumber(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT phone_number_id FROM whatsapp_accounts WHERE tenant_id = ? AND status = 'active' ORDER BY created_at, id LIMIT 1""")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * Every id COPY writes was generated here and points at a row written just before it, so the
     * per-row foreign-key triggers only cost time. Turning them off needs a superuser; the app
     * connects as one nowhere any more (the embedded server's app role is not one either), so
     * in practice the checks stay on and the fill takes longer; a superuser running demo-data
     * against an external server still gets the shortcut.
     */
    private static boolean skipForeignKeyChecks(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("SAVEPOINT fk");
            try {
                s.execute("SET LOCAL session_replication_role = replica");
                s.execute("RELEASE SAVEPOINT fk");
                return true;
            } catch (SQLException e) {
                s.execute("ROLLBACK TO SAVEPOINT fk");
                return false;
            }
        }
    }

    private static void requireTenant(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", "no tenant has id " + tenantId);
                }
            }
        }
    }

    /** A block of phone numbers no contact of the tenant uses yet, so COPY never meets the unique key. */
    private static String freePhonePrefix(Connection c, UUID tenantId, SplittableRandom random, int count) throws SQLException {
        if (count > 10_000_000) {
            throw new ValidationException("conversations", "must be at most 10,000,000");
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            String prefix = Texts.PHONE_PREFIXES[random.nextInt(Texts.PHONE_PREFIXES.length)] + (10 + random.nextInt(90));
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM contacts WHERE tenant_id = ? AND phone LIKE ? LIMIT 1")) {
                ps.setObject(1, tenantId);
                ps.setString(2, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return prefix;
                    }
                }
            }
        }
        throw new IllegalStateException("no free block of demo phone numbers left in this tenant");
    }
}
