package io.switchboard.ui.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.DesktopApp;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The toolbar's backup button opens the dialog over the window, headless. */
class BackupViewTest {
    private final FxRobot robot = new FxRobot();
    private final Database db = TestDatabase.open();
    private final Preferences prefs = Preferences.userRoot().node("switchboard-test-" + UUID.randomUUID());
    private DesktopApp app;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        prefs.removeNode();
        db.close();
    }

    @Test
    void theToolbarButtonOpensBackUpOrRestoreWithItsButtonsAndWhatItSaysAboutDailyBackups() throws Exception {
        new InboxFixtures(db).tenant("Acme");
        prefs.put("theme", "LIGHT");
        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(() -> new Services(new DatabaseStartup.Running(db, Optional.empty())), prefs));
        // The backend connects in the background; the button does nothing until it has.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            robot.clickOn("#backupToolButton");
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup("#restoreButton").tryQuery().isPresent();
        });

        assertThat(robot.lookup("#backupButton").queryAs(Button.class).getText()).isEqualTo("Back up…");
        assertThat(robot.lookup("#restoreButton").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#backupProgress").queryAs(ProgressBar.class).isVisible()).as("no job yet").isFalse();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#lastBackup").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#lastBackup").queryAs(Label.class).getText())
                .as("a test database is not the embedded one").startsWith("Automatic daily backups are kept for the embedded database only");
    }
}
