package io.switchboard.channel.whatsapp;

import java.util.List;

/** One {@code entry[].changes[]} of field "messages": the business number it is for, and what happened. */
public record WebhookChange(String phoneNumberId, List<InboundMessage> messages, List<StatusUpdate> statuses) {
}
