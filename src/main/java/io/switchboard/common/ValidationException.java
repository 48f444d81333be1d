package io.switchboard.common;

/** Bad input: names the field and the rule it broke. Nothing was stored. */
public class ValidationException extends RuntimeException {
    private final String field;

    public ValidationException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    /** A rule the database enforced; {@code cause} keeps its own words for the log. */
    public ValidationException(String field, String rule, Throwable cause) {
        super(field + ": " + rule, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
