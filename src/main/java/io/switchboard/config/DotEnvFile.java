package io.switchboard.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
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
    private static final String BYTE_ORDER_MARK = "\uFEFF";
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
        } catch (CharacterCodingException e) {
            throw new ConfigurationException("Cannot read " + file + ": it is not UTF-8 text. Save it as UTF-8, or set the DB_* variables "
                    + "in the environment instead.", e);
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
            if (i == 0 && line.startsWith(BYTE_ORDER_MARK)) {
                // Windows editors often save UTF-8 with a byte order mark.
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            String value = m.matches() ? value(m.group(2).strip()) : null;
            if (value == null) {
                // The line itself is not shown: it may hold a password.
                throw new ConfigurationException(file + " line " + (i + 1) + ": expected KEY=value (for example DB_HOST=localhost)"
                        + (m.matches() ? ", with a quoted value closed by the same quote and followed by nothing but a # comment" : ""));
            }
            values.put(m.group(1), value);
        }
        return values;
    }

    /**
     * The value of {@code raw}: 'single quoted' taken literally, "double quoted" with \" \\ and \n
     * escapes, or unquoted up to a " #" comment. Null when a quote is not closed properly.
     */
    private static String value(String raw) {
        if (raw.startsWith("'") || raw.startsWith("\"")) {
            char quote = raw.charAt(0);
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == quote) {
                    String rest = raw.substring(i + 1).strip();
                    return rest.isEmpty() || rest.startsWith("#") ? value.toString() : null;
                }
                if (quote == '"' && c == '\\' && i + 1 < raw.length() && "\"\\n".indexOf(raw.charAt(i + 1)) >= 0) {
                    char escaped = raw.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            return null;
        }
        int comment = raw.indexOf(" #");
        return comment >= 0 ? raw.substring(0, comment).strip() : raw;
    }
}
