package io.switchboard.channel.whatsapp;

import io.switchboard.message.MessageType;
import java.time.Instant;

/**
 * One customer message from a webhook, ready to store: the guide's {@code type} (text, image or
 * doc), the exact WhatsApp type for {@code content_type}, the human text for {@code content} and
 * everything else (media ids, location, reply context, raw JSON of unknown types) as the
 * {@code metadata} JSON.
 */
public record InboundMessage(String wamid, String fromE164, String fromWaId, String profileName, Instant timestamp,
                             String whatsappType, MessageType type, String content, String metadataJson) {
}
