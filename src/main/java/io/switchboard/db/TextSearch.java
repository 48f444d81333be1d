package io.switchboard.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What search runs on: pg_trgm (substring match, served by trigram GIN indexes) when V5 could
 * install it, else full-text (whole words and prefixes, served by tsvector GIN indexes).
 */
public enum TextSearch {
    TRIGRAM, FULL_TEXT;

    public static TextSearch detect(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")) {
            rs.next();
            return rs.getBoolean(1) ? TRIGRAM : FULL_TEXT;
        }
    }

    /** SQL matching {@code column} against one bound parameter made by {@link #parameter}. */
    public String match(String column) {
        return this == TRIGRAM ? column + " ILIKE ?" : "to_tsvector('simple', COALESCE(" + column + ", '')) @@ to_tsquery('simple', ?)";
    }

    /** The bound value for {@link #match}: "%text%" (LIKE-escaped), or "word:* & word:*". */
    public String parameter(String query) {
        if (this == TRIGRAM) {
            return "%" + escapeLike(query.strip()) + "%";
        }
        String words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).map(w -> w + ":*").collect(Collectors.joining(" & "));
        return words.isEmpty() ? "''" : words;
    }

    /** A LIKE pattern for phone numbers: the digits someone typed, anywhere in the E.164 number. */
    public static String phonePattern(String query) {
        String digits = query.replaceAll("[^0-9]", "");
        return digits.length() >= 3 ? "%" + digits + "%" : "%" + escapeLike(query.strip()) + "%";
    }

    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
