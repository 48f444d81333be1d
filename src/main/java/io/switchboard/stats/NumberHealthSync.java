package io.switchboard.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.channel.whatsapp.AccountCredentials;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.common.Clock;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads each connected number's health from Meta — GET {base}/{phone_number_id}?fields=quality_rating,
 * messaging_limit_tier,status,display_phone_number,verified_name — and stores it on the account. The rating
 * it replaces becomes previous_quality_rating only when it differs, so "quality dropped" survives refreshes
 * that report the same rating again. Each changed tenant is announced so an open Stats window refreshes.
 */
public final class NumberHealthSync {
    static final String FIELDS = "quality_rating,messaging_limit_tier,status,display_phone_number,verified_name";

    private final Database database;
    private final WhatsAppAccountService accounts;
    private final CloudApiClient client;

    public NumberHealthSync(Database database, WhatsAppAccountService accounts, CloudApiClient client) {
        this.database = database;
        this.accounts = accounts;
        this.client = client;
    }

    /** One number's outcome: {@code problem} is null when Meta answered and the health was stored. */
    public record Outcome(String phoneNumberId, String qualityRating, String messagingLimitTier, String status, String problem) {
    }

    /** Refreshes every active number whose health is older than {@code olderThan} (or never read), but those in {@code skip}. */
    public List<Outcome> refreshDue(java.time.Duration olderThan, java.util.Set<String> skip) {
        List<String> due = database.inJdbcTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT phone_number_id FROM whatsapp_accounts WHERE status = 'active'"
                    + " AND (health_updated_at IS NULL OR health_updated_at < ?) ORDER BY health_updated_at NULLS FIRST")) {
                ps.setObject(1, Clock.nowUtc().minus(olderThan));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
        List<Outcome> out = new ArrayList<>();
        for (String id : due) {
            if (skip.contains(id)) {
                continue;
            }
            accounts.credentials(id).ifPresent(credentials -> out.add(refresh(credentials)));
        }
        return out;
    }

    /** Asks Meta about one number and stores what it says. Network trouble is an outcome, never an exception. */
    public Outcome refresh(AccountCredentials number) {
        CloudApiClient.GraphReply reply = client.call("GET", number.apiBaseUrl(), number.phoneNumberId() + "?fields=" + FIELDS,
                number.accessToken(), null);
        if (!reply.ok()) {
            return new Outcome(number.phoneNumberId(), null, null, null, reply.problem());
        }
        JsonNode body = reply.body();
        String quality = text(body, "quality_rating");
        String tier = text(body, "messaging_limit_tier");
        String status = text(body, "status");
        store(number, quality, tier, status);
        return new Outcome(number.phoneNumberId(), quality, tier, status, null);
    }

    private void store(AccountCredentials number, String quality, String tier, String status) {
        database.inJdbcTransaction(c -> {
            boolean changed;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT quality_rating, messaging_limit_tier, number_status FROM whatsapp_accounts WHERE phone_number_id = ? FOR UPDATE")) {
                ps.setString(1, number.phoneNumberId());
                try (var rs = ps.executeQuery()) {
                    changed = rs.next() && (differs(rs.getString(1), quality) || differs(rs.getString(2), tier) || differs(rs.getString(3), status));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE whatsapp_accounts SET
                      previous_quality_rating = CASE WHEN quality_rating IS DISTINCT FROM COALESCE(?, quality_rating) AND quality_rating IS NOT NULL
                                                     THEN quality_rating ELSE previous_quality_rating END,
                      quality_rating = COALESCE(?, quality_rating),
                      messaging_limit_tier = COALESCE(?, messaging_limit_tier),
                      number_status = COALESCE(?, number_status),
                      health_updated_at = ?
                    WHERE phone_number_id = ?""")) {
                ps.setString(1, quality);
                ps.setString(2, quality);
                ps.setString(3, tier);
                ps.setString(4, status);
                ps.setObject(5, Clock.nowUtc());
                ps.setString(6, number.phoneNumberId());
                ps.executeUpdate();
            }
            if (changed) {
                // STATUSES, not TENANTS: the Stats window refreshes on any kind, and TENANTS makes the inbox reload its tenants
                Notifications.announce(c, number.tenantId(), Notifications.Kind.STATUSES);
            }
            return null;
        });
    }

    /** A reading Meta left out (null) keeps the stored value, so it changes nothing. */
    private static boolean differs(String stored, String read) {
        return read != null && !read.equals(stored);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }
}
