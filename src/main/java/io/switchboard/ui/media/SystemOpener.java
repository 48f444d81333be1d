package io.switchboard.ui.media;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Hands a checked, privately copied file to the system's own viewer or player (the desktop's default for its
 * type). Switchboard itself never runs anything from a media file; this is the agent's explicit "Open".
 */
public interface SystemOpener {
    void open(Path file) throws IOException;

    /** The desktop's default application: java.awt.Desktop where it works, else xdg-open / open. */
    static SystemOpener desktop() {
        return file -> {
            if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.OPEN)) {
                java.awt.Desktop.getDesktop().open(file.toFile());
                return;
            }
            String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
            String command = os.contains("mac") ? "open" : "xdg-open";
            new ProcessBuilder(command, file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        };
    }
}
