package io.switchboard.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.common.ValidationException;
import io.switchboard.delivery.OutboundFixture;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TemplateSyncTest {
    private static final String WABA = "102290129340398";
    private final OutboundFixture f = new OutboundFixture();
    private final RecordedGraphApi meta = new RecordedGraphApi();

    @AfterEach
    void close() {
        meta.close();
        f.close();
    }

    private TemplateSync sync() {
        return new TemplateSync(f.db, new WhatsAppAccountService(f.db, f.secrets), new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private void pointAtRecordings() {
        f.execute("UPDATE whatsapp_accounts SET api_base_url = ?, waba_id = ?", meta.baseUrl(), WABA);
    }

    /** name/language → "status|category|meta_status|meta_category|quality|rejection|deleted" */
    private Map<String, String> rows() {
        return f.db.inJdbcTransaction(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT name || '/' || language, concat_ws('|', status, category, meta_status, meta_category, COALESCE(quality_score, '-'),
                           COALESCE(rejection_reason, '-'), CASE WHEN deleted_at_meta IS NULL THEN 'listed' ELSE 'deleted' END)
                    FROM templates WHERE tenant_id = ? ORDER BY 1""")) {
                ps.setObject(1, f.tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
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

    @Test
    void recordedMetaPagesAreFollowedByTheirAfterCursorAndMappedOntoTheGuidesValues() {
        pointAtRecordings();
        String after = "QVFIU0xXcFljeEJ3SmdQZAUtuSXdjMkhncVdfcnZABZAXlCaTlGZAVo1cC1rNWhFNUJvTFVxZAGJGbEZAiRDRfOWlJa1Nn";
        meta.answer(RecordedGraphApi.after(after), 200, "message_templates_page2.json")
                .answer(RecordedGraphApi.firstPage(), 200, "message_templates_page1.json");

        TemplateSync.Report report = sync().sync(f.tenantId);

        assertThat(report.pages()).isEqualTo(2);
        assertThat(report.templates()).isEqualTo(6);
        assertThat(report.inserted()).isEqualTo(6);
        assertThat(meta.requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/v24.0/" + WABA + "/message_templates");
            assertThat(r.authorization()).isEqualTo("Bearer " + f.accessToken);
            assertThat(r.query()).contains("fields=" + TemplateSync.FIELDS).contains("limit=100");
        });
        assertThat(meta.requests.get(1).query()).contains("after=" + after);
        assertThat(rows()).containsExactly(
                Map.entry("feedback_survey/en_GB", "pending|marketing|IN_APPEAL|MARKETING|UNKNOWN|-|listed"),
                Map.entry("old_promotion/en_US", "disabled|marketing|DISABLED|MARKETING|RED|-|listed"),
                Map.entry("order_delayed/es", "rejected|transactional|REJECTED|UTILITY|-|INCORRECT_CATEGORY|listed"),
                Map.entry("reservation_confirmation/en_US", "approved|transactional|APPROVED|UTILITY|GREEN|-|listed"),
                Map.entry("summer_sale/en_US", "disabled|marketing|PAUSED|MARKETING|RED|-|listed"),
                Map.entry("verification_code/en_US", "approved|otp|APPROVED|AUTHENTICATION|-|-|listed"));
        assertThat(one("SELECT concat_ws('|', meta_template_id, header_text, footer_text, array_to_string(parameters, ','), components->0->>'format') "
                + "FROM templates WHERE name = 'summer_sale'"))
                .isEqualTo("1689556908129832|Our {{1}} is on!|Use the buttons below to manage your marketing subscriptions|header {{1}},body {{1}},body {{2}},body {{3}},button 1 code|TEXT");
        assertThat(one("SELECT body FROM templates WHERE name = 'reservation_confirmation'")).startsWith("*You're all set!*");
        assertThat(one("SELECT array_to_string(parameters, ',') FROM templates WHERE name = 'reservation_confirmation'"))
                .isEqualTo("header image,body {{1}},body {{2}},body {{3}},button 0 {{1}}");
        assertThat(one("SELECT templates_synced_at IS NOT NULL AND templates_sync_error IS NULL FROM whatsapp_accounts")).isEqualTo("t");
    }

    @Test
    void aMalformedPageWritesNothingAndNamesThePageAndField() {
        pointAtRecordings();
        f.execute("INSERT INTO templates (tenant_id, name, language, body, status) VALUES (?, 'kept', 'en_US', 'Still here', 'approved')", f.tenantId);
        meta.answer(RecordedGraphApi.after("QVFIU0xX"), 200, "message_templates_malformed_page2.json")
                .answer(RecordedGraphApi.firstPage(), 200, "message_templates_page1.json");

        assertThatThrownBy(() -> sync().sync(f.tenantId)).isInstanceOf(MetaApiException.class)
                .hasMessageContaining("page 2").hasMessageContaining("data[1].name: missing");

        assertThat(rows()).containsExactly(Map.entry("kept/en_US", "approved|text|-|-|listed"));
        assertThat(one("SELECT templates_sync_error FROM whatsapp_accounts")).contains("data[1].name");
    }

    @Test
    void metaRefusingOrNotAnsweringIsReportedAndNothingIsWritten() {
        pointAtRecordings();
        meta.answer(RecordedGraphApi.firstPage(), 401, "error_invalid_token.json");
        assertThatThrownBy(() -> sync().sync(f.tenantId)).isInstanceOf(MetaApiException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("error 190").hasMessageContaining("Session has expired");

        String closed = meta.baseUrl();
        meta.close();
        f.execute("UPDATE whatsapp_accounts SET api_base_url = ?", closed);
        assertThatThrownBy(() -> sync().sync(f.tenantId)).isInstanceOf(MetaApiException.class).hasMessageContaining("No answer from " + closed);
        assertThat(rows()).isEmpty();

        f.execute("UPDATE whatsapp_accounts SET waba_id = NULL");
        assertThatThrownBy(() -> sync().sync(f.tenantId)).isInstanceOf(ValidationException.class).hasMessageStartingWith("waba_id:");
    }

    @Test
    void hundredsOfTemplatesSyncFromTheSandboxInPagesAndADeletedOneIsMarkedNotKept() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String name = "notice_" + i;
            names.add(name);
            f.sandbox.addTemplate("waba-1", name, i % 2 == 0 ? "en_US" : "de", i % 3 == 0 ? "MARKETING" : "UTILITY", i % 5 == 0 ? "PENDING" : "APPROVED",
                    "[{\"type\":\"BODY\",\"text\":\"Notice " + i + " for {{1}}\",\"example\":{\"body_text\":[[\"Ana\"]]}}]");
        }
        TemplateSync.Report first = sync().sync(f.tenantId);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.inserted()).isEqualTo(250);
        assertThat(one("SELECT COUNT(*) FROM templates WHERE tenant_id = ? AND status = 'approved'", f.tenantId)).isEqualTo("200");
        assertThat(one("SELECT COUNT(*) FROM templates WHERE tenant_id = ? AND category = 'marketing' AND meta_category = 'MARKETING'", f.tenantId)).isEqualTo("84");

        f.sandbox.changeTemplateStatus("waba-1", "notice_1", "de", "PAUSED", null, Duration.ZERO);
        TemplateSync.Report second = sync().sync(f.tenantId);
        assertThat(second.inserted()).isZero();
        assertThat(second.updated()).isEqualTo(250);
        assertThat(rows().get("notice_1/de")).isEqualTo("disabled|transactional|PAUSED|UTILITY|UNKNOWN|-|listed");

        // deleted at Meta (by name: every language) → marked, not silently kept as approved
        new CloudApiClient().call("DELETE", f.sandbox.baseUrl(), "waba-1/message_templates?name=notice_2", f.accessToken, null);
        TemplateSync.Report third = sync().sync(f.tenantId);
        assertThat(third.markedDeleted()).isEqualTo(1);
        assertThat(rows().get("notice_2/en_US")).isEqualTo("disabled|transactional|DELETED|UTILITY|UNKNOWN|-|deleted");
        assertThat(names).hasSize(250);
    }
}
