package io.switchboard.db;

import java.util.List;

/** Every mapped table; Hibernate validates each against the migrated schema at start. */
final class EntityCatalog {
    static final List<Class<?>> ENTITIES = List.of(
            io.switchboard.tenant.Tenant.class,
            io.switchboard.contact.Contact.class,
            io.switchboard.conversation.Conversation.class,
            io.switchboard.message.Message.class,
            io.switchboard.message.StatusRecord.class,
            io.switchboard.channel.WebhookEvent.class,
            io.switchboard.channel.whatsapp.WhatsAppAccount.class,
            io.switchboard.template.Template.class,
            io.switchboard.campaign.Campaign.class,
            io.switchboard.automation.Automation.class);

    static final List<Class<? extends jakarta.persistence.AttributeConverter<?, ?>>> CONVERTERS = List.of(
            io.switchboard.tenant.TenantStatus.Converter.class,
            io.switchboard.conversation.ConversationStatus.Converter.class,
            io.switchboard.channel.Channel.Converter.class,
            io.switchboard.channel.WebhookEventStatus.Converter.class,
            io.switchboard.message.Direction.Converter.class,
            io.switchboard.message.MessageType.Converter.class,
            io.switchboard.message.MessageStatus.Converter.class,
            io.switchboard.template.TemplateCategory.Converter.class,
            io.switchboard.template.TemplateStatus.Converter.class,
            io.switchboard.campaign.CampaignStatus.Converter.class,
            io.switchboard.automation.TriggerType.Converter.class,
            io.switchboard.automation.ActionType.Converter.class,
            io.switchboard.automation.AutomationStatus.Converter.class);

    private EntityCatalog() {
    }
}
