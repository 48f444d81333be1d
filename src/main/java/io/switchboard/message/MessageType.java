package io.switchboard.message;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: text, template, image, doc. */
public enum MessageType implements CodedEnum {
    TEXT("text"), TEMPLATE("template"), IMAGE("image"), DOC("doc");

    private final String code;

    MessageType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static MessageType fromCode(String code) {
        return CodedEnum.fromCode(MessageType.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<MessageType> {
        public Converter() {
            super(MessageType.class);
        }
    }
}
