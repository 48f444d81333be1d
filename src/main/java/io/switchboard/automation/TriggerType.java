package io.switchboard.automation;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: webhook, schedule, manual, api. */
public enum TriggerType implements CodedEnum {
    WEBHOOK("webhook"), SCHEDULE("schedule"), MANUAL("manual"), API("api");

    private final String code;

    TriggerType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static TriggerType fromCode(String code) {
        return CodedEnum.fromCode(TriggerType.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<TriggerType> {
        public Converter() {
            super(TriggerType.class);
        }
    }
}
