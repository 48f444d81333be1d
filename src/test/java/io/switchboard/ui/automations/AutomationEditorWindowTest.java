package io.switchboard.ui.automations;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.automation.AutomationService;
import io.switchboard.delivery.OutboundFixture;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An admin builds a keyword rule in the editor's form, tests it (a dry run: matched, what would be sent, nothing
 * stored), breaks it in the raw JSON and is told which field, fixes it, saves, and switches it off in the list.
 */
class AutomationEditorWindowTest {
    private final FxRobot robot = new FxRobot();
    private final OutboundFixture f = new OutboundFixture();
    private final ExecutorService io = Executors.newFixedThreadPool(2);
    private AutomationService service;

    @BeforeEach
    void setUp() throws Exception {
        service = new AutomationService(f.db, f.secrets);
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(60_000);
        FxToolkit.registerPrimaryStage();
        robot.interact(() -> AutomationsView.open(null, new AutomationsViewModel(service, f.tenantId, io, Platform::runLater), io));
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        io.shutdownNow();
        f.close();
    }

    @Test
    void buildTestBreakFixSaveAndSwitchOff() throws Exception {
        Node newButton = fxGet(() -> robot.from(window("Automations").getScene().getRoot()).lookup("#newButton").query());
        robot.clickOn(newButton);
        await(() -> window("New automation") != null);
        type("#nameField", "Prices");
        type("#keywordsField", "precio, price");
        type("#textArea", "Hi {{contact.name}}, our prices are at example.com/prices");
        type("#sampleTextField", "Précio");
        type("#samplePhoneField", "+5511987654321");
        click("#testButton");
        await(() -> text("#testResultArea").startsWith("Trigger: matches."));
        assertThat(text("#testResultArea")).contains("would have queued text message").contains("our prices are at example.com/prices")
                .contains("nothing was stored or sent");
        assertThat(f.count("SELECT COUNT(*) FROM messages")).isZero();
        assertThat(f.count("SELECT COUNT(*) FROM contacts")).isZero();

        type("#sampleTextField", "hello");
        click("#testButton");
        await(() -> text("#testResultArea").startsWith("Trigger: does not match"));

        // the expert view shows the same automation as JSON; a broken regex is refused naming the field
        fxGet(() -> {
            ((CheckBox) robot.from(editor().getScene().getRoot()).lookup("#rawBox").query()).setSelected(true);
            return null;
        });
        assertThat(text("#rawArea")).contains("\"keywords\" : [ \"precio\", \"price\" ]");
        type("#rawArea", text("#rawArea").replace("\"keywords\"", "\"regex\" : \"price(\",\n      \"keywords\""));
        click("#saveButton");
        await(() -> text("#message").startsWith("trigger_config.conditions.regex: is not a valid regular expression"));
        assertThat(f.count("SELECT COUNT(*) FROM automations")).isZero();
        type("#rawArea", text("#rawArea").replace("\"price(\"", "\"pre[cç]o\""));
        fxGet(() -> {
            ((CheckBox) robot.from(editor().getScene().getRoot()).lookup("#rawBox").query()).setSelected(false);
            return null;
        });
        assertThat(fxGet(() -> ((TextInputControl) robot.from(editor().getScene().getRoot()).lookup("#regexField").query()).getText())).isEqualTo("pre[cç]o");
        click("#saveButton");
        await(() -> text("#message").equals("Saved."));
        assertThat(f.count("SELECT COUNT(*) FROM automations WHERE name = 'Prices' AND status = 'active'")).isEqualTo(1);

        Stage list = window("Automations");
        await(() -> fxGet(() -> ((TableView<?>) robot.from(list.getScene().getRoot()).lookup("#table").query()).getItems().size()) == 1);
        // the row's cells are laid out on a later pulse than the items arrive
        await(() -> fxGet(() -> robot.from(list.getScene().getRoot()).lookup(".table-cell .check-box").tryQuery().isPresent()));
        // found and switched in one FX turn: the list re-reads itself every few seconds and may re-lay its cells between turns
        fxGet(() -> {
            ((CheckBox) robot.from(list.getScene().getRoot()).lookup(".table-cell .check-box").query()).fire();
            return null;
        });
        await(() -> f.count("SELECT COUNT(*) FROM automations WHERE status = 'inactive'") == 1);
        await(() -> fxGet(() -> ((Labeled) robot.from(list.getScene().getRoot()).lookup("#message").query()).getText()).equals("Prices is inactive."));
    }

    private Stage editor() {
        return window("New automation") != null ? window("New automation") : window("Automation — ");
    }

    private void type(String query, String text) throws Exception {
        fxGet(() -> {
            TextInputControl field = (TextInputControl) robot.from(editor().getScene().getRoot()).lookup(query).query();
            field.requestFocus();
            field.setText(text);
            return null;
        });
    }

    private void click(String query) throws Exception {
        fxGet(() -> {
            ((javafx.scene.control.ButtonBase) robot.from(editor().getScene().getRoot()).lookup(query).query()).fire();
            return null;
        });
    }

    private String text(String query) {
        return fxGet(() -> {
            Node n = robot.from(editor().getScene().getRoot()).lookup(query).query();
            return n instanceof TextInputControl t ? t.getText() : ((Labeled) n).getText();
        });
    }

    private Stage window(String titlePrefix) {
        return fxGet(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof Stage s && s.isShowing() && s.getTitle() != null && s.getTitle().startsWith(titlePrefix)) {
                    return s;
                }
            }
            return null;
        });
    }

    private static <T> T fxGet(Callable<T> work) {
        try {
            if (Platform.isFxApplicationThread()) {
                return work.call();
            }
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }
}
