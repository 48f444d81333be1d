package io.switchboard.automation;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: active, inactive, paused. */
public enum AutomationStatus implements CodedEnum {
    ACTIVE("active"), INACTIVE("inactive"), PAUSED("paused");

    private final String code;

    AutomationStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static AutomationStatus fromCode(String code) {
        return CodedEnum.fromCode(AutomationStatus.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<AutomationStatus> {
        public Converter() {
            super(AutomationStatus.class);
        }
    }
}
