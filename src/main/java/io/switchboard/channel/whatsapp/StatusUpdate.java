package io.switchboard.channel.whatsapp;

import io.switchboard.message.MessageStatus;
import java.time.Instant;

/** One status webhook for a message the business sent; error fields only for failed. */
public record StatusUpdate(String wamid, MessageStatus status, Instant timestamp, String recipientId,
                           String errorCode, String errorTitle, String errorDetail) {
}
