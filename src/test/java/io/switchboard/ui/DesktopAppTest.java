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
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        app = FxToolkit.setupApplication(() -> new DesktopApp(() -> new Services(running).withSecrets(new io.switchboard.config.SecretBox(key)), prefs));
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

    @Test
    void theWhatsAppDialogTestsAConnectionOverHttpAndSavesItWithSecretsMasked() throws Exception {
        TenantView acme = new TenantService(database).create("Acme Corp");
        com.sun.net.httpserver.HttpServer graph = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        graph.createContext("/v24.0/106540352242922", exchange -> {
            boolean authorised = "Bearer EAAG-right-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorised
                    ? "{\"display_phone_number\":\"+1 555 0100\",\"verified_name\":\"Acme Support\",\"quality_rating\":\"GREEN\",\"id\":\"106540352242922\"}"
                    : "{\"error\":{\"message\":\"Invalid OAuth access token - Cannot parse access token\",\"type\":\"OAuthException\",\"code\":190}}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        graph.start();
        try {
            String base = "http://127.0.0.1:" + graph.getAddress().getPort() + "/v24.0";
            robot.clickOn("#tenantsButton");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tenantList().getItems().size() == 1);
            robot.interact(() -> tenantList().getSelectionModel().select(0));
            robot.clickOn("#whatsappButton");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#waPhoneNumberId").tryQuery().isPresent());
            robot.clickOn("#waPhoneNumberId").write("106540352242922");
            robot.clickOn("#waAccessToken").write("EAAG-wrong-token");
            robot.clickOn("#apiBaseUrl").write(base);
            robot.clickOn("#testButton");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> node("#result", Label.class).getText().startsWith("Meta answered HTTP 401"));
            assertThat(node("#result", Label.class).getText()).contains("190");

            robot.interact(() -> robot.lookup("#waAccessToken").queryAs(javafx.scene.control.PasswordField.class).setText("EAAG-right-token"));
            robot.clickOn("#testButton");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> node("#result", Label.class).getText().startsWith("Connected: Acme Support"));

            robot.clickOn("#waAppSecret").write("app-secret-123456");
            robot.clickOn("#waVerifyToken").write("verify-me-123456");
            robot.clickOn("#waSave");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> node("#result", Label.class).getText().startsWith("Saved"));
            @SuppressWarnings("unchecked")
            ListView<Object> accounts = node("#accounts", ListView.class);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> accounts.getItems().size() == 1);
            String shown = robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).filter(t -> t != null)
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(shown).doesNotContain("EAAG-right-token").doesNotContain("app-secret-123456").doesNotContain("verify-me-123456");
            assertThat(new io.switchboard.tenant.TenantChannels(database).lines(acme.id())).extracting(io.switchboard.tenant.TenantChannels.Line::number)
                    .containsExactly("106540352242922");

            // The stored token is used when the field is left empty.
            robot.interact(() -> accounts.getSelectionModel().select(0));
            robot.clickOn("#testButton");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> node("#result", Label.class).getText().startsWith("Connected: Acme Support"));
        } finally {
            graph.stop(0);
        }
    }

    @SuppressWarnings("unchecked")
    private ListView<TenantView> tenantList() {
        return node("#tenantList", ListView.class);
    }

    private <T extends Node> T node(String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }
}
