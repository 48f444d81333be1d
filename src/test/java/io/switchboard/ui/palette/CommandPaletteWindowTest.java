package io.switchboard.ui.palette;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.app.Services;
import io.switchboard.automation.ActionType;
import io.switchboard.automation.AutomationDraft;
import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.automation.RunView;
import io.switchboard.automation.TriggerType;
import io.switchboard.config.SecretBox;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.DesktopApp;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The command palette in the running window, headless against a real database, used with the keyboard only. */
class CommandPaletteWindowTest {
    private final FxRobot robot = new FxRobot();
    private Database db;
    private Preferences prefs;
    private DesktopApp app;
    private UUID acme;
    private final SecretBox secrets = new SecretBox(new byte[32]);
    private AutomationService automations;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        acme = new InboxFixtures(db).tenant("Acme");
        automations = new AutomationService(db, secrets);
        prefs = Preferences.userRoot().node("switchboard-test-" + UUID.randomUUID());
        prefs.put("tenant", acme.toString());
        prefs.put("theme", "LIGHT");
    }

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
    void ctrlShiftPTypedAndEnteredRunsAManualAutomationOnTheOpenConversation() throws Exception {
        new InboxFixtures(db).customerWrites(acme, "+4915100000001", "Anna Berg", "Where is my parcel?");
        ObjectNode action = new ObjectMapper().createObjectNode();
        action.putObject("metadata").put("tier", "vip");
        AutomationView vip = automations.create(acme, new AutomationDraft("Tag VIP", null, TriggerType.MANUAL, new ObjectMapper().createObjectNode(),
                ActionType.UPDATE_CONTACT, action, AutomationStatus.ACTIVE));
        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(() -> new Services(new DatabaseStartup.Running(db, Optional.empty())).withSecrets(secrets), prefs));
        await(() -> app.model() != null && app.model().conversationList().rows().size() == 1);
        await(() -> robot.lookup("#team-button").tryQuery().isPresent());

        // Nothing open yet: the entry is listed with its reason, and Enter says it instead of running.
        openPalette();
        robot.write("run vip");
        await(() -> firstShown().map(c -> c.title().equals("Run automation: Tag VIP") && !c.available()).orElse(false));
        await(() -> robot.lookup("#palette-list .palette-reason").queryAll().stream().anyMatch(n -> "Open a conversation first".equals(((Label) n).getText())));
        robot.type(KeyCode.ENTER);
        await(() -> "Run automation: Tag VIP: Open a conversation first.".equals(((Label) robot.lookup("#palette-message").query()).getText()));
        robot.type(KeyCode.ESCAPE);
        await(() -> !robot.lookup("#command-palette").query().isVisible());

        robot.clickOn(cell("Anna Berg"));
        await(() -> app.model().thread().conversation() != null);
        openPalette();
        robot.write("run vip");
        await(() -> firstShown().map(c -> c.title().equals("Run automation: Tag VIP") && c.available()).orElse(false));
        robot.type(KeyCode.ENTER);

        // The same confirmation as Run… in Contacts: who, which automation; Enter runs it.
        await(() -> robot.lookup(".label").queryAll().stream().anyMatch(n -> n instanceof Label l && l.getText() != null
                && l.getText().equals("Run an automation for 1 contact: Anna Berg (+4915100000001)")));
        await(() -> robot.lookup(".combo-box").queryAll().stream().anyMatch(n -> n instanceof ComboBox<?> box && box.getValue() instanceof AutomationView a
                && a.id().equals(vip.id())));
        robot.type(KeyCode.ENTER);
        await(() -> robot.lookup(".list-view").queryAll().stream().anyMatch(n -> n instanceof ListView<?> l && l.getItems().stream()
                .anyMatch(i -> i instanceof String s && s.startsWith("+4915100000001 — succeeded"))));

        List<RunView> log = automations.runs(acme, vip.id(), null, 10);
        assertThat(log).singleElement().satisfies(r -> {
            assertThat(r.contactPhone()).isEqualTo("+4915100000001");
            assertThat(r.triggerType()).isEqualTo("manual");
            assertThat(r.status()).isEqualTo("succeeded");
        });
        assertThat(count("SELECT count(*) FROM contacts WHERE metadata->>'tier' = 'vip' AND phone = '+4915100000001'")).isEqualTo(1);

        // Used once, it is first the next time the palette opens.
        robot.type(KeyCode.ESCAPE);
        openPalette();
        await(() -> firstShown().map(c -> c.title().equals("Run automation: Tag VIP")).orElse(false));
        robot.type(KeyCode.ESCAPE);
    }

    private void openPalette() throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        await(() -> robot.lookup("#command-palette").query().isVisible() && robot.lookup("#palette-filter").query().isFocused());
    }

    @SuppressWarnings("unchecked")
    private Optional<PaletteCommand> firstShown() {
        ListView<PaletteCommand> list = (ListView<PaletteCommand>) robot.lookup("#palette-list").query();
        return list.getItems().isEmpty() ? Optional.empty() : Optional.of(list.getItems().get(0));
    }

    private Node cell(String title) throws Exception {
        return await(() -> robot.lookup(".conversation-list .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && c.getItem() instanceof ConversationSummary s && s.title().equals(title))
                .findFirst().orElse(null));
    }

    private long count(String sql) {
        return db.inJdbcTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static <T> T fxGet(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(Callable<T> condition) throws Exception {
        Object[] last = new Object[1];
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
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
