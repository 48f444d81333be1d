package io.switchboard.ui.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.app.Services;
import io.switchboard.automation.ActionType;
import io.switchboard.automation.AutomationDraft;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.TriggerType;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.DesktopApp;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Contacts window's selection actions as the app wires them, headless, against a real database: TestFX clicks. */
class ContactSelectionWindowTest {
    private final FxRobot robot = new FxRobot();
    private Database db;
    private volatile Services services;
    private Preferences prefs;
    private DesktopApp app;
    private UUID acme;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.open();
        InboxFixtures fx = new InboxFixtures(db);
        acme = fx.tenant("Acme");
        fx.contact(acme, "+4915100000001", "Anna Berg");
        fx.contact(acme, "+4915100000002", "Ben Okafor");
        fx.contact(acme, "+4915100000003", "Carla García");
        prefs = Preferences.userRoot().node("switchboard-test-" + UUID.randomUUID());
        prefs.put("tenant", acme.toString());
        prefs.put("theme", "LIGHT");
        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(() -> {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            services = new Services(new DatabaseStartup.Running(db, Optional.empty())).withSecrets(new io.switchboard.config.SecretBox(key));
            return services;
        }, prefs));
        await(() -> app.model() != null && services != null);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        prefs.removeNode();
    }

    @Test
    void runningAnAutomationOnTwoSelectedContactsShowsBothOutcomes() throws Exception {
        ObjectNode action = new ObjectMapper().createObjectNode();
        action.putObject("metadata").put("picked", "yes");
        services.automations().create(acme, new AutomationDraft("Mark picked", null, TriggerType.MANUAL, new ObjectMapper().createObjectNode(),
                ActionType.UPDATE_CONTACT, action, AutomationStatus.ACTIVE));

        robot.clickOn("#contactsButton");
        await(() -> robot.lookup("#table").queryAs(TableView.class).getItems().size() == 3);
        assertThat(fxGet(() -> robot.lookup("#campaignButton").query().isDisabled())).as("nothing selected yet").isTrue();
        assertThat(fxGet(() -> robot.lookup("#automationButton").query().isDisabled())).isTrue();

        robot.clickOn(cell("Anna Berg"));
        robot.press(KeyCode.CONTROL).clickOn(cell("Carla García")).release(KeyCode.CONTROL);
        await(() -> !robot.lookup("#automationButton").query().isDisabled());
        assertThat(fxGet(() -> robot.lookup("#campaignButton").query().isDisabled())).isFalse();

        robot.clickOn("#automationButton");
        await(() -> robot.lookup("#runButton").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        robot.clickOn("#runButton");
        await(() -> robot.lookup("#outcomeList").queryAs(ListView.class).getItems().size() == 2);
        java.util.List<String> lines = fxGet(() -> ((ListView<?>) robot.lookup("#outcomeList").query()).getItems().stream().map(Object::toString).toList());
        assertThat(lines)
                .allSatisfy(line -> assertThat(line).contains(" — succeeded"))
                .anySatisfy(line -> assertThat(line).startsWith("+4915100000001"))
                .anySatisfy(line -> assertThat(line).startsWith("+4915100000003"));
        assertThat(picked()).isEqualTo(2);
    }

    private long picked() throws Exception {
        try (var c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM contacts WHERE tenant_id = ? AND metadata->>'picked' = 'yes'"
                     + " AND phone IN ('+4915100000001', '+4915100000003')")) {
            ps.setObject(1, acme);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Node cell(String text) throws Exception {
        return await(() -> robot.lookup(".table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && text.equals(c.getText())).findFirst().orElse(null));
    }

    private static <T> T fxGet(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(Callable<T> condition) throws Exception {
        Object[] last = new Object[1];
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Object v = fxGet(() -> {
                try {
                    return condition.call();
                } catch (RuntimeException e) {
                    return null;
                }
            });
            last[0] = v;
            return v != null && !Boolean.FALSE.equals(v);
        });
        return (T) last[0];
    }
}
