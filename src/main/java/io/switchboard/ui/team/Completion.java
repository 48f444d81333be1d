package io.switchboard.ui.team;

import java.util.Optional;

/**
 * The word being typed at the caret when it starts with a trigger character ("/" for canned replies,
 * "@" for mentions): where it starts and what follows the trigger. A trigger counts only at the start
 * of the text or after white space, so an e-mail address or a URL path completes nothing.
 */
record Completion(int start, int end, String query) {

    static Optional<Completion> at(String text, int caret, char trigger) {
        if (text == null || caret < 0 || caret > text.length()) {
            return Optional.empty();
        }
        int i = caret;
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1)) && text.charAt(i - 1) != trigger) {
            i--;
        }
        if (i == 0 || text.charAt(i - 1) != trigger) {
            return Optional.empty();
        }
        int start = i - 1;
        if (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            return Optional.empty();
        }
        return Optional.of(new Completion(start, caret, text.substring(i, caret)));
    }

    /** {@code text} with this word replaced by {@code replacement}. */
    String replace(String text, String replacement) {
        return text.substring(0, start) + replacement + text.substring(end);
    }
}
