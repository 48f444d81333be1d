package io.switchboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The setup guide's SQL, read from the byte-for-byte copies in {@code src/test/resources/guide}.
 * A query is found by the comment the guide puts above it ("Get all tenants"), so a test names
 * exactly the guide query it runs.
 */
public final class GuideQueries {
    private GuideQueries() {
    }

    /** The whole text of a guide file, e.g. {@code option-b-multi-tenant-schema.sql}. */
    public static String file(String name) {
        try (InputStream in = Objects.requireNonNull(GuideQueries.class.getResourceAsStream("/guide/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each "-- title" comment of the file and the statement under it, in the guide's order. */
    public static Map<String, String> byTitle(String name) {
        Map<String, String> queries = new LinkedHashMap<>();
        String title = null;
        StringBuilder sql = new StringBuilder();
        for (String line : file(name).split("\n", -1)) {
            if (line.startsWith("-- ")) {
                title = line.substring(3).strip();
                sql.setLength(0);
            } else if (line.isBlank()) {
                if (title != null && sql.length() > 0) {
                    queries.put(title, sql.toString());
                }
                title = null;
                sql.setLength(0);
            } else {
                sql.append(line).append('\n');
            }
        }
        if (title != null && sql.length() > 0) {
            queries.put(title, sql.toString());
        }
        return queries;
    }
}
