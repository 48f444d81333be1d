package io.switchboard.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.message.MessageType;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TemplateServiceTest {

    @Test
    void placeholdersRenderAndValidation() {
        assertThat(TemplateService.placeholders("Hi {{1}}, order {{ 2 }} ships {{1}}")).containsExactly(1, 2);
        assertThat(TemplateService.render("Hi {{1}}, order {{2}}", List.of("Anna", ""))).isEqualTo("Hi Anna, order {{2}}");
        TemplateView t = new TemplateView(UUID.randomUUID(), "order_update", "en_US", "transactional", "Order {{1}}", "Hi {{1}}, it ships {{2}}.",
                "Reply STOP to opt out", List.of(1), List.of(1, 2));
        assertThat(TemplateService.preview(t, List.of("#12"), List.of("Anna", "today")))
                .isEqualTo("Order #12\n\nHi Anna, it ships today.\n\nReply STOP to opt out");
        var content = TemplateService.content(t, List.of("#12"), List.of("Anna", "today"));
        assertThat(content.type()).isEqualTo(MessageType.TEMPLATE);
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) content.metadata().get("template");
        assertThat(template).containsEntry("name", "order_update").containsEntry("body_params", List.of("Anna", "today"));
        assertThatThrownBy(() -> TemplateService.content(t, List.of("#12"), List.of("Anna", " "))).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("parameter {{2}}"));
        assertThatThrownBy(() -> TemplateService.content(t, List.of("#12"), List.of("Anna"))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("needs 2 values, got 1");
    }

    @Test
    void listsOnlyTheTenantsApprovedTemplates() {
        try (Database db = TestDatabase.open()) {
            InboxFixtures fx = new InboxFixtures(db);
            UUID tenant = fx.tenant("Acme");
            UUID other = fx.tenant("Other");
            fx.approvedTemplate(tenant, "welcome", null, "Hello {{1}}!", null);
            fx.approvedTemplate(other, "theirs", null, "Nope", null);
            db.inJdbcTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO templates (tenant_id, name, body, status) VALUES ('" + tenant + "', 'pending_one', 'x', 'pending')"));
            List<TemplateView> approved = new TemplateService(db).approved(tenant);
            assertThat(approved).extracting(TemplateView::name).containsExactly("welcome");
            assertThat(approved.get(0).bodyPlaceholders()).containsExactly(1);
        }
    }

    @Test
    void thePickerOffersApprovedVisibleTemplatesAndShowsPausedOnesDisabledWithTheReason() {
        try (Database db = TestDatabase.open()) {
            InboxFixtures fx = new InboxFixtures(db);
            UUID tenant = fx.tenant("Acme");
            fx.approvedTemplate(tenant, "welcome", null, "Hello {{1}}!", null);
            fx.approvedTemplate(tenant, "hidden_one", null, "Secret", null);
            db.inJdbcTransaction(c -> c.createStatement().executeUpdate("""
                    INSERT INTO templates (tenant_id, name, body, status, meta_status, status_reason) VALUES
                      ('%1$s', 'sale', 'Sale!', 'disabled', 'PAUSED', 'Your WhatsApp message template has been paused for 3 hours.'),
                      ('%1$s', 'in_review', 'Soon', 'pending', 'PENDING', NULL),
                      ('%1$s', 'refused', 'No', 'rejected', 'REJECTED', NULL);
                    INSERT INTO templates (tenant_id, name, body, status, meta_status, deleted_at_meta) VALUES ('%1$s', 'gone', 'Bye', 'disabled', 'DELETED', NOW())"""
                    .formatted(tenant)));
            TemplateService service = new TemplateService(db);
            UUID hidden = service.find(tenant, "hidden_one", "en_US").orElseThrow().id();
            service.setAgentVisible(tenant, hidden, false);

            assertThat(service.choices(tenant)).extracting(c -> c.template().name() + "|" + c.usable() + "|" + c.reason())
                    .containsExactly("sale|false|Paused by Meta: Your WhatsApp message template has been paused for 3 hours.", "welcome|true|null");
            assertThat(service.approved(tenant)).extracting(TemplateView::name).containsExactly("welcome");
            assertThat(service.list(tenant, "sal", null)).extracting(TemplateRow::name).containsExactly("sale");
            assertThat(service.list(tenant, null, "pending")).extracting(TemplateRow::name).containsExactly("in_review");
            assertThatThrownBy(() -> service.sendable(tenant, "sale", "en_US")).isInstanceOf(ValidationException.class).hasMessageContaining("Paused by Meta");
            assertThat(service.sendable(tenant, "hidden_one", "en_US").name()).as("the CLI may send any approved template").isEqualTo("hidden_one");
        }
    }
}
