package io.switchboard.channel;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: unprocessed, processed, failed. */
public enum WebhookEventStatus implements CodedEnum {
    UNPROCESSED("unprocessed"), PROCESSED("processed"), FAILED("failed");

    private final String code;

    WebhookEventStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static WebhookEventStatus fromCode(String code) {
        return CodedEnum.fromCode(WebhookEventStatus.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<WebhookEventStatus> {
        public Converter() {
            super(WebhookEventStatus.class);
        }
    }
}
