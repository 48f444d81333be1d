package io.switchboard.channel.sandbox;

import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How far the simulated customers of one tenant got through their opening script (an opener, then for some a
 * photo, an invoice or a voice note), read from what the tenant's inbox already holds: a customer who wrote in
 * before does not open again, one whose file arrived does not send it again. The inbox is the record because it
 * is what the agent sees; a step whose webhook was lost before it was stored (the app quit seconds after
 * starting) is simply taken again on the next start.
 *
 * @param opened     wa_ids (digits only) that have at least one inbound message in the tenant
 * @param sentMedia  wa_ids that have at least one inbound photo, document, audio, video or sticker
 */
public record ScriptProgress(Set<String> opened, Set<String> sentMedia) {
    private static final String[] MEDIA = {"image", "document", "audio", "video", "sticker"};

    public ScriptProgress {
        opened = Set.copyOf(opened);
        sentMedia = Set.copyOf(sentMedia);
    }

    /** A tenant none of whose customers wrote yet: the whole script runs. */
    public static ScriptProgress none() {
        return new ScriptProgress(Set.of(), Set.of());
    }

    /** Reads the progress of {@code customers} in {@code tenantId}'s inbox (one indexed query). */
    static ScriptProgress read(Database database, UUID tenantId, List<SimulatedCustomers.Customer> customers) {
        // The inbound writer stores wa_id 5511… as +5511…; both spellings are looked up in case an older row has the bare digits.
        List<String> phones = customers.stream().flatMap(c -> java.util.stream.Stream.of("+" + c.waId(), c.waId())).toList();
        return database.inJdbcTransaction(c -> {
            Set<String> opened = new HashSet<>();
            Set<String> media = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT ltrim(ct.phone, '+'), bool_or(m.content_type = ANY (?))
                    FROM contacts ct JOIN messages m ON m.tenant_id = ct.tenant_id AND m.contact_id = ct.id AND m.direction = 'inbound'
                    WHERE ct.tenant_id = ? AND ct.phone = ANY (?)
                    GROUP BY ct.phone""")) {
                ps.setArray(1, c.createArrayOf("text", MEDIA));
                ps.setObject(2, tenantId);
                ps.setArray(3, c.createArrayOf("text", phones.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        opened.add(rs.getString(1));
                        if (rs.getBoolean(2)) {
                            media.add(rs.getString(1));
                        }
                    }
                }
            }
            return new ScriptProgress(opened, media);
        });
    }
}
