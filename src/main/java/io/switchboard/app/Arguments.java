package io.switchboard.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options after a command; an option may repeat (e.g. {@code --param}). */
final class Arguments {
    private final String command;
    private final Map<String, List<String>> options;

    private Arguments(String command, Map<String, List<String>> options) {
        this.command = command;
        this.options = options;
    }

    /** Parses {@code args} for {@code command}, allowing only {@code allowed} option names. */
    static Arguments parse(String command, List<String> args, Set<String> allowed) {
        return parse(command, args, allowed, Set.of());
    }

    /** The same, with {@code flags}: options that take no value ({@code --allow-duplicate}). */
    static Arguments parse(String command, List<String> args, Set<String> allowed, Set<String> flags) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException(command + ": unexpected argument \"" + arg + "\" (see --help)");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException(command + ": --" + name + " takes no value");
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                continue;
            }
            if (!allowed.contains(name)) {
                throw new UsageException(command + ": unknown option --" + name + " (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(command + ": option --" + name + " needs a value");
                }
                value = args.get(++i);
            }
            options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Arguments(command, options);
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new UsageException(command + ": missing --" + name));
    }

    java.util.Optional<String> optional(String name) {
        List<String> values = options.get(name);
        return values == null ? java.util.Optional.empty() : java.util.Optional.of(values.get(values.size() - 1));
    }

    /** Whether the flag {@code --name} was given. */
    boolean flag(String name) {
        return options.containsKey(name);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    int integer(String name, int fallback, int min, int max) {
        String value = optional(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a whole number from " + min + " to " + max + ", not \"" + value + "\"");
        }
    }

    java.util.UUID uuid(String name) {
        String value = required(name);
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": --" + name + " must be a tenant id (a UUID), not \"" + value + "\"");
        }
    }
}
