package io.switchboard.common;

/** Bad input: names the field and the rule it broke. Nothing was stored. */
public class ValidationException extends RuntimeException {
    private final String field;

    public ValidationException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
