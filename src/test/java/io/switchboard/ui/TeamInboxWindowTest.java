package io.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.team.TeamServices;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The team inbox as an agent uses it, headless against a real database: assignment filters, live changes, notes, canned replies. */
class TeamInboxWindowTest {
    private final FxRobot robot = new FxRobot();
    private Database db;
    private InboxFixtures fx;
    private Preferences prefs;
    private DesktopApp app;
    private UUID acme;
    private String boLogin;
    private UUID bo;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        acme = fx.tenant("Acme");
        boLogin = "bo_" + UUID.randomUUID().toString().substring(0, 6);
        bo = db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH a AS (INSERT INTO agents (login, display_name, last_seen_at) VALUES (?, 'Bo Berg', NOW()) RETURNING id)
                    INSERT INTO agent_tenants (agent_id, tenant_id, role) SELECT id, ?, 'agent' FROM a RETURNING agent_id""")) {
                ps.setString(1, boLogin);
                ps.setObject(2, acme);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
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

    private void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(() -> new Services(new DatabaseStartup.Running(db, Optional.empty())), prefs));
        await(() -> app.model() != null);
    }

    @Test
    void anAgentTakesAConversationFromUnassignedAndTheFiltersAndCountsFollowLiveChanges() throws Exception {
        UUID anna = fx.customerWrites(acme, "+4915100000001", "Anna Berg", "Where is my parcel?");
        UUID ben = fx.customerWrites(acme, "+4915100000002", "Ben Okafor", "Is it in stock?");
        fx.customerWrites(acme, "+4915100000003", "Carla García", "Thanks!");
        launch();
        awaitRows(3);
        await(() -> chip("#scope-unassigned").equals("Unassigned 3") && chip("#scope-all").equals("All 3") && chip("#scope-mine").equals("Mine 0"));

        robot.clickOn(cell("Anna Berg"));
        await(() -> "Unassigned".equals(assigneeText()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.M).release(KeyCode.M, KeyCode.SHIFT, KeyCode.CONTROL);
        await(() -> "Assigned to you".equals(assigneeText()));
        await(() -> chip("#scope-mine").equals("Mine 1") && chip("#scope-unassigned").equals("Unassigned 2"));

        robot.clickOn("#scope-mine");
        await(() -> rows().size() == 1 && rows().get(0).title().equals("Anna Berg"));

        // Another desktop on the same database gives Ben to Bo: this window hears it.
        new TeamServices(db, "other desktop").assignment().assign(acme, ben, bo);
        robot.press(KeyCode.ALT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.ALT);
        await(() -> rows().size() == 1 && rows().get(0).title().equals("Carla García") && chip("#scope-unassigned").equals("Unassigned 1"));
        robot.clickOn("#scope-all");
        awaitRows(3);
        await(() -> rows().stream().filter(r -> r.title().equals("Ben Okafor")).findFirst().map(r -> "Bo Berg".equals(r.assignedAgentName())).orElse(false));
        await(() -> robot.lookup(".conversation-list .assignee-hint").queryAll().stream().anyMatch(n -> "→ Bo Berg".equals(((Label) n).getText())));

        // Unassign with the keyboard: back in Unassigned.
        robot.clickOn(cell("Anna Berg"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.U).release(KeyCode.U, KeyCode.SHIFT, KeyCode.CONTROL);
        await(() -> "Unassigned".equals(assigneeText()) && chip("#scope-unassigned").equals("Unassigned 2"));
        assertThat(assignee(anna)).isNull();
    }

    @Test
    void aPrivateNoteMentionsATeammateAndACannedReplyIsCompletedFromSlash() throws Exception {
        UUID anna = fx.customerWrites(acme, "+4915100000001", "Anna Berg", "Where is my parcel?");
        new TeamServices(db, "x").cannedReplies().save(acme, null, "greet", "Hi {{contact.name|there}}, thanks for writing to {{tenant.name}}!");
        new TeamServices(db, "x").cannedReplies().save(acme, null, "refund", "Your refund is on its way.");
        launch();
        awaitRows(1);
        robot.clickOn(cell("Anna Berg"));
        await(() -> bubbleTexts().contains("Where is my parcel?"));

        robot.clickOn("#note-input");
        robot.write("Courier lost it, ask @b");
        await(() -> robot.lookup("#mention-offers").query().isVisible());
        robot.type(KeyCode.TAB);
        await(() -> ((TextField) robot.lookup("#note-input").query()).getText().equals("Courier lost it, ask @" + boLogin + " "));
        robot.write("to refund").type(KeyCode.ENTER);
        await(() -> robot.lookup(".note-bubble .note-text").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().equals("Courier lost it, ask @" + boLogin + " to refund")));
        assertThat(count("SELECT count(*) FROM note_mentions m JOIN agents a ON a.id = m.agent_id WHERE a.login = '" + boLogin + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM messages WHERE direction = 'outbound'")).as("a note is never a message").isZero();

        robot.clickOn("#input");
        robot.write("/re");
        await(() -> robot.lookup("#canned-offers").query().isVisible());
        assertThat(fxGet(() -> robot.lookup("#canned-offers .completion-key").queryAll().stream().map(n -> ((Label) n).getText()).toList()))
                .as("shortcuts that start with it first, then those that contain it").containsExactly("/refund", "/greet");
        robot.type(KeyCode.BACK_SPACE, 2);
        robot.write("g");
        await(() -> robot.lookup("#canned-offers .completion-key").queryAll().stream().map(n -> ((Label) n).getText()).toList().equals(List.of("/greet")));
        robot.type(KeyCode.TAB);
        await(() -> ((TextArea) robot.lookup("#input").query()).getText().equals("Hi Anna Berg, thanks for writing to Acme!"));
        assertThat(fxGet(() -> robot.lookup("#canned-offers").query().isVisible())).isFalse();
        robot.type(KeyCode.ENTER);
        await(() -> bubbleTexts().contains("Hi Anna Berg, thanks for writing to Acme!"));
        await(() -> robot.lookup(".thread-list .bubble-author").queryAll().stream().anyMatch(n -> !((Label) n).getText().isBlank()));
        assertThat(count("SELECT count(*) FROM messages WHERE direction = 'outbound' AND sent_by_agent_id IS NOT NULL AND conversation_id = '" + anna + "'"))
                .isEqualTo(1);
    }

    @Test
    void aSupervisorAddsACannedReplyInTeamSettingsAndSendingWhereSomeoneIsTypingAsksFirst() throws Exception {
        UUID anna = fx.customerWrites(acme, "+4915100000001", "Anna Berg", "Where is my parcel?");
        launch();
        awaitRows(1);
        robot.clickOn("#team-button");
        robot.clickOn("Canned replies…");
        await(() -> robot.lookup("#shortcutField").tryQuery().isPresent());
        robot.clickOn("#shortcutField").write("Thanks Now");
        robot.clickOn("#bodyField").write("Thank you {{contact.name}}!");
        robot.clickOn("#saveReplyButton");
        await(() -> ((Label) robot.lookup("#message").query()).getText().startsWith("shortcut:"));
        robot.doubleClickOn("#shortcutField").eraseText(10).write("thanks");
        robot.clickOn("#saveReplyButton");
        await(() -> ((Label) robot.lookup("#message").query()).getText().equals("Saved /thanks"));
        robot.interact(() -> ((javafx.stage.Stage) robot.lookup("#shortcutField").query().getScene().getWindow()).close());

        // Bo is typing in Anna's conversation (a row dated ahead, so it stays fresh for the test).
        db.inJdbcTransaction(c -> c.createStatement().executeUpdate("INSERT INTO conversation_typing (tenant_id, conversation_id, agent_id, typed_at)"
                + " VALUES ('" + acme + "', '" + anna + "', '" + bo + "', NOW() + interval '1 minute')"));
        robot.clickOn(cell("Anna Berg"));
        await(() -> robot.lookup(".conversation-list .activity-hint").queryAll().stream().anyMatch(n -> "Bo Berg is typing…".equals(((Label) n).getText())));
        robot.interact(() -> {
            TextArea input = (TextArea) robot.lookup("#input").query();
            input.requestFocus();
            input.setText("/tha");
            input.positionCaret(4);
        });
        await(() -> robot.lookup("#canned-offers .completion-key").queryAll().stream().map(n -> ((Label) n).getText()).toList().equals(List.of("/thanks")));
        robot.type(KeyCode.ENTER);
        await(() -> ((TextArea) robot.lookup("#input").query()).getText().equals("Thank you Anna Berg!"));
        robot.type(KeyCode.ENTER);
        await(() -> robot.lookup("Send anyway").tryQuery().isPresent());
        robot.clickOn("Cancel");
        assertThat(fxGet(() -> ((TextArea) robot.lookup("#input").query()).getText())).as("cancelled: the reply stays").isEqualTo("Thank you Anna Berg!");
        assertThat(count("SELECT count(*) FROM messages WHERE direction = 'outbound'")).isZero();
        robot.clickOn("#input").type(KeyCode.ENTER);
        robot.clickOn("Send anyway");
        await(() -> bubbleTexts().contains("Thank you Anna Berg!"));
        assertThat(count("SELECT count(*) FROM messages WHERE direction = 'outbound'")).isEqualTo(1);
    }

    private String chip(String id) {
        return ((ToggleButton) robot.lookup(id).query()).getText();
    }

    private String assigneeText() {
        return ((MenuButton) robot.lookup("#assignee-button").query()).getText();
    }

    private UUID assignee(UUID conversation) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT assigned_agent_id FROM conversations WHERE id = ?")) {
                ps.setObject(1, conversation);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    private long count(String sql) {
        return db.inJdbcTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private List<ConversationSummary> rows() throws Exception {
        return fxGet(() -> List.copyOf(((ListView<ConversationSummary>) robot.lookup(".conversation-list").query()).getItems()));
    }

    private void awaitRows(int n) throws Exception {
        await(() -> rows().size() == n);
    }

    private Node cell(String title) throws Exception {
        return await(() -> robot.lookup(".conversation-list .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() instanceof ConversationSummary s && s.title().equals(title))
                .findFirst().orElse(null));
    }

    private java.util.Set<String> bubbleTexts() throws Exception {
        return fxGet(() -> robot.lookup(".thread-list .bubble-text").queryAll().stream().map(n -> ((Label) n).getText())
                .collect(java.util.stream.Collectors.toSet()));
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
