package io.switchboard.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.common.ValidationException;
import io.switchboard.delivery.OutboundFixture;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Submit and delete against the sandbox over real HTTP; the review's outcome comes back as a signed webhook through the receiver and the poller. */
class TemplateSubmissionTest {
    private final OutboundFixture f = new OutboundFixture();
    private final WhatsAppAccountService accounts = new WhatsAppAccountService(f.db, f.secrets);
    private final TemplateSubmission submission = new TemplateSubmission(f.db, accounts, new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    private WebhookReceiver receiver;
    private EventPoller poller;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver(f.db, new AccountCache(accounts), 0);
        poller = new EventPoller(f.db, 1, 50).idleWait(Duration.ofMillis(20));
        receiver.onStored(poller::wake);
        receiver.start();
        poller.start();
        f.sandbox.register(new SandboxNumber(OutboundFixture.PHONE_NUMBER_ID, "+15550109999", "Test Shop", "waba-1", f.accessToken, f.appSecret,
                URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH)));
        f.sandbox.templateReviewDelay(Duration.ofMillis(300));
    }

    @AfterEach
    void close() {
        poller.stop(Duration.ofSeconds(2));
        receiver.stop(Duration.ofSeconds(1));
        f.close();
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

    private String awaitStatus(String name, String notStatus) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String s;
        do {
            s = one("SELECT concat_ws('|', status, meta_status, rejection_reason) FROM templates WHERE name = ?", name);
            if (s != null && !s.startsWith(notStatus)) {
                return s;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return s;
    }

    private static TemplateDraft shipping(String name) {
        return new TemplateDraft(name, "UTILITY", "en_US", "TEXT", "Order {{1}}", "#4821", "Hi {{1}}, your order ships {{2}}.", List.of("Ana", "today"),
                "Reply STOP to opt out", List.of(TemplateDraft.Button.url("Track", "https://example.com/t/{{1}}", "https://example.com/t/4821"),
                TemplateDraft.Button.quickReply("Talk to us")));
    }

    @Test
    void aSubmittedTemplateIsPendingThenApprovedByWebhook() throws Exception {
        TemplateRow row = submission.submit(f.tenantId, shipping("order_shipped"));

        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.metaStatus()).isEqualTo("PENDING");
        assertThat(row.metaTemplateId()).isNotBlank();
        assertThat(row.category()).isEqualTo("transactional");
        assertThat(one("SELECT concat_ws('|', header_text, body, footer_text, array_to_string(parameters, ',')) FROM templates WHERE name = 'order_shipped'"))
                .isEqualTo("Order {{1}}|Hi {{1}}, your order ships {{2}}.|Reply STOP to opt out|header {{1}},body {{1}},body {{2}},button 0 {{1}}");
        var request = f.sandbox.requests().stream().filter(r -> r.path().endsWith("/message_templates")).findFirst().orElseThrow();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body().toString()).isEqualTo(shipping("order_shipped").toMetaJson().toString());

        assertThat(awaitStatus("order_shipped", "pending")).isEqualTo("approved|APPROVED");
        assertThat(one("SELECT meta_template_id FROM templates WHERE name = 'order_shipped'")).isEqualTo(row.metaTemplateId());
    }

    @Test
    void aNameWithRejectIsRejectedWithMetasReason() throws Exception {
        submission.submit(f.tenantId, TemplateDraft.of("promo_reject_me", "MARKETING", "en_US", "Big sale today, {{1}}!", List.of("Ana")));
        assertThat(awaitStatus("promo_reject_me", "pending")).startsWith("rejected|REJECTED|INVALID_FORMAT: ");
        assertThat(new TemplateService(f.db).find(f.tenantId, "promo_reject_me", "en_US").orElseThrow().unusableReason()).startsWith("Rejected by Meta: INVALID_FORMAT");
    }

    @Test
    void metaRefusingIsShownWithItsCodeAndNothingIsStored() {
        f.sandbox.addTemplate("waba-1", "made_elsewhere", "en_US", "UTILITY", "APPROVED", "[{\"type\":\"BODY\",\"text\":\"Hi\"}]");
        assertThatThrownBy(() -> submission.submit(f.tenantId, TemplateDraft.of("made_elsewhere", "UTILITY", "en_US", "Hello there", List.of())))
                .isInstanceOf(MetaApiException.class).hasMessageContaining("HTTP 400").hasMessageContaining("error 100")
                .hasMessageContaining("There is already en_US content for this template");
        assertThat(one("SELECT COUNT(*) FROM templates")).isEqualTo("0");

        int before = f.sandbox.requestCount();
        assertThatThrownBy(() -> submission.submit(f.tenantId, TemplateDraft.of("Bad Name", "UTILITY", "en_US", "Hello", List.of())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(f.sandbox.requestCount()).as("a draft that breaks a rule never reaches Meta").isEqualTo(before);
    }

    @Test
    void deleteRemovesItAtMetaByNameAndMarksEveryLanguage() throws Exception {
        submission.submit(f.tenantId, TemplateDraft.of("seasonal", "MARKETING", "en_US", "Hello {{1}}, see our news.", List.of("Ana")));
        submission.submit(f.tenantId, TemplateDraft.of("seasonal", "MARKETING", "de", "Hallo {{1}}, hier sind Neuigkeiten.", List.of("Ana")));

        assertThat(submission.delete(f.tenantId, "seasonal")).isEqualTo(2);

        assertThat(f.sandbox.hasTemplate("waba-1", "seasonal", "en_US")).isFalse();
        assertThat(f.sandbox.hasTemplate("waba-1", "seasonal", "de")).isFalse();
        assertThat(one("SELECT string_agg(language || ':' || status || ':' || meta_status || ':' || (deleted_at_meta IS NOT NULL), ',' ORDER BY language) "
                + "FROM templates WHERE name = 'seasonal'")).isEqualTo("de:disabled:DELETED:true,en_US:disabled:DELETED:true");
        Thread.sleep(600); // the review webhook, due meanwhile, must not bring a deleted template back
        assertThat(one("SELECT COUNT(*) FROM templates WHERE name = 'seasonal' AND deleted_at_meta IS NULL")).isEqualTo("0");
        assertThatThrownBy(() -> submission.delete(f.tenantId, "seasonal")).isInstanceOf(MetaApiException.class).hasMessageContaining("was not found");
    }

    @Test
    void duplicateStartsADraftFromTheStoredTemplate() {
        TemplateRow row = submission.submit(f.tenantId, shipping("order_shipped"));
        TemplateDraft copy = submission.duplicate(f.tenantId, row.id(), "order_shipped_v2");
        assertThat(copy).isEqualTo(shipping("order_shipped_v2"));
        assertThat(TemplateRules.problems(copy)).isEmpty();
    }

    @Test
    void anApprovedTemplateIsEditedBackToPendingThenApprovedWithTheNewBodyAndOnlyOnceADay() throws Exception {
        TemplateRow row = submission.submit(f.tenantId, shipping("order_edited"));
        assertThat(awaitStatus("order_edited", "pending")).isEqualTo("approved|APPROVED");
        assertThat(TemplateSubmission.editable(new TemplateService(f.db).get(f.tenantId, row.id()).orElseThrow())).isTrue();

        TemplateDraft changed = new TemplateDraft("order_edited", "UTILITY", "en_US", "TEXT", "Order {{1}}", "#4821",
                "Hi {{1}}, your order is out for delivery {{2}}.", List.of("Ana", "today"), "Reply STOP to opt out",
                List.of(TemplateDraft.Button.quickReply("Talk to us")));
        TemplateRow edited = submission.edit(f.tenantId, changed);
        assertThat(edited.id()).isEqualTo(row.id());
        assertThat(edited.metaStatus()).isEqualTo("PENDING");
        assertThat(edited.status()).isEqualTo("pending");
        assertThat(edited.body()).isEqualTo("Hi {{1}}, your order is out for delivery {{2}}.");
        var request = f.sandbox.requests().stream().filter(r -> r.path().endsWith("/" + row.metaTemplateId())).findFirst().orElseThrow();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.body().has("name")).as("name and language identify the template, they are not sent").isFalse();
        assertThat(request.body().get("components").toString()).isEqualTo(changed.toMetaJson().get("components").toString());

        assertThat(awaitStatus("order_edited", "pending")).isEqualTo("approved|APPROVED");
        assertThat(one("SELECT body FROM templates WHERE name = 'order_edited'")).isEqualTo("Hi {{1}}, your order is out for delivery {{2}}.");
        assertThat(one("SELECT array_to_string(parameters, ',') FROM templates WHERE name = 'order_edited'")).isEqualTo("header {{1}},body {{1}},body {{2}}");

        assertThatThrownBy(() -> submission.edit(f.tenantId, shipping("order_edited")))
                .as("Meta allows one edit of an approved template per 24 hours").isInstanceOf(MetaApiException.class)
                .hasMessageContaining("once in 24 hours");
        assertThat(one("SELECT concat_ws('|', status, body) FROM templates WHERE name = 'order_edited'"))
                .as("a refused edit changes nothing").isEqualTo("approved|Hi {{1}}, your order is out for delivery {{2}}.");
    }

    @Test
    void aPendingTemplateCannotBeEditedHereNorAtMeta() {
        f.sandbox.templateReviewDelay(Duration.ofSeconds(30));
        TemplateRow row = submission.submit(f.tenantId, shipping("order_waiting"));
        int before = f.sandbox.requestCount();
        assertThatThrownBy(() -> submission.edit(f.tenantId, shipping("order_waiting")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("status"))
                .hasMessageContaining("APPROVED, REJECTED or PAUSED").hasMessageContaining("PENDING");
        assertThat(f.sandbox.requestCount()).isEqualTo(before);

        // Meta itself refuses too, with its own words, should the local status be behind
        byte[] body = "{\"category\":\"UTILITY\",\"components\":[{\"type\":\"BODY\",\"text\":\"Hi\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CloudApiClient.GraphReply reply = new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .call("POST", f.sandbox.baseUrl(), row.metaTemplateId(), f.accessToken, body);
        assertThat(reply.ok()).isFalse();
        assertThat(reply.problem()).contains("HTTP 400").contains("only be edited when they are approved, rejected or paused");

        assertThatThrownBy(() -> submission.edit(f.tenantId, shipping("never_submitted")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }
}
