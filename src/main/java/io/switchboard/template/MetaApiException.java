package io.switchboard.template;

/**
 * Meta (or the network) did not give what a template operation needed: a refusal with Meta's code and
 * message, no answer, or an answer the app cannot read (the JSON path is named). Nothing was stored.
 */
public class MetaApiException extends RuntimeException {
    public MetaApiException(String message) {
        super(message);
    }
}
