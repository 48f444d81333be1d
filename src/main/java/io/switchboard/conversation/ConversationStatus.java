package io.switchboard.conversation;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: open, closed, archived. */
public enum ConversationStatus implements CodedEnum {
    OPEN("open"), CLOSED("closed"), ARCHIVED("archived");

    private final String code;

    ConversationStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static ConversationStatus fromCode(String code) {
        return CodedEnum.fromCode(ConversationStatus.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<ConversationStatus> {
        public Converter() {
            super(ConversationStatus.class);
        }
    }
}
