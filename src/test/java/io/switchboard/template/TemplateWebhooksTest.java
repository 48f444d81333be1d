package io.switchboard.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.RetryPolicy;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.db.Notifications;
import io.switchboard.delivery.OutboundFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The three template webhooks, stored raw and applied by the poller: in any order, duplicated, ending in the latest state. */
class TemplateWebhooksTest {
    private final OutboundFixture f = new OutboundFixture();
    private final EventPoller poller = new EventPoller(f.db, 1, 50).retryPolicy(new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 3));

    @AfterEach
    void close() {
        f.close();
    }

    private void syncFromSandbox(String... names) {
        for (String name : names) {
            if (!f.sandbox.hasTemplate("waba-1", name, "en_US")) {
                f.sandbox.addTemplate("waba-1", name, "en_US", "UTILITY", "PENDING", "[{\"type\":\"BODY\",\"text\":\"Hello from " + name + "\"}]");
            }
        }
        new TemplateSync(f.db, new WhatsAppAccountService(f.db, f.secrets), new CloudApiClient()).sync(f.tenantId);
    }

    private String id(String name) {
        return one("SELECT meta_template_id FROM templates WHERE name = ?", name);
    }

    private static String status(String waba, String id, String name, long time, String event, String extra) {
        return """
                {"entry":[{"id":"%s","time":%d,"changes":[{"value":{"event":"%s","message_template_id":%s,"message_template_name":"%s",
                "message_template_language":"en_US","reason":"NONE","message_template_category":"UTILITY"%s},"field":"message_template_status_update"}]}],
                "object":"whatsapp_business_account"}""".formatted(waba, time, event, id, name, extra);
    }

    private static String quality(String id, String name, long time, String previous, String score) {
        return """
                {"entry":[{"id":"waba-1","time":%d,"changes":[{"value":{"previous_quality_score":"%s","new_quality_score":"%s","message_template_id":%s,
                "message_template_name":"%s","message_template_language":"en-US"},"field":"message_template_quality_update"}]}],"object":"whatsapp_business_account"}"""
                .formatted(time, previous, score, id, name);
    }

    private static String category(String id, String name, long time, String previous, String next) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"waba-1","time":%d,"changes":[{"field":"template_category_update","value":{
                "message_template_id":%s,"message_template_name":"%s","message_template_language":"en_US","previous_category":"%s","new_category":"%s"}}]}]}"""
                .formatted(time, id, name, previous, next);
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
    }

    private String one(String sql, Object... args) {
        return f.db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> p : permutations(rest)) {
                List<T> one = new ArrayList<>();
                one.add(head);
                one.addAll(p);
                out.add(one);
            }
        }
        return out;
    }

    @Test
    void statusUpdatesInEveryOrderAndDuplicatedEndInTheLatestState() {
        syncFromSandbox("order_notice");
        String id = id("order_notice");
        long t = 1_900_000_000L;
        List<String> events = List.of(
                status("waba-1", id, "order_notice", t, "PENDING", ""),
                status("waba-1", id, "order_notice", t + 60, "APPROVED", ""),
                status("waba-1", id, "order_notice", t + 120, "FLAGGED", ""),
                status("waba-1", id, "order_notice", t + 180, "PAUSED",
                        ",\"other_info\":{\"title\":\"FIRST_PAUSE\",\"description\":\"Your WhatsApp message template has been paused for 3 hours.\"}"));
        for (List<String> order : permutations(events)) {
            f.execute("UPDATE templates SET status = 'pending', meta_status = 'PENDING', status_at = NULL, status_reason = NULL WHERE name = 'order_notice'");
            List<String> withDuplicates = new ArrayList<>(order);
            withDuplicates.add(order.get(0));
            withDuplicates.add(1, order.get(2));
            store(withDuplicates);
            poller.processAvailable();
            assertThat(one("SELECT concat_ws('|', status, meta_status, status_reason) FROM templates WHERE name = 'order_notice'"))
                    .as("order %s", order.stream().map(e -> e.replaceAll("(?s).*\"event\":\"(\\w+)\".*", "$1")).toList())
                    .isEqualTo("disabled|PAUSED|Your WhatsApp message template has been paused for 3 hours.");
        }
        assertThat(one("SELECT COUNT(*) FROM webhook_events WHERE status <> 'processed'")).isEqualTo("0");
    }

    @Test
    void aRejectionKeepsMetasReasonAndAnApprovalInTheSameSecondBeatsPending() {
        syncFromSandbox("promo_reject", "same_second");
        long t = 1_900_000_000L;
        store(List.of(
                status("waba-1", id("promo_reject"), "promo_reject", t, "REJECTED",
                        ",\"rejection_info\":{\"reason\":\"Variables are placed wrongly.\",\"recommendation\":\"Fix them.\"}").replace("\"reason\":\"NONE\"",
                        "\"reason\":\"INVALID_FORMAT\""),
                status("waba-1", id("same_second"), "same_second", t, "APPROVED", ""),
                status("waba-1", id("same_second"), "same_second", t, "PENDING", "")));
        poller.processAvailable();
        assertThat(one("SELECT concat_ws('|', status, meta_status, rejection_reason) FROM templates WHERE name = 'promo_reject'"))
                .isEqualTo("rejected|REJECTED|INVALID_FORMAT: Variables are placed wrongly.");
        assertThat(one("SELECT status FROM templates WHERE name = 'same_second'")).isEqualTo("approved");
    }

    @Test
    void qualityAndCategoryUpdatesEndInTheLatestScoreAndCategoryAndEveryWindowHearsOfThem() throws Exception {
        syncFromSandbox("welcome");
        String id = id("welcome");
        long t = 1_900_000_000L;
        List<String> qualities = List.of(quality(id, "welcome", t, "UNKNOWN", "GREEN"), quality(id, "welcome", t + 10, "GREEN", "YELLOW"),
                quality(id, "welcome", t + 20, "YELLOW", "RED"));
        List<String> categories = List.of(category(id, "welcome", t, "UTILITY", "MARKETING"), category(id, "welcome", t + 30, "MARKETING", "UTILITY"));
        try (Connection listener = f.db.dataSource().getConnection()) {
            listener.setAutoCommit(true);
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + Notifications.CHANNEL);
            }
            for (List<String> q : permutations(qualities)) {
                List<String> all = new ArrayList<>(q);
                all.addAll(q.subList(0, 1));
                all.add(categories.get(1));
                all.add(categories.get(0));
                store(all);
                poller.processAvailable();
                assertThat(one("SELECT concat_ws('|', quality_score, category, meta_category) FROM templates WHERE name = 'welcome'"))
                        .isEqualTo("RED|transactional|UTILITY");
            }
            try (Statement s = listener.createStatement()) {
                s.execute("SELECT 1");
            }
            PGNotification[] heard = listener.unwrap(PGConnection.class).getNotifications(2_000);
            assertThat(heard).isNotNull();
            assertThat(Arrays.stream(heard).map(PGNotification::getParameter)).contains(f.tenantId + ":templates");
        }
    }

    @Test
    void aWebhookForATemplateNotStoredYetWaitsForItAndOneForAnUnknownWabaFails() {
        long t = 1_900_000_000L;
        store(List.of(status("waba-1", "424242", "made_in_manager", t, "APPROVED", ""), status("waba-999", "1", "elsewhere", t, "APPROVED", "")));
        poller.processAvailable();
        assertThat(one("SELECT processing_error FROM webhook_events WHERE payload->'entry'->0->>'id' = 'waba-1'")).contains("waiting for template made_in_manager");
        assertThat(one("SELECT status || ': ' || processing_error FROM webhook_events WHERE payload->'entry'->0->>'id' = 'waba-999'"))
                .startsWith("failed: no WhatsApp account is connected with waba_id waba-999");

        f.sandbox.addTemplate("waba-1", "made_in_manager", "en_US", "MARKETING", "PENDING", "[{\"type\":\"BODY\",\"text\":\"New!\"}]");
        syncFromSandbox();
        f.execute("UPDATE webhook_events SET next_attempt_at = NOW() WHERE status = 'unprocessed'");
        poller.processAvailable();
        assertThat(one("SELECT status || '/' || meta_status FROM templates WHERE name = 'made_in_manager'")).isEqualTo("approved/APPROVED");
        assertThat(one("SELECT status FROM webhook_events WHERE payload->'entry'->0->>'id' = 'waba-1'")).isEqualTo("processed");
    }
}
