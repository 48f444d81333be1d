package io.switchboard.message;

import io.switchboard.db.CodedEnum;

/** Stored as the guide's check values: inbound, outbound. */
public enum Direction implements CodedEnum {
    INBOUND("inbound"), OUTBOUND("outbound");

    private final String code;

    Direction(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Direction fromCode(String code) {
        return CodedEnum.fromCode(Direction.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<Direction> {
        public Converter() {
            super(Direction.class);
        }
    }
}
