package io.switchboard.channel;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: whatsapp, sms. */
public enum Channel implements CodedEnum {
    WHATSAPP("whatsapp"), SMS("sms");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Channel fromCode(String code) {
        return CodedEnum.fromCode(Channel.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<Channel> {
        public Converter() {
            super(Channel.class);
        }
    }
}
