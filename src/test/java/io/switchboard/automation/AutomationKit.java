package io.switchboard.automation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.db.Database;
import io.switchboard.delivery.OutboundFixture;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant with a WhatsApp number on the sandbox, the real inbound pipeline (webhook_events → poller → messages →
 * trigger → automation_events) and the automation engine, on its own migrated database.
 */
final class AutomationKit implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final OutboundFixture f = new OutboundFixture();
    final Database db = f.db;
    final UUID tenant = f.tenantId;
    final AutomationService service = new AutomationService(db, f.secrets);
    final AutomationEngine engine = new AutomationEngine(db, f.secrets, Duration.ofMillis(20));
    final EventPoller poller = new EventPoller(db, 1, 100);
    private int wamids;

    UUID create(String json) {
        return service.create(tenant, AutomationDraft.fromJson(json)).id();
    }

    /** A customer's text arrives as Meta's webhook, stored raw and handled by the poller; returns the wamid. */
    String customerWrites(String waId, String name, String text, Instant at) {
        String wamid = "wamid.T" + (++wamids) + UUID.randomUUID().toString().replace("-", "");
        storeWebhook(inbound(waId, name, wamid, at.getEpochSecond(), text));
        return wamid;
    }

    static String inbound(String waId, String name, String wamid, long epochSeconds, String body) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550109999","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":%s}}]},"field":"messages"}]}]}"""
                .formatted(OutboundFixture.PHONE_NUMBER_ID, name, waId, waId, wamid, epochSeconds, JSON.valueToTree(body).toString());
    }

    static String failedStatus(String wamid, long epochSeconds, int code, String title) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550109999","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"failed","timestamp":"%d","recipient_id":"16505551234",
                "errors":[{"code":%d,"title":"%s","message":"%s","error_data":{"details":"%s"}}]}]},"field":"messages"}]}]}"""
                .formatted(OutboundFixture.PHONE_NUMBER_ID, wamid, epochSeconds, code, title, title, title);
    }

    void storeWebhook(String body) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_events (event_type, payload, status, created_at) "
                    + "VALUES ('whatsapp', switchboard_try_jsonb(?), 'unprocessed', clock_timestamp())")) {
                ps.setString(1, body);
                return ps.executeUpdate();
            }
        });
        poller.processAvailable();
    }

    int work() {
        return engine.work(Instant.now());
    }

    long count(String sql, Object... args) {
        return ((Number) row(sql, args).values().iterator().next()).longValue();
    }

    Map<String, Object> row(String sql, Object... args) {
        List<Map<String, Object>> all = rows(sql, args);
        if (all.size() != 1) {
            throw new AssertionError("expected one row from " + sql + " but got " + all);
        }
        return all.get(0);
    }

    List<Map<String, Object>> rows(String sql, Object... args) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Map<String, Object>> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnLabel(i), rs.getObject(i));
                        }
                        out.add(row);
                    }
                }
                return out;
            }
        });
    }

    void execute(String sql, Object... args) {
        f.execute(sql, args);
    }

    /** The guide's counters against a recount of the run log. */
    void assertCountersMatchRunLog() {
        for (Map<String, Object> r : rows("""
                SELECT a.id, a.execution_count, a.success_count, a.failure_count,
                       (SELECT COUNT(*) FROM automation_runs x WHERE x.automation_id = a.id AND x.status IN ('succeeded', 'failed')) AS executed,
                       (SELECT COUNT(*) FROM automation_runs x WHERE x.automation_id = a.id AND x.status = 'succeeded') AS ok,
                       (SELECT COUNT(*) FROM automation_runs x WHERE x.automation_id = a.id AND x.status = 'failed') AS bad
                FROM automations a WHERE a.tenant_id = ?""", tenant)) {
            org.assertj.core.api.Assertions.assertThat(((Number) r.get("execution_count")).longValue()).as("execution_count of " + r.get("id"))
                    .isEqualTo(((Number) r.get("executed")).longValue());
            org.assertj.core.api.Assertions.assertThat(((Number) r.get("success_count")).longValue()).isEqualTo(((Number) r.get("ok")).longValue());
            org.assertj.core.api.Assertions.assertThat(((Number) r.get("failure_count")).longValue()).isEqualTo(((Number) r.get("bad")).longValue());
        }
    }

    /** An approved template in the tenant (and at the sandbox, so the sender's request is accepted). */
    void approvedTemplate(String name, String body, int params) {
        f.sandbox.registerTemplate(OutboundFixture.PHONE_NUMBER_ID, name, "en_US", 0, params);
        execute("INSERT INTO templates (tenant_id, name, language, body, category, status, meta_status) VALUES (?, ?, 'en_US', ?, 'transactional', 'approved', 'APPROVED')",
                tenant, name, body);
    }

    @Override
    public void close() {
        f.close();
    }
}
