package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the embedded database and the log live on each operating system. */
class DataFolderTest {
    private static final String HOME = "/home/ana";

    @Test
    void linuxUsesXdgDataHome() {
        assertThat(DataFolder.resolve(Map.of("XDG_DATA_HOME", "/xdg/data"), "Linux", HOME)).isEqualTo(Path.of("/xdg/data/switchboard"));
    }

    @Test
    void linuxWithoutXdgDataHomeUsesLocalShare() {
        assertThat(DataFolder.resolve(Map.of(), "Linux", HOME)).isEqualTo(Path.of("/home/ana/.local/share/switchboard"));
        assertThat(DataFolder.resolve(Map.of("XDG_DATA_HOME", " "), "Linux", HOME)).isEqualTo(Path.of("/home/ana/.local/share/switchboard"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(DataFolder.resolve(Map.of("XDG_DATA_HOME", "/ignored"), "Mac OS X", "/Users/ana"))
                .isEqualTo(Path.of("/Users/ana/Library/Application Support/Switchboard"));
    }

    @Test
    void windowsUsesAppData() {
        assertThat(DataFolder.resolve(Map.of("APPDATA", "/c/Users/ana/AppData/Roaming"), "Windows 11", "/c/Users/ana"))
                .isEqualTo(Path.of("/c/Users/ana/AppData/Roaming", "Switchboard"));
    }

    @Test
    void windowsWithoutAppDataUsesTheRoamingFolderUnderHome() {
        assertThat(DataFolder.resolve(Map.of(), "Windows 10", "/c/Users/ana"))
                .isEqualTo(Path.of("/c/Users/ana", "AppData", "Roaming", "Switchboard"));
    }

    @Test
    void switchboardHomeOverridesEveryOperatingSystem() {
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 11"}) {
            assertThat(DataFolder.resolve(Map.of("SWITCHBOARD_HOME", "/srv/switchboard", "APPDATA", "/x", "XDG_DATA_HOME", "/y"), os, HOME))
                    .as(os).isEqualTo(Path.of("/srv/switchboard"));
        }
    }

    @Test
    void aRelativeSwitchboardHomeIsMadeAbsolute() {
        assertThat(DataFolder.resolve(Map.of("SWITCHBOARD_HOME", "demo-data"), "Linux", HOME))
                .isAbsolute().isEqualTo(Path.of("demo-data").toAbsolutePath());
    }
}
