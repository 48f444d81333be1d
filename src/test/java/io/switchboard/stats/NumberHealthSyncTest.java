package io.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.delivery.OutboundFixture;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NumberHealthSyncTest {
    private final OutboundFixture f = new OutboundFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private NumberHealthSync sync() {
        return new NumberHealthSync(f.db, new WhatsAppAccountService(f.db, f.secrets), new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    /** quality|previous|tier|status|updated? */
    private String health() {
        return f.db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT concat_ws('|', COALESCE(quality_rating, '-'), COALESCE(previous_quality_rating, '-'),"
                    + " COALESCE(messaging_limit_tier, '-'), COALESCE(number_status, '-'), CASE WHEN health_updated_at IS NULL THEN 'never' ELSE 'read' END)"
                    + " FROM whatsapp_accounts WHERE phone_number_id = ?")) {
                ps.setString(1, OutboundFixture.PHONE_NUMBER_ID);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    @Test
    void aNewNumberIsReadFromTheSandboxAndADropKeepsThePreviousRatingForTheWarning() {
        assertThat(health()).isEqualTo("-|-|-|-|never");

        List<NumberHealthSync.Outcome> first = sync().refreshDue(Duration.ofHours(1), Set.of());

        assertThat(first).extracting(NumberHealthSync.Outcome::problem).containsExactly((String) null);
        assertThat(health()).isEqualTo("GREEN|-|TIER_1K|CONNECTED|read");
        assertThat(f.sandbox.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly("GET /v24.0/" + OutboundFixture.PHONE_NUMBER_ID);
        // read a moment ago: not due again within the hour
        assertThat(sync().refreshDue(Duration.ofHours(1), Set.of())).isEmpty();

        f.sandbox.changeNumberHealth(OutboundFixture.PHONE_NUMBER_ID, "YELLOW", "TIER_250", "DOWNGRADE", Duration.ZERO);
        sync().refreshDue(Duration.ZERO, Set.of());
        assertThat(health()).isEqualTo("YELLOW|GREEN|TIER_250|CONNECTED|read");
        // the same rating again keeps what it was before, so the "quality dropped" warning stays
        sync().refreshDue(Duration.ZERO, Set.of());
        assertThat(health()).isEqualTo("YELLOW|GREEN|TIER_250|CONNECTED|read");

        NumberHealth shown = new StatsService(f.db).report(f.tenantId, StatsRange.lastDays(7, java.time.ZoneOffset.UTC, java.time.Clock.systemUTC())).health().get(0);
        assertThat(shown.warning()).contains("YELLOW").contains("was GREEN");
    }

    @Test
    void aWrongTokenIsAnOutcomeAndStoresNothing() {
        f.execute("UPDATE whatsapp_accounts SET access_token_enc = ?", f.secrets.encrypt("EAAwrong-token-0000"));

        List<NumberHealthSync.Outcome> outcomes = sync().refreshDue(Duration.ofHours(1), Set.of());

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.problem()).contains("HTTP 401").contains("190"));
        assertThat(health()).isEqualTo("-|-|-|-|never");
        assertThat(sync().refreshDue(Duration.ofHours(1), Set.of(OutboundFixture.PHONE_NUMBER_ID))).isEmpty();
    }
}
