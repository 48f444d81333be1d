package io.switchboard.template;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: pending, approved, rejected, disabled. */
public enum TemplateStatus implements CodedEnum {
    PENDING("pending"), APPROVED("approved"), REJECTED("rejected"), DISABLED("disabled");

    private final String code;

    TemplateStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static TemplateStatus fromCode(String code) {
        return CodedEnum.fromCode(TemplateStatus.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<TemplateStatus> {
        public Converter() {
            super(TemplateStatus.class);
        }
    }
}
