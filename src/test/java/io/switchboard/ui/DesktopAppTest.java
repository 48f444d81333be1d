package io.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantView;
import io.switchboard.testing.TestDatabase;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The first window, driven like a user drives it: headless on Monocle, against a real database. */
class DesktopAppTest {
    private Database database;
    private Application app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void openWindow() throws Exception {
        database = TestDatabase.open();
        DatabaseStartup.Running running = new DatabaseStartup.Running(database, Optional.empty());
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(() -> new DesktopApp(() -> new Services(running)));
        // Ready when the database is up (the form is enabled) and the tenants have been loaded (they are counted).
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS,
                () -> !node("#newTenantName", TextField.class).isDisabled() && !node("#tenantCount", Label.class).getText().isEmpty());
    }

    @AfterEach
    void closeWindow() throws Exception {
        // Stopping the application closes its services, and with them the database.
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void theStatusBarShowsTheConnection() {
        assertThat(node("#connectionLabel", Label.class).getText()).isEqualTo(database.target().describe());
        assertThat(node("#tenantCount", Label.class).getText()).isEqualTo("0 tenants");
    }

    @Test
    void creatingATenantShowsItInTheListAndStoresIt() throws Exception {
        robot.clickOn("#newTenantName").write("Acme Corp");
        robot.clickOn("#createTenantButton");

        ListView<TenantView> list = tenantList();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().stream().anyMatch(t -> t.name().equals("Acme Corp")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".cell-title").queryAllAs(Label.class)).extracting(Label::getText).contains("Acme Corp");
        assertThat(node("#tenantCount", Label.class).getText()).isEqualTo("1 tenant");
        assertThat(node("#statusMessage", Label.class).getText()).isEqualTo("Created tenant Acme Corp");
        assertThat(node("#newTenantName", TextField.class).getText()).isEmpty();
        assertThat(list.getSelectionModel().getSelectedItem().name()).isEqualTo("Acme Corp");
        assertThat(node("#detailTitle", Label.class).getText()).isEqualTo("Acme Corp");
        assertThat(new TenantService(database).list()).extracting(TenantView::name).containsExactly("Acme Corp");
    }

    @Test
    void anEmptyNameShowsAnErrorNamingTheFieldAndStoresNothing() throws Exception {
        robot.clickOn("#newTenantName").write("   ");
        robot.clickOn("#createTenantButton");

        Label error = node("#createError", Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, error::isVisible);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.getText()).isEqualTo("Tenant name: must not be empty");
        assertThat(node("#createTenantButton", Button.class).isDisabled()).as("ready for another try").isFalse();
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
