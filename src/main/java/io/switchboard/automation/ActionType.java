package io.switchboard.automation;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: send_message, send_template, update_contact, http_request. */
public enum ActionType implements CodedEnum {
    SEND_MESSAGE("send_message"), SEND_TEMPLATE("send_template"), UPDATE_CONTACT("update_contact"), HTTP_REQUEST("http_request");

    private final String code;

    ActionType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static ActionType fromCode(String code) {
        return CodedEnum.fromCode(ActionType.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<ActionType> {
        public Converter() {
            super(ActionType.class);
        }
    }
}
