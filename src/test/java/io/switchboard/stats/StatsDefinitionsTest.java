package io.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each figure's definition on small histories written row by row, as psql would. */
class StatsDefinitionsTest {
    private static final LocalDate DAY = LocalDate.of(2025, 6, 1);
    private static final StatsRange JUNE = new StatsRange(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30));

    private Database db;
    private StatsService stats;
    private UUID tenant;
    private UUID contact;
    private UUID conversation;

    @BeforeEach
    void open() {
        db = TestDatabase.open();
        stats = new StatsService(db);
        tenant = insertTenant("Acme");
        contact = uuid("INSERT INTO contacts (tenant_id, name, phone) VALUES (?, 'Ada', '+4915112345678') RETURNING id", tenant);
        conversation = uuid("INSERT INTO conversations (tenant_id, contact_id, created_at) VALUES (?, ?, '2025-06-01 08:00') RETURNING id", tenant, contact);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aReadWithoutDeliveredCountsAsDeliveredAndRead() {
        outbound("read", "2025-06-01 09:00", null, null, "2025-06-01 09:05", null, null);

        DeliveryFunnel d = stats.report(tenant, JUNE).delivery();

        assertThat(List.of(d.outbound(), d.sent(), d.delivered(), d.read(), d.failed(), d.attempted())).containsExactly(1L, 1L, 1L, 1L, 0L, 1L);
        assertThat(d.deliveryRate().percent()).isEqualTo("100.0 %");
        assertThat(d.readRate().percent()).isEqualTo("100.0 %");
    }

    @Test
    void aFailureAfterSentCountsAsSentAndFailedWithItsReasonAndContact() {
        UUID failed = outbound("failed", "2025-06-01 09:00", "2025-06-01 09:00", null, null, "2025-06-01 09:02", "131026");
        outbound("delivered", "2025-06-01 10:00", "2025-06-01 10:00", "2025-06-01 10:01", null, null, null);
        outbound("failed", "2025-06-01 11:00", null, null, null, "2025-06-01 11:00", "service_window_closed");
        exec("UPDATE messages SET error_title = 'Outside the 24-hour window', error_detail = 'Only a template can be sent.' WHERE error_code = 'service_window_closed'");

        StatsReport r = stats.report(tenant, JUNE);

        assertThat(List.of(r.delivery().sent(), r.delivery().delivered(), r.delivery().failed(), r.delivery().attempted())).containsExactly(2L, 1L, 2L, 3L);
        assertThat(r.delivery().deliveryRate().percent()).isEqualTo("50.0 %");
        assertThat(r.delivery().failureRate().percent()).isEqualTo("66.7 %");
        assertThat(r.failures()).extracting(FailureReason::code, FailureReason::title, FailureReason::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("131026", "Message undeliverable", 1L),
                        org.assertj.core.groups.Tuple.tuple("service_window_closed", "Outside the 24-hour window", 1L));
        assertThat(r.failures().get(0).reason()).contains("could not deliver");
        assertThat(r.failures().get(1).reason()).isEqualTo("Only a template can be sent.");
        assertThat(r.failures().get(0).share().percent()).isEqualTo("50.0 %");
        assertThat(stats.failedMessages(tenant, JUNE, "131026", 10)).singleElement()
                .satisfies(m -> {
                    assertThat(m.messageId()).isEqualTo(failed);
                    assertThat(m.phone()).isEqualTo("+4915112345678");
                    assertThat(m.contactName()).isEqualTo("Ada");
                });
        assertThat(stats.failedMessages(tenant, new StatsRange(DAY.plusDays(1), DAY.plusDays(2)), "131026", 10)).isEmpty();
    }

    @Test
    void aDeliveredAfterAFailureWinsAndIsNotAFailure() {
        UUID id = outbound("failed", "2025-06-01 09:00", "2025-06-01 09:00", null, null, "2025-06-01 09:02", "131049");
        assertThat(stats.report(tenant, JUNE).delivery().failed()).isEqualTo(1);

        exec("UPDATE messages SET status = 'delivered', delivered_at = '2025-06-02 07:00' WHERE id = '" + id + "'");

        StatsReport r = stats.report(tenant, JUNE);
        assertThat(r.delivery().failed()).isZero();
        assertThat(r.failures()).isEmpty();
        assertThat(r.days()).filteredOn(d -> d.day().equals(DAY.plusDays(1))).singleElement().extracting(DayVolume::delivered).isEqualTo(1L);
    }

    @Test
    void eventsCountOnTheirOwnLocalDayAtTheTimeZoneEdge() {
        stats.setTimeZone(tenant, "Asia/Kolkata"); // UTC+05:30
        inbound("2025-06-01 18:29:59"); // 23:59:59 on June 1st in Kolkata
        inbound("2025-06-01 18:30:00"); // midnight, June 2nd
        outbound("read", "2025-06-01 18:00", "2025-06-01 18:00", "2025-06-01 18:10", "2025-06-01 19:00", null, null); // sent June 1st, read June 2nd

        StatsReport r = stats.report(tenant, JUNE);

        DayVolume first = r.days().get(0);
        DayVolume second = r.days().get(1);
        assertThat(List.of(first.inbound(), first.sent(), first.delivered(), first.read())).containsExactly(1L, 1L, 1L, 0L);
        assertThat(List.of(second.inbound(), second.sent(), second.delivered(), second.read())).containsExactly(1L, 0L, 0L, 1L);
        assertThat(r.hours().get(23).inbound()).isEqualTo(1);
        assertThat(r.hours().get(0).inbound()).isEqualTo(1);
        assertThat(r.zone()).isEqualTo("Asia/Kolkata");

        stats.setTimeZone(tenant, "UTC"); // counted again: both inbound messages on June 1st now
        assertThat(stats.report(tenant, JUNE).days().get(0).inbound()).isEqualTo(2);
        assertThatThrownBy(() -> stats.setTimeZone(tenant, "Mars/Olympus")).isInstanceOf(ValidationException.class).hasMessageContaining("time_zone");
    }

    @Test
    void firstResponseRunsFromTheFirstUnansweredMessageToTheNextHumanReply() {
        UUID campaign = uuid("INSERT INTO campaigns (tenant_id, name, message, recipients) VALUES (?, 'Spring', 'Hi', ARRAY['+4915112345678']) RETURNING id", tenant);
        inbound("2025-06-01 09:00");
        inbound("2025-06-01 09:10");
        exec("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, campaign_id, created_at) "
                + "VALUES ('" + tenant + "', '" + conversation + "', '" + contact + "', 'outbound', 'text', 'promo', 'queued', '" + campaign + "', '2025-06-01 09:20')");
        outbound("queued", "2025-06-01 09:45", null, null, null, null, null); // 45 min after 09:00
        outbound("queued", "2025-06-01 09:50", null, null, null, null, null); // nobody was waiting
        inbound("2025-06-01 12:00");
        outbound("queued", "2025-06-01 17:30", null, null, null, null, null); // 5 h 30 min

        ResponseTimes t = stats.report(tenant, JUNE).firstResponse();

        assertThat(t.count()).isEqualTo(2);
        assertThat(t.medianMinutes()).isEqualTo(45);
        assertThat(t.p90Minutes()).isEqualTo(330);
        assertThat(t.buckets()).containsExactly(1L, 0L, 1L, 0L, 0L);
        assertThat(stats.report(tenant, JUNE).byCampaign()).singleElement().satisfies(b -> {
            assertThat(b.label()).isEqualTo("Spring");
            assertThat(b.outbound()).isEqualTo(1);
        });
    }

    @Test
    void aReopenedConversationIsResolvedTwice() {
        StatsRange today = new StatsRange(LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1), LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1));
        exec("UPDATE conversations SET created_at = (NOW() AT TIME ZONE 'UTC') - INTERVAL '90 minutes 20 seconds' WHERE id = '" + conversation + "'");
        exec("UPDATE conversations SET status = 'closed' WHERE id = '" + conversation + "'");
        exec("UPDATE conversations SET status = 'open' WHERE id = '" + conversation + "'"); // reopened: a new episode starts now
        exec("UPDATE conversations SET opened_at = opened_at - INTERVAL '10 hours' WHERE id = '" + conversation + "'");
        exec("UPDATE conversations SET status = 'closed' WHERE id = '" + conversation + "'");
        exec("UPDATE conversations SET status = 'archived' WHERE id = '" + conversation + "'"); // archiving a closed one resolves nothing

        ResponseTimes t = stats.report(tenant, today).resolution();

        assertThat(t.count()).isEqualTo(2);
        assertThat(t.medianMinutes()).isEqualTo(90);
        assertThat(t.p90Minutes()).isEqualTo(600);
        assertThat(t.buckets()).containsExactly(0L, 1L, 0L, 1L, 0L);
    }

    @Test
    void breakdownsNameTheNumberAndTheTemplateAndAllTenantsAddUp() {
        exec("INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, display_phone, access_token_enc, app_secret_enc, verify_token_enc) "
                + "VALUES ('" + tenant + "', '1065403522', '+1 555 0100', 'x', 'x', 'x')");
        UUID other = insertTenant("Globex");
        UUID otherContact = uuid("INSERT INTO contacts (tenant_id, phone) VALUES (?, '+15550000001') RETURNING id", other);
        UUID otherConversation = uuid("INSERT INTO conversations (tenant_id, contact_id) VALUES (?, ?) RETURNING id", other, otherContact);
        exec("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at) VALUES ('" + other
                + "', '" + otherConversation + "', '" + otherContact + "', 'inbound', 'text', 'hi', 'delivered', '2025-06-03 10:00')");
        outbound("sent", "2025-06-01 09:00", "2025-06-01 09:00", null, null, null, null);
        exec("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, metadata, status, sent_at, delivered_at, created_at) "
                + "VALUES ('" + tenant + "', '" + conversation + "', '" + contact + "', 'outbound', 'template', 'Your order', "
                + "'{\"template\": {\"name\": \"order_update\", \"language\": \"en_US\"}}', 'delivered', '2025-06-01 10:00', '2025-06-01 10:01', '2025-06-01 10:00')");

        StatsReport r = stats.report(tenant, JUNE);

        assertThat(r.byNumber()).singleElement().satisfies(b -> {
            assertThat(b.key()).isEqualTo("1065403522");
            assertThat(b.label()).isEqualTo("+1 555 0100 (1065403522)");
            assertThat(List.of(b.outbound(), b.sent(), b.delivered())).containsExactly(2L, 2L, 1L);
        });
        assertThat(r.byTemplate()).singleElement().satisfies(b -> {
            assertThat(b.label()).isEqualTo("order_update (en_US)");
            assertThat(b.deliveryRate().percent()).isEqualTo("100.0 %");
        });
        assertThat(r.health()).singleElement().extracting(NumberHealth::phoneNumberId).isEqualTo("1065403522");
        StatsReport all = stats.report(null, JUNE);
        assertThat(all.delivery().outbound()).isEqualTo(2);
        assertThat(all.inbound()).isEqualTo(1);
        assertThat(stats.report(other, JUNE).delivery().outbound()).isZero();
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new StatsRange(DAY, DAY.minusDays(1))).isInstanceOf(ValidationException.class).hasMessageContaining("to: must not be before");
    }

    private UUID outbound(String status, String created, String sent, String delivered, String read, String failed, String code) {
        return uuid("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at, sent_at, delivered_at,"
                        + " read_at, failed_at, error_code) VALUES (?, ?, ?, 'outbound', 'text', 'hello', ?, ?::timestamp, ?::timestamp, ?::timestamp,"
                        + " ?::timestamp, ?::timestamp, ?) RETURNING id",
                tenant, conversation, contact, status, created, sent, delivered, read, failed, code);
    }

    private void inbound(String at) {
        uuid("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at, sent_at, delivered_at)"
                + " VALUES (?, ?, ?, 'inbound', 'text', 'hi', 'delivered', ?::timestamp, ?::timestamp, ?::timestamp) RETURNING id", tenant, conversation, contact, at, at, at);
    }

    private UUID insertTenant(String name) {
        return uuid("INSERT INTO tenants (name) VALUES (?) RETURNING id", name);
    }

    private UUID uuid(String sql, Object... params) {
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

    private void exec(String sql) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return ps.executeUpdate();
            }
        });
    }

}
