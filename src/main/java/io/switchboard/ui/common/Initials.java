package io.switchboard.ui.common;

import java.util.Arrays;
import java.util.Locale;

/** "Acme Corp" → "AC", "+49 151…" → "#". */
public final class Initials {
    private Initials() {
    }

    public static String of(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        String[] words = Arrays.stream(name.strip().split("\\s+")).filter(w -> Character.isLetter(w.codePointAt(0))).toArray(String[]::new);
        if (words.length == 0) {
            return "#";
        }
        String first = new String(Character.toChars(words[0].codePointAt(0)));
        String second = words.length > 1 ? new String(Character.toChars(words[words.length - 1].codePointAt(0))) : "";
        return (first + second).toUpperCase(Locale.ROOT);
    }
}
