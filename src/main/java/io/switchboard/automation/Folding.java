package io.switchboard.automation;

import java.text.Normalizer;
import java.util.Locale;

/** Text compared the way a customer means it: case, accents and surrounding spaces do not matter ("Olá" = "ola"). */
final class Folding {
    private Folding() {
    }

    static String fold(String s) {
        if (s == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
