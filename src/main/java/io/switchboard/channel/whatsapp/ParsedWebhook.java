package io.switchboard.channel.whatsapp;

import java.util.List;

/** A webhook body understood: its "messages" changes, and notes on what was deliberately skipped. */
public record ParsedWebhook(List<WebhookChange> changes, List<String> notes) {
}
