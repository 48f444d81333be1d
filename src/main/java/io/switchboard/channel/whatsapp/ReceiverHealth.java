package io.switchboard.channel.whatsapp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /healthz} reports: whether the database answers (through the receiver's own
 * fail-fast connection, so a database that is down is reported in about a second, not after a pool's
 * timeout), whether the watched workers and the receiver's writers are alive, and the backlog — events
 * stored but not yet processed, the age of the oldest, messages queued to send. Healthy (200) means
 * the database answers and every worker is alive; otherwise 503. A report is reused for
 * {@link #REUSE_MILLIS} so a monitor polling hard cannot load the database.
 */
final class ReceiverHealth {
    static final long REUSE_MILLIS = 500;
    private static final long COUNT_CAP = 1_000_000;
    private static final String BACKLOG = """
            SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM webhook_events WHERE status = 'unprocessed' AND event_type = 'whatsapp' LIMIT %1$d) e),
                   (SELECT EXTRACT(EPOCH FROM (NOW() - MIN(created_at))) FROM webhook_events WHERE status = 'unprocessed' AND event_type = 'whatsapp'),
                   (SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE status = 'queued' AND direction = 'outbound' LIMIT %1$d) m)""".formatted(COUNT_CAP);

    record Report(boolean healthy, String json) {
    }

    private final IntakeDatabase database;
    private final EventIngest ingest;
    private final Map<String, BooleanSupplier> workers;
    private final java.util.function.IntSupplier openConnections;
    /** Fields that inform but do not decide health (read_replica), each a JSON value. */
    private final Map<String, java.util.function.Supplier<String>> reports;
    private Report last;
    private long lastAt;
    private boolean lastAvailable;

    ReceiverHealth(IntakeDatabase database, EventIngest ingest, Map<String, BooleanSupplier> workers, java.util.function.IntSupplier openConnections,
                   Map<String, java.util.function.Supplier<String>> reports) {
        this.reports = reports;
        this.database = database;
        this.ingest = ingest;
        this.workers = workers;
        this.openConnections = openConnections;
    }

    synchronized Report report() {
        long now = System.nanoTime();
        boolean available = database.available();
        if (last != null && now - lastAt < REUSE_MILLIS * 1_000_000 && available == lastAvailable) {
            return last; // unless intake has lost or regained the database since
        }
        lastAvailable = available;
        Map<String, Boolean> alive = new TreeMap<>();
        workers.forEach((name, probe) -> alive.put(name, probe.getAsBoolean()));
        alive.put("webhook writers", ingest.alive());
        StringBuilder json = new StringBuilder(256);
        boolean reachable = false;
        String error = null;
        long[] backlog = null;
        Double oldest = null;
        long started = System.nanoTime();
        if (available) {
            try (Connection c = database.open(); PreparedStatement ps = c.prepareStatement(BACKLOG)) {
                ps.setQueryTimeout(1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    backlog = new long[] {rs.getLong(1), rs.getLong(3)};
                    double age = rs.getDouble(2);
                    oldest = rs.wasNull() ? null : age;
                }
                reachable = true;
            } catch (SQLException e) {
                error = e.getMessage();
            }
        } else {
            error = "unavailable; reconnecting";
        }
        boolean healthy = reachable && alive.values().stream().allMatch(Boolean::booleanValue);
        json.append("{\"status\":\"").append(healthy ? "ok" : "unavailable").append("\",\"database\":{\"reachable\":").append(reachable);
        if (reachable) {
            json.append(",\"latency_ms\":").append((System.nanoTime() - started) / 1_000_000);
        } else {
            json.append(",\"error\":\"").append(escape(error)).append('"');
        }
        json.append("},\"workers\":{");
        boolean first = true;
        for (Map.Entry<String, Boolean> w : alive.entrySet()) {
            json.append(first ? "" : ",").append('"').append(escape(w.getKey())).append("\":").append(w.getValue() ? "\"alive\"" : "\"stopped\"");
            first = false;
        }
        json.append("},\"connections_open\":").append(openConnections.getAsInt());
        json.append(",\"backlog\":{\"receiving\":").append(ingest.waiting());
        if (backlog != null) {
            json.append(",\"unprocessed_events\":").append(backlog[0]).append(",\"oldest_unprocessed_seconds\":")
                    .append(oldest == null ? "null" : String.format(java.util.Locale.ROOT, "%.1f", oldest))
                    .append(",\"queued_messages\":").append(backlog[1]);
        }
        json.append('}');
        reports.forEach((field, value) -> json.append(",\"").append(escape(field)).append("\":").append(value.get()));
        json.append('}');
        last = new Report(healthy, json.toString());
        lastAt = System.nanoTime();
        return last;
    }

    private static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
