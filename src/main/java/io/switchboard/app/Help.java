package io.switchboard.app;

import io.switchboard.config.Variable;

/** The text of {@code --help}: every command and every environment variable with its default. */
final class Help {
    private Help() {
    }

    static String text() {
        StringBuilder s = new StringBuilder();
        s.append("Switchboard ").append(Version.current()).append(" — a desktop inbox for business messaging on WhatsApp\n\n");
        s.append("Usage: java -jar switchboard.jar [COMMAND] [OPTIONS]\n\nCommands:\n");
        for (Commands.Command c : Commands.ALL) {
            s.append(String.format("  %-28s %s%n", c.usage(), c.summary()));
        }
        s.append(String.format("  %-28s %s%n", "--help", "Show this help"));
        s.append(String.format("  %-28s %s%n", "--version", "Show the version"));
        s.append("\nEnvironment (read from the environment, then ./.env, then .env in the data folder):\n");
        for (Variable v : Variable.values()) {
            String def = v.defaultValue().isEmpty() ? "(unset)" : v.defaultValue();
            s.append(String.format("  %-24s default %-22s %s%n", v.name(), def, v.description()));
        }
        s.append("\nExit codes: 0 success, 1 failure (the message says what to fix), 2 unknown command or bad option.\n");
        return s.toString();
    }
}
