package io.switchboard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a dotenv file: {@code KEY=value} lines, {@code #} comments, optional {@code export },
 * single or double quotes. A line that is none of these is an error naming file and line,
 * because silently skipping it would hide a mistyped DB_PASSWORD.
 */
public final class DotEnvFile {
    private static final Pattern LINE = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)$");

    private DotEnvFile() {
    }

    /** The variables of {@code file}, or empty when it does not exist. */
    public static Optional<Map<String, String>> readIfPresent(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    public static Map<String, String> read(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigurationException("The .env file " + file + " does not exist: create it, or unset SWITCHBOARD_ENV_FILE.");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            throw new ConfigurationException("Cannot read " + file + ": permission denied. Make it readable (chmod 600 " + file
                    + ") or set the DB_* variables in the environment instead.", e);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getMessage()
                    + ". Fix the file or set the DB_* variables in the environment instead.", e);
        }
        return parse(file, lines);
    }

    static Map<String, String> parse(Path file, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ConfigurationException(file + " line " + (i + 1) + ": expected KEY=value, found \"" + abbreviate(line) + "\"");
            }
            values.put(m.group(1), unquote(m.group(2).strip()));
        }
        return values;
    }

    private static String unquote(String raw) {
        if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"") || raw.startsWith("'") && raw.endsWith("'"))) {
            return raw.substring(1, raw.length() - 1);
        }
        int comment = raw.indexOf(" #");
        return comment >= 0 ? raw.substring(0, comment).strip() : raw;
    }

    private static String abbreviate(String line) {
        // Never echo a whole line back: it may hold a password.
        return line.length() <= 12 ? line : line.substring(0, 12) + "…";
    }
}
