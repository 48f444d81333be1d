package io.switchboard.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved configuration. Precedence: process environment, then {@code .env} in the
 * working directory (or SWITCHBOARD_ENV_FILE), then {@code .env} in the data folder.
 */
public record Settings(Map<String, String> values, Path dataFolder, List<Path> envFilesRead) {

    public static Settings load() {
        return load(System.getenv(), Path.of("").toAbsolutePath(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    public static Settings load(Map<String, String> environment, Path workingDirectory, String osName, String userHome) {
        Sources sources = new Sources(environment);
        String explicit = environment.get(Variable.SWITCHBOARD_ENV_FILE.name());
        if (explicit != null && !explicit.isBlank()) {
            sources.add(Path.of(explicit), DotEnvFile.read(Path.of(explicit)));
        } else {
            Path local = workingDirectory.resolve(".env");
            DotEnvFile.readIfPresent(local).ifPresent(v -> sources.add(local, v));
        }
        Path dataFolder = DataFolder.resolve(sources.merged(), osName, userHome);
        Path inData = dataFolder.resolve(".env");
        if (!sources.files.contains(inData)) {
            DotEnvFile.readIfPresent(inData).ifPresent(v -> sources.add(inData, v));
        }
        return new Settings(sources.merged(), dataFolder, List.copyOf(sources.files));
    }

    public String get(Variable variable) {
        String value = values.get(variable.name());
        return value == null || value.isBlank() ? variable.defaultValue() : value.strip();
    }

    public Optional<String> explicit(Variable variable) {
        String value = values.get(variable.name());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public boolean flag(Variable variable) {
        String value = get(variable).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigurationException(variable.name() + " must be true or false, not \"" + value + "\"");
        };
    }

    public int integer(Variable variable, int min, int max) {
        String value = get(variable);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(variable.name() + " must be a whole number from " + min + " to " + max + ", not \"" + value + "\"");
        }
    }

    /** Where settings came from, for messages: "the environment, /x/.env". */
    public String describeSources() {
        if (envFilesRead.isEmpty()) {
            return "the environment (no .env file found in the working directory or " + dataFolder + ")";
        }
        return "the environment and " + envFilesRead.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static final class Sources {
        private final java.util.ArrayList<Map<String, String>> layers = new java.util.ArrayList<>();
        private final java.util.ArrayList<Path> files = new java.util.ArrayList<>();

        Sources(Map<String, String> environment) {
            layers.add(environment);
        }

        void add(Path file, Map<String, String> values) {
            files.add(file);
            layers.add(values);
        }

        /** Earlier layers win. */
        Map<String, String> merged() {
            java.util.HashMap<String, String> merged = new java.util.HashMap<>();
            for (int i = layers.size() - 1; i >= 0; i--) {
                layers.get(i).forEach((k, v) -> {
                    if (v != null) {
                        merged.put(k, v);
                    }
                });
            }
            return Map.copyOf(merged);
        }
    }
}
