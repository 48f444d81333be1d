package io.switchboard.ui.templates;

import io.switchboard.ui.DesktopApp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.delivery.OutboundFixture;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An admin writes a template in the editor, submits it, and watches it turn from pending to approved in the
 * Templates window by itself: sandbox review → signed webhook → receiver → poller → NOTIFY → the open window.
 */
class TemplatesWindowTest {
    private final FxRobot robot = new FxRobot();
    private final OutboundFixture f = new OutboundFixture();
    private WebhookReceiver receiver;
    private EventPoller poller;
    private Preferences prefs;
    private DesktopApp app;

    @BeforeEach
    void setUp() throws Exception {
        WhatsAppAccountService accounts = new WhatsAppAccountService(f.db, f.secrets);
        receiver = new WebhookReceiver(f.db, new AccountCache(accounts), 0);
        poller = new EventPoller(f.db, 1, 50).idleWait(Duration.ofMillis(20));
        receiver.onStored(poller::wake);
        receiver.start();
        poller.start();
        f.sandbox.register(new SandboxNumber(OutboundFixture.PHONE_NUMBER_ID, "+15550109999", "Test Shop", "waba-1", f.accessToken, f.appSecret,
                URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH)));
        f.sandbox.templateReviewDelay(Duration.ofSeconds(2));
        prefs = Preferences.userRoot().node("switchboard-test-" + UUID.randomUUID());
        prefs.put("tenant", f.tenantId.toString());
        prefs.put("theme", "LIGHT");
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(60_000); // the first window of a JVM on a busy 2-core machine
        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(
                () -> new Services(new DatabaseStartup.Running(f.db, Optional.empty())).withSecrets(f.secrets), prefs));
        await(() -> robot.lookup("#templatesButton").tryQuery().isPresent() && app.model() != null);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        poller.stop(Duration.ofSeconds(2));
        receiver.stop(Duration.ofSeconds(1));
        prefs.removeNode();
        f.close();
    }

    @Test
    void aSubmittedTemplateTurnsApprovedInTheOpenWindowByItself() throws Exception {
        await(() -> window("Outbound test") != null); // the tenant is selected: the window's title names it
        robot.clickOn("#templatesButton");
        await(() -> window("Templates — ") != null);
        javafx.scene.Node newButton = fxGet(() -> robot.from(window("Templates — ").getScene().getRoot()).lookup("#newButton").query());
        robot.clickOn(newButton);
        await(() -> window("New template") != null);

        type("#nameField", "Order Shipped");
        await(() -> text("#nameProblem").contains("lowercase letters, digits and underscores"));
        type("#nameField", "order_shipped");
        type("#bodyArea", "Hi {{1}}, your parcel is on its way.");
        await(() -> text("#examplesProblem").contains("1 expected, 0 given"));
        assertThat(fxGet(() -> robot.from(editor()).lookup("#submitButton").query().isDisabled())).isTrue();
        type("#examplesArea", "Ana");
        await(() -> text("#previewBubble").equals("Hi Ana, your parcel is on its way."));
        await(() -> !robot.from(editor()).lookup("#submitButton").query().isDisabled());
        javafx.scene.Node submit = fxGet(() -> robot.from(editor()).lookup("#submitButton").query());
        robot.clickOn(submit);

        await(() -> window("New template") == null);
        await(() -> "pending".equals(badge()));
        await(() -> "approved".equals(badge()));
        assertThat(f.sandbox.hasTemplate("waba-1", "order_shipped", "en_US")).isTrue();
    }

    /** Types into a field of the editor (Monocle gives key events to the focused window only, so the text is set through the control). */
    private void type(String query, String text) throws Exception {
        fxGet(() -> {
            javafx.scene.control.TextInputControl field = (javafx.scene.control.TextInputControl) robot.from(editor()).lookup(query).query();
            field.requestFocus();
            field.setText(text);
            return null;
        });
    }

    private Stage window(String titlePrefix) {
        for (Window w : Window.getWindows()) {
            if (w instanceof Stage s && s.isShowing() && s.getTitle() != null && s.getTitle().startsWith(titlePrefix)) {
                return s;
            }
        }
        return null;
    }

    private String text(String query) {
        return robot.from(editor()).lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    /** The editor window's root: lookups stay inside it, whatever other windows are open. */
    private javafx.scene.Node editor() {
        return window("New template").getScene().getRoot();
    }

    private String badge() {
        return robot.from(window("Templates — ").getScene().getRoot()).lookup(".template-badge").queryAll().stream().map(n -> ((Label) n).getText()).findFirst().orElse(null);
    }

    private static <T> T fxGet(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            Boolean v = fxGet(() -> {
                try {
                    return condition.call();
                } catch (RuntimeException e) {
                    return false;
                }
            });
            return Boolean.TRUE.equals(v);
        });
    }

}
