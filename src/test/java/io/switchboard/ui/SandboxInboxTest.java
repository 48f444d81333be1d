package io.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.app.Workers;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole loop with nothing simulated but the customer: the window's own workers (receiver,
 * poller, sender) and the sandbox Cloud API over real HTTP. A sandbox customer writes, the agent
 * answers, and the tick walks from the clock to read as the sandbox's status webhooks come back.
 */
class SandboxInboxTest {
    private final FxRobot robot = new FxRobot();
    private Database db;
    private Workers workers;
    private DesktopApp app;
    private Preferences prefs;
    private Path home;

    @AfterEach
    void tearDown() throws Exception {
        if (workers != null) {
            workers.close();
        }
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (prefs != null) {
            prefs.removeNode();
        }
    }

    @Test
    void aSandboxCustomerWritesTheAgentAnswersAndTheTickReachesRead() throws Exception {
        db = TestDatabase.open();
        home = Files.createTempDirectory("switchboard-sandbox-ui");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Settings settings = Settings.load(Map.of("SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_SECRET_KEY", Base64.getEncoder().encodeToString(key)),
                home, "Linux", home.toString());
        workers = Workers.desktop(db, settings);
        prefs = Preferences.userRoot().node("switchboard-test-" + UUID.randomUUID());
        prefs.put("theme", "LIGHT");
        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(
                () -> new Services(new DatabaseStartup.Running(db, Optional.empty())).withSecrets(new SecretBox(key)), prefs));

        ConversationSummary first = await(() -> rows().isEmpty() ? null : rows().get(0), 20);
        Node cell = await(() -> robot.lookup(".conversation-list .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() instanceof ConversationSummary s && s.id().equals(first.id())).findFirst().orElse(null), 10);
        robot.clickOn(cell);
        await(() -> robot.lookup(".thread-list .bubble").queryAll().size() > 0 ? true : null, 10);

        String reply = "Thanks for writing! Let me check that for you.";
        robot.clickOn("#input").write(reply).type(KeyCode.ENTER);
        List<String> seen = new ArrayList<>();
        await(() -> {
            String tick = tickOf(reply);
            if (tick != null && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(tick))) {
                seen.add(tick);
            }
            return "read".equals(tick) ? true : null;
        }, 30);
        assertThat(seen.get(0)).as("shown at once as queued: " + seen).isEqualTo("queued");
        assertThat(seen).as("statuses only move forward").isSubsetOf("queued", "sent", "delivered", "read").last().isEqualTo("read");
        assertThat(seen).doesNotContain("failed");
    }

    @SuppressWarnings("unchecked")
    private List<ConversationSummary> rows() throws Exception {
        return fx(() -> List.copyOf(((ListView<ConversationSummary>) robot.lookup(".conversation-list").query()).getItems()));
    }

    private String tickOf(String text) {
        for (Node bubble : robot.lookup(".thread-list .bubble").queryAll()) {
            boolean match = robot.from(bubble).lookup(".bubble-text").queryAll().stream().anyMatch(n -> text.equals(((Label) n).getText()));
            if (match) {
                return robot.from(bubble).lookup((java.util.function.Predicate<Node>) n -> n.getId() != null && n.getId().startsWith("tick-"))
                        .tryQuery().map(n -> n.getId().substring(5)).orElse(null);
            }
        }
        return null;
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(Callable<T> condition, int seconds) throws Exception {
        Object[] last = new Object[1];
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
            Object v = fx(() -> {
                try {
                    return condition.call();
                } catch (RuntimeException e) {
                    return null;
                }
            });
            last[0] = v;
            return v != null;
        });
        return (T) last[0];
    }
}
