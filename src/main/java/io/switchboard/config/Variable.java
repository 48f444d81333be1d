package io.switchboard.config;

/** Every setting Switchboard reads, with its default; {@code --help} and the README list these. */
public enum Variable {
    DB_HOST("", "PostgreSQL host, or several as host:port,host:port (a primary and its standbys; writes always go to the primary). Unset: Switchboard runs its own embedded PostgreSQL in the data folder."),
    DB_READ_HOST("", "Optional: host:port,host:port of standbys for the stats dashboard, campaign funnels, searches and exports (a standby is preferred, never written to; the primary answers while it is down or more than 10 s behind). Unset: everything reads from DB_HOST."),
    DB_PORT("5432", "PostgreSQL port."),
    DB_USERNAME("whatsapp_user", "PostgreSQL user."),
    DB_PASSWORD("", "PostgreSQL password."),
    DB_NAME("whatsapp_autonation", "PostgreSQL database."),
    DB_LOGGING("false", "true: log every SQL statement (its text, never its values) to stderr and the log file; stdout stays the command's result."),
    DB_SYNCHRONIZE("true", "true: apply pending migrations at start; false: refuse to start while any are pending (run `migrate`)."),
    SWITCHBOARD_HOME("", "Data folder (embedded database, secret key, logs, .env). Default: the OS's per-user data folder."),
    SWITCHBOARD_ENV_FILE("", "An explicit .env file to read instead of ./.env; it must exist."),
    SWITCHBOARD_SECRET_KEY("", "Base64 AES key (16/24/32 bytes) that encrypts channel secrets. Default: a key file in the data folder."),
    SWITCHBOARD_SANDBOX("true", "true: on first start create a demo tenant wired to the built-in WhatsApp sandbox and run it."),
    SWITCHBOARD_MEDIA_FOLDER("", "Optional: a folder (shared by every process of a team) for media bytes; unset: they go into PostgreSQL (media_files), which every desktop reads.");

    private final String defaultValue;
    private final String description;

    Variable(String defaultValue, String description) {
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
