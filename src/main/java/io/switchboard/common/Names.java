package io.switchboard.common;

/**
 * The one rule for names people type — tenants, contacts, templates, campaigns: trimmed, within a length,
 * and free of control and format characters. A newline, a tab or an ANSI escape in a name breaks every
 * list that prints it (a terminal's columns, a CSV line, a log line) and can recolour or rewrite a
 * terminal; bidirectional overrides make a name read differently from what it is.
 *
 * <p>Refused: every character of Unicode category Cc (control: C0, DEL, C1 — which covers ESC) and Cf
 * (format: bidi embeddings and isolates, soft hyphen, zero-width space, BOM, …), except the zero-width
 * joiner and non-joiner (U+200D, U+200C), which emoji sequences and Persian and Indic names need.
 */
public final class Names {
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private Names() {
    }

    /** A required name: stripped, 1..{@code max} characters, no control or format characters. */
    public static String required(String field, String value, int max) {
        String name = optional(field, value, max);
        if (name == null) {
            throw new ValidationException(field, "must not be empty");
        }
        return name;
    }

    /** An optional name: null when blank, else as {@link #required}. */
    public static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.strip();
        int bad = firstForbidden(name);
        if (bad >= 0) {
            throw new ValidationException(field, "must not contain control characters (found " + describe(name.codePointAt(bad)) + " at position " + (bad + 1)
                    + "); newlines, tabs and escape sequences are not allowed in names");
        }
        if (name.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters (it has " + name.length() + ")");
        }
        return name;
    }

    /** The index of the first control or format character, or -1. */
    static int firstForbidden(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if ((type == Character.CONTROL || type == Character.FORMAT) && cp != ZERO_WIDTH_JOINER && cp != ZERO_WIDTH_NON_JOINER) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static String describe(int cp) {
        return switch (cp) {
            case '\n' -> "a line break (U+000A)";
            case '\r' -> "a carriage return (U+000D)";
            case '\t' -> "a tab (U+0009)";
            case 0x1B -> "an escape character (U+001B)";
            default -> String.format("U+%04X", cp);
        };
    }
}
