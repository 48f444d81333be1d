package io.switchboard.ui.palette;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How well a typed filter matches a command's title, as command palettes do it: the filter's characters must
 * appear in the title in order (a subsequence, ignoring case and accents), and the best placement wins. A
 * character right after the previous match counts most (runs of typed letters are what people remember), one at
 * the start of a word next, anything else least; matching from the title's first character adds a little more. So "st" puts "Open Stats" (a word start, then
 * adjacent) above "Show keyboard shortcuts" (a prefix, then scattered), and "oa" finds "Open Automations" by its
 * initials.
 */
public final class FuzzyMatch {
    /** No placement exists: the title is not shown for this filter. */
    public static final int NO_MATCH = -1;

    static final int WORD_START = 8;
    static final int ADJACENT = 10;
    static final int ANYWHERE = 1;
    static final int TITLE_START = 4;

    private FuzzyMatch() {
    }

    /** The best placement's score (higher is better; an empty filter scores 0), or {@link #NO_MATCH}. */
    public static int score(String filter, String title) {
        String q = fold(filter).replace(" ", "");
        String t = fold(title);
        if (q.isEmpty()) {
            return 0;
        }
        int m = q.length();
        int n = t.length();
        if (m > n) {
            return NO_MATCH;
        }
        // best[j]: the best score of the filter's first i+1 characters with character i placed at title position j.
        int[] best = new int[n];
        int[] next = new int[n];
        for (int j = 0; j < n; j++) {
            best[j] = t.charAt(j) == q.charAt(0) ? charScore(t, j) + (j == 0 ? TITLE_START : 0) : NO_MATCH;
        }
        for (int i = 1; i < m; i++) {
            int bestBefore = NO_MATCH; // the best of best[0 .. j-2], placements that leave a gap
            for (int j = 0; j < n; j++) {
                if (j >= 2) {
                    bestBefore = Math.max(bestBefore, best[j - 2]);
                }
                next[j] = NO_MATCH;
                if (t.charAt(j) != q.charAt(i)) {
                    continue;
                }
                int gap = bestBefore == NO_MATCH ? NO_MATCH : bestBefore + charScore(t, j);
                int adjacent = j >= 1 && best[j - 1] != NO_MATCH ? best[j - 1] + Math.max(charScore(t, j), ADJACENT) : NO_MATCH;
                next[j] = Math.max(gap, adjacent);
            }
            int[] swap = best;
            best = next;
            next = swap;
        }
        int score = NO_MATCH;
        for (int s : best) {
            score = Math.max(score, s);
        }
        return score;
    }

    private static int charScore(String t, int j) {
        return j == 0 || !Character.isLetterOrDigit(t.charAt(j - 1)) ? WORD_START : ANYWHERE;
    }

    /** Lower case without accents, so "reabrir" finds "Reabrír" and "garcia" finds "García". */
    static String fold(String s) {
        if (s == null) {
            return "";
        }
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
