package io.switchboard.campaign;

import io.switchboard.delivery.SendFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * When a running campaign must stop by itself: Meta answered a code that means "stop sending" (131048 spam rate
 * limit, 131056 pair rate, 130429 throughput, 190 token), or too many of its latest answers are failures (default:
 * more than 20 % of the last 100). 131049 — Meta holding back a marketing message — is not a failure of the
 * campaign. Only answers since the campaign was (re)started count, so resuming continues instead of pausing again.
 */
final class AutoPause {
    static final Set<String> STOP_CODES = Set.of("131048", "131056", "130429", "190");
    /** Fewest answers the ratio is judged on (or the window, if smaller). */
    static final int MIN_ANSWERS = 20;

    private AutoPause() {
    }

    /** The reason to pause now, if any. */
    static Optional<String> reason(Connection c, UUID campaignId, LocalDateTime since, double threshold, int window) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT error_code, error_title FROM messages
                WHERE campaign_id = ? AND error_code = ANY(?) AND updated_at >= ? ORDER BY updated_at LIMIT 1""")) {
            ps.setObject(1, campaignId);
            ps.setArray(2, c.createArrayOf("text", STOP_CODES.toArray()));
            ps.setObject(3, since);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    String code = rs.getString(1);
                    String sentence = SendFailures.explain(code).map(SendFailures.Explanation::sentence).orElse("");
                    return Optional.of("Meta answered " + code + " (" + (rs.getString(2) == null ? "stop" : rs.getString(2)) + "): " + sentence
                            + " Paused so the number is not harmed; resume when it is resolved.");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(*) FILTER (WHERE x.status = 'failed' AND x.error_code IS DISTINCT FROM '131049'), COUNT(*)
                FROM (SELECT m.status, m.error_code FROM campaign_recipients r JOIN messages m ON m.id = r.message_id
                      WHERE r.campaign_id = ? AND r.state = 'queued' AND r.queued_at >= ? AND m.status <> 'queued'
                      ORDER BY r.seq DESC LIMIT ?) x""")) {
            ps.setObject(1, campaignId);
            ps.setObject(2, since);
            ps.setInt(3, window);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int failed = rs.getInt(1);
                int answers = rs.getInt(2);
                if (answers >= Math.min(window, MIN_ANSWERS) && failed > threshold * answers) {
                    return Optional.of(String.format(java.util.Locale.ROOT,
                            "%d of the last %d answers were failures (more than %.0f %%); check the failed recipients' reasons, then resume",
                            failed, answers, threshold * 100));
                }
            }
        }
        return Optional.empty();
    }
}
