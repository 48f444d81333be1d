package io.switchboard.db;

import jakarta.persistence.AttributeConverter;
import java.util.Arrays;

/** An enum stored as the guide's lower-case check value ('active', 'inbound', 'delivered', …). */
public interface CodedEnum {
    String code();

    static <E extends Enum<E> & CodedEnum> E fromCode(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getSimpleName() + " has no value \"" + code + "\""));
    }

    /** JPA converter base: each enum declares a one-line subclass annotated {@code @Converter(autoApply = true)}. */
    abstract class Converter<E extends Enum<E> & CodedEnum> implements AttributeConverter<E, String> {
        private final Class<E> type;

        protected Converter(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.code();
        }

        @Override
        public E convertToEntityAttribute(String code) {
            return code == null ? null : fromCode(type, code);
        }
    }
}
