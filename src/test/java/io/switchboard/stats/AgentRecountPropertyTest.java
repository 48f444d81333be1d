package io.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The by-agent breakdown equals a recount whatever the history: customers write, agents (or nobody, or a campaign)
 * answer, statuses arrive, conversations are assigned, reassigned, closed and reopened, an agent is deleted, the folder
 * runs or not, the zone changes. Message figures are recounted from messages by their definitions; first responses and
 * resolutions from a model of the history kept beside it (who answered which wait, who was assigned at each close).
 */
class AgentRecountPropertyTest {
    private static final List<String> ZONES = List.of("UTC", "Asia/Kolkata", "America/St_Johns", "Europe/Berlin");
    private static final StatsRange ALL = new StatsRange(LocalDate.of(2025, 1, 1), LocalDate.now(ZoneOffset.UTC).plusDays(2));
    private static Database db;

    private static synchronized Database db() {
        if (db == null) {
            db = TestDatabase.open();
        }
        return db;
    }

    @AfterContainer
    static void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    /** One conversation as the model sees it. */
    private static final class Thread {
        final UUID id;
        boolean open = true;
        UUID assignee;
        Long waitingSince;

        Thread(UUID id) {
            this.id = id;
        }
    }

    @Property(tries = 12)
    void theBreakdownByAgentEqualsARecount(@ForAll long seed, @ForAll @IntRange(min = 8, max = 40) int steps) {
        Database db = db();
        Random random = new Random(seed);
        StatsService stats = new StatsService(db);
        UUID tenant = uuid(db, "INSERT INTO tenants (name) VALUES ('Prop') RETURNING id");
        stats.setTimeZone(tenant, ZONES.get(random.nextInt(ZONES.size())));
        UUID campaign = uuid(db, "INSERT INTO campaigns (tenant_id, name, message, recipients) VALUES (?, 'C', 'Hi', ARRAY['+1']) RETURNING id", tenant);
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID a = uuid(db, "INSERT INTO agents (login, display_name) VALUES (?, ?) RETURNING id", "p_" + UUID.randomUUID().toString().substring(0, 12),
                    "Agent " + i);
            exec(db, "INSERT INTO agent_tenants (agent_id, tenant_id, role) VALUES (?, ?, 'agent')", a, tenant);
            agents.add(a);
        }
        List<Thread> threads = new ArrayList<>();
        List<UUID> contacts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            UUID contact = uuid(db, "INSERT INTO contacts (tenant_id, phone) VALUES (?, ?) RETURNING id", tenant, "+1555000" + (1000 + i));
            contacts.add(contact);
            threads.add(new Thread(uuid(db, "INSERT INTO conversations (tenant_id, contact_id) VALUES (?, ?) RETURNING id", tenant, contact)));
        }
        Map<UUID, TreeMap<Integer, Long>> firstResponses = new HashMap<>();
        Map<UUID, TreeMap<Integer, Long>> resolutions = new HashMap<>();
        List<UUID> outbound = new ArrayList<>();
        UUID nobody = new UUID(0, 0);
        long t = LocalDate.of(2025, 3 + random.nextInt(8), 1 + random.nextInt(27)).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        for (int step = 0; step < steps; step++) {
            t += 1 + random.nextInt(4 * 3600);
            int k = random.nextInt(contacts.size());
            Thread th = threads.get(k);
            switch (random.nextInt(9)) {
                case 0, 1, 2 -> {
                    exec(db, "INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at)"
                            + " VALUES (?, ?, ?, 'inbound', 'text', 'hi', 'delivered', ?)", tenant, th.id, contacts.get(k), at(t));
                    if (th.waitingSince == null) {
                        th.waitingSince = t;
                    }
                }
                case 3, 4 -> {
                    int who = random.nextInt(5); // 0-2 an agent, 3 nobody, 4 a campaign
                    UUID author = who < agents.size() && who < 3 ? agents.get(who) : null; // fewer after one is deleted
                    outbound.add(uuid(db, "INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, sent_by_agent_id,"
                            + " campaign_id, created_at) VALUES (?, ?, ?, 'outbound', 'text', 'hello', 'queued', ?, ?, ?) RETURNING id", tenant, th.id,
                            contacts.get(k), author, who == 4 ? campaign : null, at(t)));
                    if (who != 4 && th.waitingSince != null) {
                        int minutes = (int) Math.min(43200, (t - th.waitingSince) / 60);
                        firstResponses.computeIfAbsent(author == null ? nobody : author, x -> new TreeMap<>()).merge(minutes, 1L, Long::sum);
                        th.waitingSince = null;
                    }
                }
                case 5 -> {
                    if (!outbound.isEmpty()) {
                        UUID m = outbound.get(random.nextInt(outbound.size()));
                        switch (random.nextInt(4)) {
                            case 0 -> exec(db, "UPDATE messages SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'queued'", at(t), m);
                            case 1 -> exec(db, "UPDATE messages SET status = 'delivered', delivered_at = ? WHERE id = ? AND status <> 'read'", at(t), m);
                            case 2 -> exec(db, "UPDATE messages SET status = 'read', read_at = ? WHERE id = ?", at(t), m);
                            default -> exec(db, "UPDATE messages SET status = 'failed', failed_at = ?, error_code = '131026' WHERE id = ? AND status IN ('queued', 'sent')",
                                    at(t), m);
                        }
                    }
                }
                case 6 -> {
                    int who = random.nextInt(agents.size() + 1);
                    th.assignee = who < agents.size() ? agents.get(who) : null;
                    exec(db, "UPDATE conversations SET assigned_agent_id = ? WHERE id = ?", th.assignee, th.id);
                }
                case 7 -> {
                    if (th.open) {
                        int minutes = random.nextInt(3000);
                        closeAfter(db, th.id, minutes);
                        resolutions.computeIfAbsent(th.assignee == null ? nobody : th.assignee, x -> new TreeMap<>()).merge(minutes, 1L, Long::sum);
                        th.open = false;
                        th.waitingSince = null;
                    } else {
                        exec(db, "UPDATE conversations SET status = 'open' WHERE id = ?", th.id);
                        th.open = true;
                    }
                }
                default -> {
                    switch (random.nextInt(6)) {
                        case 0 -> new StatsFolder(db, Duration.ofSeconds(1)).foldAll();
                        case 1 -> stats.setTimeZone(tenant, ZONES.get(random.nextInt(ZONES.size())));
                        case 2 -> {
                            if (agents.size() == 3) { // one agent leaves for good: their messages become nobody's, their answers stay theirs
                                UUID gone = agents.remove(2);
                                exec(db, "DELETE FROM agents WHERE id = ?", gone);
                                threads.forEach(x -> x.assignee = gone.equals(x.assignee) ? null : x.assignee);
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        }

        AgentReport report = stats.byAgent(tenant, ALL);

        Map<UUID, long[]> messages = recountMessages(db, tenant);
        java.util.Set<UUID> expectedKeys = new java.util.HashSet<>(messages.keySet());
        expectedKeys.addAll(firstResponses.keySet());
        expectedKeys.addAll(resolutions.keySet());
        assertThat(report.agents()).extracting(a -> a.agentId() == null ? nobody : a.agentId()).containsExactlyInAnyOrderElementsOf(expectedKeys);
        for (AgentFigures a : report.agents()) {
            UUID key = a.agentId() == null ? nobody : a.agentId();
            long[] m = messages.getOrDefault(key, new long[5]);
            assertThat(List.of(a.outbound(), a.sent(), a.delivered(), a.read(), a.failed())).as("messages of %s", a.name())
                    .containsExactly(m[0], m[1], m[2], m[3], m[4]);
            assertThat(a.firstResponse()).as("first responses of %s", a.name()).isEqualTo(ExactDistribution.of(firstResponses.get(key)));
            assertThat(a.resolution()).as("resolutions of %s", a.name()).isEqualTo(ExactDistribution.of(resolutions.get(key)));
        }
    }

    /** outbound, sent, delivered, read, failed per author (nobody: the zero UUID), by the definitions of DeliveryFunnel. */
    private static Map<UUID, long[]> recountMessages(Database db, UUID tenant) {
        return db.inJdbcTransaction(c -> {
            Map<UUID, long[]> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT COALESCE(sent_by_agent_id, '00000000-0000-0000-0000-000000000000'::uuid), COUNT(*),
                      COUNT(*) FILTER (WHERE status IN ('sent', 'delivered', 'read') OR sent_at IS NOT NULL OR delivered_at IS NOT NULL OR read_at IS NOT NULL),
                      COUNT(*) FILTER (WHERE status IN ('delivered', 'read') OR delivered_at IS NOT NULL OR read_at IS NOT NULL),
                      COUNT(*) FILTER (WHERE status = 'read' OR read_at IS NOT NULL),
                      COUNT(*) FILTER (WHERE status = 'failed')
                    FROM messages WHERE tenant_id = ? AND direction = 'outbound' GROUP BY 1""")) {
                ps.setObject(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getObject(1, UUID.class), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)});
                    }
                }
            }
            return out;
        });
    }

    /** Closes the conversation {@code minutes} after its episode opened (one transaction: one NOW()). */
    private static void closeAfter(Database db, UUID conversation, int minutes) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET opened_at = (NOW() AT TIME ZONE 'UTC') - make_interval(mins => ?) WHERE id = ?")) {
                ps.setInt(1, minutes);
                ps.setObject(2, conversation);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET status = 'closed' WHERE id = ?")) {
                ps.setObject(1, conversation);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static LocalDateTime at(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    private static void exec(Database db, String sql, Object... params) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static UUID uuid(Database db, String sql, Object... params) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }
}
