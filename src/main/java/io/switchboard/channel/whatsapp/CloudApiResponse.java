package io.switchboard.channel.whatsapp;

/** What one POST to the Cloud API came to: accepted with a wamid, rejected with Meta's error, or no answer at all. */
public sealed interface CloudApiResponse {

    /** Meta took the message; {@code wamid} is messages[0].id. */
    record Accepted(String wamid) implements CloudApiResponse {
    }

    /**
     * Meta answered with an error. {@code code} is error.code (null when the body was not Meta's error JSON),
     * {@code message} is error.message (e.g. "(#131026) Message Undeliverable"), {@code details} is error.error_data.details.
     */
    record Rejected(int httpStatus, Integer code, String message, String details) implements CloudApiResponse {
    }

    /**
     * No answer: connection refused, reset or timed out. Whether Meta received the request is unknown.
     */
    record Unreachable(String reason) implements CloudApiResponse {
    }
}
