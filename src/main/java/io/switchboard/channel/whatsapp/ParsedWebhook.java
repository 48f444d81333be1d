package io.switchboard.channel.whatsapp;

import io.switchboard.stats.NumberHealthEvent;
import io.switchboard.template.TemplateEvent;
import java.util.List;

/**
 * A webhook body understood: its "messages" changes, its template changes (status, quality, category),
 * its number health changes (phone_number_quality_update), and notes on what was deliberately skipped.
 */
public record ParsedWebhook(List<WebhookChange> changes, List<TemplateEvent> templateEvents, List<NumberHealthEvent> numberEvents,
                            List<String> notes) {
    public ParsedWebhook(List<WebhookChange> changes, List<String> notes) {
        this(changes, List.of(), List.of(), notes);
    }

    public ParsedWebhook(List<WebhookChange> changes, List<TemplateEvent> templateEvents, List<String> notes) {
        this(changes, templateEvents, List.of(), notes);
    }
}
