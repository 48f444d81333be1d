package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.automation.ActionType;
import io.switchboard.automation.Automation;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.TriggerType;
import io.switchboard.campaign.Campaign;
import io.switchboard.campaign.CampaignStatus;
import io.switchboard.channel.Channel;
import io.switchboard.channel.WebhookEvent;
import io.switchboard.channel.WebhookEventStatus;
import io.switchboard.channel.whatsapp.WhatsAppAccount;
import io.switchboard.contact.Contact;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.ConversationStatus;
import io.switchboard.message.Direction;
import io.switchboard.message.Message;
import io.switchboard.message.MessageStatus;
import io.switchboard.message.MessageType;
import io.switchboard.message.StatusRecord;
import io.switchboard.template.Template;
import io.switchboard.template.TemplateCategory;
import io.switchboard.template.TemplateStatus;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantStatus;
import io.switchboard.testing.Rows;
import io.switchboard.testing.TestDatabase;
import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every mapped table, written through Hibernate and read back in a fresh session (and checked
 * with SQL where the storage itself matters: JSONB must hold a JSON object, not a string, and
 * TEXT[] real array elements).
 */
class EntityRoundTripTest {
    /** Microseconds: what a PostgreSQL TIMESTAMP keeps. */
    private static final LocalDateTime AT = LocalDateTime.of(2025, 3, 4, 10, 11, 12, 123_456_000);

    private static Database database;
    private static UUID tenantId;
    private static UUID contactId;
    private static UUID conversationId;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
        tenantId = persist(s -> new Tenant("Acme Corp")).getId();
        contactId = persist(s -> new Contact(s.getReference(Tenant.class, tenantId), "+15550001111", "Ana", AT)).getId();
        conversationId = persist(s -> new Conversation(s.getReference(Tenant.class, tenantId), s.getReference(Contact.class, contactId),
                Channel.WHATSAPP, AT)).getId();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void tenant() {
        UUID id = persist(s -> {
            Tenant t = new Tenant("Globex");
            t.setStatus(TenantStatus.INACTIVE);
            return t;
        }).getId();

        Tenant read = find(Tenant.class, id);
        assertThat(read.getName()).isEqualTo("Globex");
        assertThat(read.getStatus()).isEqualTo(TenantStatus.INACTIVE);
        assertThat(read.getCreatedAt()).as("the guide's DEFAULT NOW()").isNotNull();
        assertThat(sql("SELECT status FROM tenants WHERE id = '" + id + "'")).isEqualTo("inactive");
    }

    @Test
    void contactWithJsonbMetadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("plan", "gold");
        metadata.put("orders", 3);
        metadata.put("vip", true);
        metadata.put("tags", List.of("b2b", "emea"));
        metadata.put("address", Map.of("city", "Zürich", "zip", "8001"));
        UUID id = persist(s -> {
            Contact c = new Contact(s.getReference(Tenant.class, tenantId), "+15550002222", "Bo", AT);
            c.setExternalRef("crm-42");
            c.setMetadata(metadata);
            return c;
        }).getId();

        Contact read = find(Contact.class, id);
        assertThat(read.getPhone()).isEqualTo("+15550002222");
        assertThat(read.getName()).isEqualTo("Bo");
        assertThat(read.getExternalRef()).isEqualTo("crm-42");
        assertThat(read.getMetadata()).isEqualTo(metadata);
        assertThat(read.getCreatedAt()).isEqualTo(AT);
        assertThat(read.getUpdatedAt()).isEqualTo(AT);
        String where = " FROM contacts WHERE id = '" + id + "'";
        assertThat(sql("SELECT jsonb_typeof(metadata)" + where)).isEqualTo("object");
        assertThat(sql("SELECT metadata->'address'->>'city'" + where)).isEqualTo("Zürich");
        // The guide's GIN index on metadata serves containment queries like this one.
        assertThat(sql("SELECT count(*) FROM contacts WHERE metadata @> '{\"plan\": \"gold\", \"tags\": [\"emea\"]}'")).isEqualTo(1L);
    }

    @Test
    void conversation() {
        UUID id = persist(s -> {
            Contact other = new Contact(s.getReference(Tenant.class, tenantId), "+15550003333", null, AT);
            s.persist(other);
            Conversation c = new Conversation(s.getReference(Tenant.class, tenantId), other, Channel.SMS, AT);
            c.setStatus(ConversationStatus.CLOSED);
            c.setLastMessageAt(AT.plusMinutes(5));
            c.setLastReadAt(AT.plusMinutes(4));
            return c;
        }).getId();

        Conversation read = find(Conversation.class, id);
        assertThat(read.getChannel()).isEqualTo(Channel.SMS);
        assertThat(read.getStatus()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(read.getLastMessageAt()).isEqualTo(AT.plusMinutes(5));
        assertThat(read.getLastReadAt()).isEqualTo(AT.plusMinutes(4));
        assertThat(read.getCreatedAt()).isEqualTo(AT);
        assertThat(sql("SELECT channel || '/' || status FROM conversations WHERE id = '" + id + "'")).isEqualTo("sms/closed");
    }

    @Test
    void messageWithJsonbMetadataAndCampaign() {
        UUID campaignId = persist(s -> new Campaign(tenantId, "Spring sale", "Hi!", new String[] {"+15550001111"}, AT)).getId();
        Map<String, Object> metadata = Map.of("media", Map.of("url", "https://example.test/a.jpg", "mime", "image/jpeg"), "size", 2048);
        UUID id = persist(s -> {
            Message m = new Message(s.get(Conversation.class, conversationId), Direction.OUTBOUND, MessageType.IMAGE, "look", AT);
            m.setContentType("image");
            m.setMetadata(metadata);
            m.setExternalMessageId("wamid.HBgL");
            m.setStatus(MessageStatus.DELIVERED);
            m.setCampaignId(campaignId);
            return m;
        }).getId();

        Message read = find(Message.class, id);
        assertThat(read.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(read.getType()).isEqualTo(MessageType.IMAGE);
        assertThat(read.getContentType()).isEqualTo("image");
        assertThat(read.getContent()).isEqualTo("look");
        assertThat(read.getMetadata()).isEqualTo(metadata);
        assertThat(read.getExternalMessageId()).isEqualTo("wamid.HBgL");
        assertThat(read.getStatus()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(read.getCampaignId()).isEqualTo(campaignId);
        assertThat(read.getChannel()).isEqualTo(Channel.WHATSAPP);
        assertThat(read.getCreatedAt()).isEqualTo(AT);
        assertThat(read.getSendAttempts()).isZero();
        String where = " FROM messages WHERE id = '" + id + "'";
        assertThat(sql("SELECT tenant_id::text || contact_id::text" + where)).isEqualTo(tenantId.toString() + contactId);
        assertThat(sql("SELECT direction || '/' || type || '/' || status" + where)).isEqualTo("outbound/image/delivered");
        assertThat(sql("SELECT metadata->'media'->>'mime'" + where)).isEqualTo("image/jpeg");
    }

    @Test
    void statusRecord() {
        UUID messageId = persist(s -> new Message(s.get(Conversation.class, conversationId), Direction.OUTBOUND, MessageType.TEXT, "hi", AT)).getId();
        UUID id = persist(s -> new StatusRecord(tenantId, messageId, MessageStatus.READ, AT.plusSeconds(30), AT)).getId();

        StatusRecord read = find(StatusRecord.class, id);
        assertThat(read.getMessageId()).isEqualTo(messageId);
        assertThat(read.getStatus()).isEqualTo(MessageStatus.READ);
        assertThat(read.getOccurredAt()).isEqualTo(AT.plusSeconds(30));
        assertThat(sql("SELECT status FROM message_statuses WHERE id = '" + id + "'")).isEqualTo("read");
    }

    @Test
    void webhookEventKeepsItsPayloadAsJson() throws Exception {
        String payload = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"123\",\"changes\":[{\"field\":\"messages\"}]}]}";
        UUID id = persist(s -> new WebhookEvent("messages", payload, AT)).getId();

        WebhookEvent read = find(WebhookEvent.class, id);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(read.getPayload())).isEqualTo(json.readTree(payload));
        assertThat(read.getEventType()).isEqualTo("messages");
        assertThat(read.getStatus()).isEqualTo(WebhookEventStatus.UNPROCESSED);
        assertThat(read.getTenant()).as("unrouted").isNull();
        assertThat(read.getAttempts()).isZero();
        assertThat(read.getCreatedAt()).isEqualTo(AT);
        String where = " FROM webhook_events WHERE id = '" + id + "'";
        assertThat(sql("SELECT jsonb_typeof(payload)" + where)).isEqualTo("object");
        assertThat(sql("SELECT payload->'entry'->0->>'id'" + where)).isEqualTo("123");
    }

    @Test
    void whatsAppAccount() {
        UUID id = persist(s -> {
            WhatsAppAccount a = new WhatsAppAccount(tenantId, "109876543210", AT);
            a.setDisplayPhone("+1 555 000 4444");
            a.setWabaId("waba-1");
            a.setSecrets("ciphertext-token", "ciphertext-secret", "ciphertext-verify");
            a.setApiBaseUrl("http://127.0.0.1:9999/v24.0");
            a.setSendRatePerSecond(20);
            return a;
        }).getId();

        WhatsAppAccount read = find(WhatsAppAccount.class, id);
        assertThat(read.getTenantId()).isEqualTo(tenantId);
        assertThat(read.getPhoneNumberId()).isEqualTo("109876543210");
        assertThat(read.getDisplayPhone()).isEqualTo("+1 555 000 4444");
        assertThat(read.getWabaId()).isEqualTo("waba-1");
        assertThat(List.of(read.getAccessTokenEnc(), read.getAppSecretEnc(), read.getVerifyTokenEnc()))
                .containsExactly("ciphertext-token", "ciphertext-secret", "ciphertext-verify");
        assertThat(read.getApiBaseUrl()).isEqualTo("http://127.0.0.1:9999/v24.0");
        assertThat(read.getSendRatePerSecond()).isEqualTo(20);
        assertThat(read.getStatus()).isEqualTo(TenantStatus.ACTIVE);
    }

    @Test
    void templateWithTextArrayParameters() {
        String[] parameters = {"{{1}}", "a,b", "say \"hi\"", "", "Ünïcödé", "back\\slash", "{braces}"};
        UUID id = persist(s -> {
            Template t = new Template(tenantId, "order_update", "de_DE", "Hallo {{1}}, Ihre Bestellung {{2}}", AT);
            t.setHeaderText("Bestellung");
            t.setFooterText("Danke");
            t.setCategory(TemplateCategory.TRANSACTIONAL);
            t.setParameters(parameters);
            t.setStatus(TemplateStatus.APPROVED);
            return t;
        }).getId();

        Template read = find(Template.class, id);
        assertThat(read.getParameters()).containsExactly(parameters);
        assertThat(read.getName()).isEqualTo("order_update");
        assertThat(read.getLanguage()).isEqualTo("de_DE");
        assertThat(read.getBody()).isEqualTo("Hallo {{1}}, Ihre Bestellung {{2}}");
        assertThat(read.getHeaderText()).isEqualTo("Bestellung");
        assertThat(read.getFooterText()).isEqualTo("Danke");
        assertThat(read.getCategory()).isEqualTo(TemplateCategory.TRANSACTIONAL);
        assertThat(read.getStatus()).isEqualTo(TemplateStatus.APPROVED);
        String where = " FROM templates WHERE id = '" + id + "'";
        assertThat(sql("SELECT array_length(parameters, 1)" + where)).isEqualTo(parameters.length);
        assertThat(sql("SELECT parameters[3]" + where)).isEqualTo("say \"hi\"");
    }

    @Test
    void templateWithoutParametersKeepsNull() {
        UUID id = persist(s -> new Template(tenantId, "plain", "en_US", "Hello", AT)).getId();

        assertThat(find(Template.class, id).getParameters()).isNull();
        assertThat(sql("SELECT parameters IS NULL FROM templates WHERE id = '" + id + "'")).isEqualTo(true);
    }

    @Test
    void campaignWithTextArrayRecipients() {
        String[] recipients = {"+15550001111", "+15550002222", "+4915112345678"};
        UUID id = persist(s -> {
            Campaign c = new Campaign(tenantId, "Launch", "We are live", recipients, AT);
            c.setDescription("first wave");
            c.setStatus(CampaignStatus.SCHEDULED);
            return c;
        }).getId();

        Campaign read = find(Campaign.class, id);
        assertThat(read.getRecipients()).containsExactly(recipients);
        assertThat(read.getName()).isEqualTo("Launch");
        assertThat(read.getMessage()).isEqualTo("We are live");
        assertThat(read.getDescription()).isEqualTo("first wave");
        assertThat(read.getStatus()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(sql("SELECT recipients[3] FROM campaigns WHERE id = '" + id + "'")).isEqualTo("+4915112345678");
        assertThat(sql("SELECT status FROM campaigns WHERE id = '" + id + "'")).isEqualTo("scheduled");
    }

    @Test
    void campaignWithNoRecipientsKeepsAnEmptyArray() {
        UUID id = persist(s -> new Campaign(tenantId, "Draft", "tbd", new String[0], AT)).getId();

        assertThat(find(Campaign.class, id).getRecipients()).isEmpty();
        assertThat(sql("SELECT cardinality(recipients) FROM campaigns WHERE id = '" + id + "'")).isEqualTo(0);
    }

    @Test
    void automationWithJsonbConfigurations() {
        Map<String, Object> trigger = Map.of("cron", "0 9 * * MON", "timezone", "Europe/Berlin");
        Map<String, Object> action = Map.of("template", "weekly_digest", "params", List.of("{{contact.name}}", 7));
        UUID id = persist(s -> new Automation(tenantId, "Weekly digest", TriggerType.SCHEDULE, trigger, ActionType.SEND_TEMPLATE, action, AT)).getId();

        Automation read = find(Automation.class, id);
        assertThat(read.getName()).isEqualTo("Weekly digest");
        assertThat(read.getTriggerType()).isEqualTo(TriggerType.SCHEDULE);
        assertThat(read.getTriggerConfig()).isEqualTo(trigger);
        assertThat(read.getActionType()).isEqualTo(ActionType.SEND_TEMPLATE);
        assertThat(read.getActionConfig()).isEqualTo(action);
        assertThat(read.getStatus()).isEqualTo(AutomationStatus.ACTIVE);
        String where = " FROM automations WHERE id = '" + id + "'";
        assertThat(sql("SELECT trigger_type || '/' || action_type || '/' || (action_config->'params'->>1)" + where)).isEqualTo("schedule/send_template/7");
    }

    @Test
    void everyValueACheckConstraintAllowsReadsBackAsItsJavaEnum() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Class<?> entity : EntityCatalog.ENTITIES) {
            String table = entity.getAnnotation(jakarta.persistence.Table.class).name();
            for (Field field : entity.getDeclaredFields()) {
                if (!CodedEnum.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                Column column = field.getAnnotation(Column.class);
                String name = column != null && !column.name().isEmpty() ? column.name() : field.getName();
                for (String allowed : allowedValues(table, name)) {
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    Object value = CodedEnum.fromCode((Class) field.getType(), allowed);
                    assertThat(((CodedEnum) value).code()).isEqualTo(allowed);
                    checked.add(table + "." + name + "=" + allowed);
                }
            }
        }
        // Not vacuous: the guide's statuses, directions, types and the other tables' checks are all there.
        assertThat(checked).contains("tenants.status=inactive", "messages.direction=inbound", "messages.type=doc", "messages.status=failed",
                "conversations.status=archived", "message_statuses.status=read", "webhook_events.status=unprocessed",
                "templates.category=otp", "campaigns.status=cancelled", "automations.trigger_type=api", "automations.action_type=http_request",
                "whatsapp_accounts.status=active");
    }

    private static List<String> allowedValues(String table, String column) {
        List<String> values = new ArrayList<>();
        for (Map<String, Object> row : Rows.query(database.dataSource(), """
                SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                WHERE c.contype = 'c' AND c.conrelid = '%s'::regclass AND a.attname = '%s'""".formatted(table, column))) {
            java.util.regex.Matcher literal = java.util.regex.Pattern.compile("'([^']*)'").matcher((String) row.get("definition"));
            while (literal.find()) {
                values.add(literal.group(1));
            }
        }
        return values;
    }

    private static <T> T persist(Function<org.hibernate.Session, T> create) {
        return database.inTransaction(s -> {
            T entity = create.apply(s);
            s.persist(entity);
            return entity;
        });
    }

    /** Read in a session of its own, so nothing comes from the first-level cache of the write. */
    private static <T> T find(Class<T> type, UUID id) {
        return database.inTransaction(s -> {
            T entity = s.find(type, id);
            assertThat(entity).as(type.getSimpleName() + " " + id).isNotNull();
            return entity;
        });
    }

    private static Object sql(String query) {
        return Rows.value(database.dataSource(), query);
    }
}
