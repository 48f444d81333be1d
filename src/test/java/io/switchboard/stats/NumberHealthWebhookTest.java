package io.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.RetryPolicy;
import io.switchboard.db.Notifications;
import io.switchboard.delivery.OutboundFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** phone_number_quality_update webhooks, stored raw and applied by the poller: duplicated, out of order, for unknown numbers. */
class NumberHealthWebhookTest {
    private static final long T = 1_900_000_000L;
    private final OutboundFixture f = new OutboundFixture();
    private final EventPoller poller = new EventPoller(f.db, 1, 50).retryPolicy(new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 3));

    @AfterEach
    void close() {
        f.close();
    }

    private static String quality(String display, long time, String event, String limit) {
        return """
                {"entry":[{"id":"waba-1","time":%d,"changes":[{"value":{"display_phone_number":"%s","event":"%s","current_limit":"%s"},
                "field":"phone_number_quality_update"}]}],"object":"whatsapp_business_account"}""".formatted(time, display, event, limit);
    }

    private void store(List<String> bodies) {
        f.db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_events (event_type, payload, status, created_at) "
                    + "SELECT 'whatsapp', switchboard_try_jsonb(b), 'unprocessed', clock_timestamp() + n * interval '1 microsecond' "
                    + "FROM unnest(?::text[]) WITH ORDINALITY AS x(b, n)")) {
                ps.setArray(1, c.createArrayOf("text", bodies.toArray(new String[0])));
                return ps.executeUpdate();
            }
        });
        poller.processAvailable();
    }

    private String one(String sql) {
        return f.db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    private String health() {
        return one("SELECT concat_ws('|', COALESCE(quality_rating, '-'), COALESCE(previous_quality_rating, '-'), COALESCE(messaging_limit_tier, '-'),"
                + " COALESCE(number_status, '-')) FROM whatsapp_accounts");
    }

    @Test
    void aFlagIsAppliedWithThePreviousRatingAndAnnouncedToTheTenant() throws Exception {
        try (Connection listener = f.db.dataSource().getConnection()) {
            listener.setAutoCommit(true);
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + Notifications.CHANNEL);
            }
            store(List.of(quality("15550109999", T, "UNFLAGGED", "TIER_1K")));
            assertThat(health()).isEqualTo("GREEN|-|TIER_1K|CONNECTED");
            store(List.of(quality("15550109999", T + 10, "FLAGGED", "TIER_1K")));
            assertThat(health()).isEqualTo("RED|GREEN|TIER_1K|FLAGGED");
            store(List.of(quality("15550109999", T + 20, "DOWNGRADE", "TIER_250")));
            assertThat(health()).isEqualTo("RED|GREEN|TIER_250|FLAGGED");
            try (Statement s = listener.createStatement()) {
                s.execute("SELECT 1");
            }
            PGNotification[] heard = listener.unwrap(PGConnection.class).getNotifications(2_000);
            assertThat(heard).isNotNull();
            assertThat(Arrays.stream(heard).map(PGNotification::getParameter)).contains(f.tenantId + ":statuses");
        }
        NumberHealth shown = new StatsService(f.db).report(f.tenantId, StatsRange.lastDays(7, java.time.ZoneOffset.UTC, java.time.Clock.systemUTC()))
                .health().get(0);
        assertThat(shown.warning()).contains("RED").contains("was GREEN");
        assertThat(one("SELECT string_agg(DISTINCT status, ',') FROM webhook_events")).isEqualTo("processed");
    }

    @Test
    void duplicatesAndLateDeliveriesNeverOverwriteNewerNews() {
        String unflagged = quality("+1 555-010-9999", T, "UNFLAGGED", "TIER_1K");
        String flagged = quality("15550109999", T + 10, "FLAGGED", "TIER_250");
        // one batch, newest first and duplicated: applied in Meta's time order
        store(List.of(flagged, unflagged, flagged));
        assertThat(health()).isEqualTo("RED|GREEN|TIER_250|FLAGGED");
        // a later batch bringing the older news (or the same again) changes nothing
        store(List.of(unflagged));
        store(List.of(flagged));
        assertThat(health()).isEqualTo("RED|GREEN|TIER_250|FLAGGED");
        // newer news applies
        store(List.of(quality("15550109999", T + 20, "UNFLAGGED", "TIER_250")));
        assertThat(health()).isEqualTo("GREEN|RED|TIER_250|CONNECTED");
    }

    @Test
    void aNumberNotConnectedHereChangesNothingAndABodyWithoutItsFieldsFailsNamingTheField() {
        store(List.of(quality("4930000000", T, "FLAGGED", "TIER_250")));
        assertThat(health()).isEqualTo("-|-|-|-");
        assertThat(one("SELECT status FROM webhook_events")).isEqualTo("processed");

        f.execute("DELETE FROM webhook_events");
        store(List.of(quality("", T, "FLAGGED", "TIER_250")));
        assertThat(one("SELECT status || ': ' || COALESCE(processing_error, '') FROM webhook_events"))
                .startsWith("failed").contains("display_phone_number");
    }
}
