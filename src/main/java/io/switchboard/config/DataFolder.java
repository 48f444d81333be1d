package io.switchboard.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where Switchboard keeps the embedded database, the secret key and its log, per operating system. */
public final class DataFolder {
    private DataFolder() {
    }

    public static Path resolve(Map<String, String> env, String osName, String userHome) {
        String override = env.get("SWITCHBOARD_HOME");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank()
                    ? Path.of(appData, "Switchboard")
                    : Path.of(userHome, "AppData", "Roaming", "Switchboard");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Switchboard");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "switchboard")
                : Path.of(userHome, ".local", "share", "switchboard");
    }
}
