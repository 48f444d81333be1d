package io.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantView;
import io.switchboard.testing.TestDatabase;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The window's first minutes, driven like a user drives them: headless on Monocle, against a real database. */
class DesktopAppTest {
    private Database database;
    private Application app;
    private Preferences prefs;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void openWindow() throws Exception {
        database = TestDatabase.open();
        prefs = Preferences.userRoot().node("switchboard-test-" + UUID.randomUUID());
        prefs.put("theme", "LIGHT");
        DatabaseStartup.Running running = new DatabaseStartup.Running(database, Optional.empty());
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new DesktopApp(() -> new Services(running), prefs));
        // Ready when the database is up: the startup overlay is gone and the tenant controls are enabled.
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> !node("#startupOverlay", Node.class).isVisible() && !node("#tenantsButton", Button.class).isDisabled());
    }

    @AfterEach
    void closeWindow() throws Exception {
        // Stopping the application closes its services, and with them the database.
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        prefs.removeNode();
    }

    @Test
    void theStatusBarShowsTheConnectionAndAnEmptyDatabaseSaysWhatToDo() throws Exception {
        assertThat(node("#connectionLabel", Label.class).getText()).isEqualTo(database.target().describe());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> node("#statusMessage", Label.class).getText().contains("open Tenants"));
    }

    @Test
    void creatingATenantInTheTenantsDialogStoresItAndSwitchesToIt() throws Exception {
        robot.clickOn("#tenantsButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#createButton").tryQuery().isPresent());
        robot.clickOn("#tenantName").write("Acme Corp");
        robot.clickOn("#createButton");

        ListView<TenantView> list = tenantList();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().stream().anyMatch(t -> t.name().equals("Acme Corp")));
        @SuppressWarnings("unchecked")
        ComboBox<TenantView> switcher = node("#tenantBox", ComboBox.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> switcher.getValue() != null && switcher.getValue().name().equals("Acme Corp"));
        assertThat(new TenantService(database).list()).extracting(TenantView::name).containsExactly("Acme Corp");
    }

    @Test
    void anEmptyTenantNameShowsAnErrorNamingTheFieldAndStoresNothing() throws Exception {
        robot.clickOn("#tenantsButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#createButton").tryQuery().isPresent());
        robot.clickOn("#tenantName").write("   ");
        robot.clickOn("#createButton");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !node("#error", Label.class).getText().isEmpty());
        assertThat(node("#error", Label.class).getText()).isEqualTo("name: must not be empty");
        assertThat(tenantList().getItems()).isEmpty();
        assertThat(new TenantService(database).list()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private ListView<TenantView> tenantList() {
        return node("#tenantList", ListView.class);
    }

    private <T extends Node> T node(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }
}
