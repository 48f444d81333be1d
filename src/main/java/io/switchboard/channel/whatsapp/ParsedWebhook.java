package io.switchboard.channel.whatsapp;

import io.switchboard.template.TemplateEvent;
import java.util.List;

/**
 * A webhook body understood: its "messages" changes, its template changes (status, quality, category),
 * and notes on what was deliberately skipped.
 */
public record ParsedWebhook(List<WebhookChange> changes, List<TemplateEvent> templateEvents, List<String> notes) {
    public ParsedWebhook(List<WebhookChange> changes, List<String> notes) {
        this(changes, List.of(), notes);
    }
}
