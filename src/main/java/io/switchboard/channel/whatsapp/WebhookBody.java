package io.switchboard.channel.whatsapp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A verified webhook body made ready for {@code webhook_events}: the text PostgreSQL can hold as
 * {@code jsonb}, and the exact bytes Meta sent when that text had to differ from them.
 *
 * <p>{@code jsonb} refuses some things valid JSON may hold: the escape {@code \u0000} and a lone
 * surrogate escape ({@code \ud83d} without its pair, or a low half alone); PostgreSQL text cannot hold
 * a NUL character at all; and bytes that are not UTF-8 cannot be text. Each of those is replaced by
 * U+FFFD (written as the escape {@code \ufffd} inside JSON), so the body is still stored as JSON and
 * its messages still reach the inbox, and the original bytes are kept beside it
 * ({@code webhook_events.raw_body}). A body needing none of this — nearly every one — is stored as
 * sent and keeps no copy.
 */
record WebhookBody(String text, byte[] raw) {
    private static final String REPLACEMENT_ESCAPE = "\\ufffd";

    /** Prepares {@code bytes} for storing. No business meaning is read: this only looks at escapes. */
    static WebhookBody of(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean changed = text.indexOf('\uFFFD') >= 0 && !isUtf8(bytes); // malformed bytes were replaced
        if (text.indexOf('\\') >= 0 || text.indexOf('\u0000') >= 0) {
            String safe = jsonbSafe(text);
            changed |= safe != text;
            text = safe;
        }
        return new WebhookBody(text, changed ? bytes : null);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * {@code text} with NUL characters, {@code \u0000} escapes and unpaired surrogate escapes replaced;
     * the same instance when there was nothing to replace. Every backslash starts an escape of two
     * characters, or six for {@code \\uXXXX}, so an escaped backslash followed by "u0000" stays text.
     */
    static String jsonbSafe(String text) {
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                out = append(out, text, copied, i).append('\uFFFD');
                copied = ++i;
                continue;
            }
            if (c != '\\' || i + 1 >= n) {
                i++;
                continue;
            }
            if (text.charAt(i + 1) != 'u') {
                i += 2;
                continue;
            }
            int code = hex4(text, i + 2);
            if (code < 0) {
                i += 2; // not a complete escape: invalid JSON, which jsonb's own check will find
                continue;
            }
            if (Character.isHighSurrogate((char) code)) {
                int next = i + 6 + 1 < n && text.charAt(i + 6) == '\\' && text.charAt(i + 7) == 'u' ? hex4(text, i + 8) : -1;
                if (next >= 0 && Character.isLowSurrogate((char) next)) {
                    i += 12; // a proper pair
                    continue;
                }
            } else if (code != 0 && !Character.isLowSurrogate((char) code)) {
                i += 6;
                continue;
            }
            out = append(out, text, copied, i).append(REPLACEMENT_ESCAPE);
            i += 6;
            copied = i;
        }
        return out == null ? text : append(out, text, copied, n).toString();
    }

    private static StringBuilder append(StringBuilder out, String text, int from, int to) {
        StringBuilder b = out == null ? new StringBuilder(text.length() + 16) : out;
        return b.append(text, from, to);
    }

    private static int hex4(String text, int from) {
        if (from + 4 > text.length()) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int d = Character.digit(text.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
