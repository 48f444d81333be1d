package io.switchboard.template;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: text, marketing, otp, transactional. */
public enum TemplateCategory implements CodedEnum {
    TEXT("text"), MARKETING("marketing"), OTP("otp"), TRANSACTIONAL("transactional");

    private final String code;

    TemplateCategory(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static TemplateCategory fromCode(String code) {
        return CodedEnum.fromCode(TemplateCategory.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<TemplateCategory> {
        public Converter() {
            super(TemplateCategory.class);
        }
    }
}
