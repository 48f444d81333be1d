package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.application.Application;
import org.junit.jupiter.api.Test;

/**
 * The menu entry's StartupWMClass must equal the window's WM_CLASS, or the dock shows the running window apart
 * from its launcher. JavaFX on GTK names the window after the Application subclass (checked with xprop under
 * Xvfb: WM_CLASS "io.switchboard.ui.DesktopApp"), so a rename of that class must rename it here too.
 */
class DesktopEntryTest {
    @Test
    void startupWmClassIsTheApplicationClassThatOpensTheWindow() throws Exception {
        Map<String, String> entry = Files.readAllLines(Path.of("installer/linux/switchboard.desktop")).stream()
                .filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));

        Class<?> window = Class.forName(entry.get("StartupWMClass"), false, getClass().getClassLoader());
        assertThat(Application.class).isAssignableFrom(window);
        assertThat(entry).containsEntry("Exec", "/opt/switchboard/bin/Switchboard").containsEntry("Icon", "switchboard");
    }
}
