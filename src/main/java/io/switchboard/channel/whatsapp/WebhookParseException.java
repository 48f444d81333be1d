package io.switchboard.channel.whatsapp;

/** A webhook body that cannot be understood; the message names where (a JSON path) and why. */
public final class WebhookParseException extends Exception {
    public WebhookParseException(String message) {
        super(message);
    }
}
