package io.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.inbox.ConversationListViewModel;
import io.switchboard.ui.inbox.InboxViewModel;
import io.switchboard.ui.thread.ThreadItem;
import io.switchboard.ui.thread.ThreadViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The window as an agent uses it, headless, against a real database: TestFX clicks and types. */
class InboxWindowTest {
    private static final LocalDateTime NOW = LocalDateTime.now(ZoneOffset.UTC);
    private final FxRobot robot = new FxRobot();
    private Database db;
    private InboxFixtures fx;
    private Preferences prefs;
    private DesktopApp app;
    private UUID acme;
    private UUID globex;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        acme = fx.tenant("Acme");
        globex = fx.tenant("Globex");
        prefs = Preferences.userRoot().node("switchboard-test-" + UUID.randomUUID());
        prefs.put("tenant", acme.toString());
        prefs.put("theme", "LIGHT");
    }

    private void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(() -> new Services(new DatabaseStartup.Running(db, Optional.empty())), prefs));
        await(() -> app.model() != null);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        prefs.removeNode();
    }

    private InboxViewModel model() {
        return app.model();
    }

    @Test
    void anAgentOpensAConversationRepliesAndWatchesTheTickMove() throws Exception {
        UUID cv = conversation(acme, "+4915100000001", "Anna Berg", "Where is my parcel?", NOW.minusMinutes(5));
        launch();
        awaitRows(1);
        robot.clickOn(cell("Anna Berg"));
        await(() -> bubbleTexts().contains("Where is my parcel?"));
        assertThat(fxGet(() -> robot.lookup("#input").query().isFocused())).as("opening a conversation puts the cursor in the composer").isTrue();

        robot.write("It left our warehouse this morning.").type(KeyCode.ENTER);
        await(() -> bubbleTexts().contains("It left our warehouse this morning."));
        assertThat(fxGet(() -> tickOf("It left our warehouse this morning."))).isEqualTo("queued");
        assertThat(fxGet(() -> ((TextArea) robot.lookup("#input").query()).getText())).isEmpty();

        UUID queued = await(() -> outboundId(cv, "It left our warehouse this morning."));
        for (String status : List.of("sent", "delivered", "read")) {
            fx.setStatus(queued, status);
            await(() -> status.equals(tickOf("It left our warehouse this morning.")));
        }
        assertThat(await(() -> rows().get(0).unread() == 0 ? rows().get(0) : null).title()).isEqualTo("Anna Berg");

        // Typing while the list has the focus goes to the composer, not nowhere.
        robot.interact(() -> robot.lookup(".conversation-list").query().requestFocus());
        robot.write("Anything else?");
        assertThat(fxGet(() -> ((TextArea) robot.lookup("#input").query()).getText())).isEqualTo("Anything else?");
        assertThat(fxGet(() -> robot.lookup("#input").query().isFocused())).isTrue();
    }

    @Test
    void aCustomerWritesAndTheConversationRisesToTheTopWithAnUnreadBadge() throws Exception {
        conversation(acme, "+4915100000001", "Anna Berg", "hello", NOW.minusMinutes(10));
        conversation(acme, "+4915100000002", "Ben Okafor", "thanks", NOW.minusHours(3));
        conversation(acme, "+4915100000003", "Carla García", "ok", NOW.minusHours(2));
        fx.markReadAt(firstConversation(acme, "+4915100000002"), NOW);
        launch();
        awaitRows(3);
        assertThat(rows()).extracting(ConversationSummary::title).containsExactly("Anna Berg", "Carla García", "Ben Okafor");

        fx.customerWrites(acme, "+4915100000002", null, "Is the blue one back in stock?");
        await(() -> rows().get(0).title().equals("Ben Okafor") && rows().get(0).unread() == 1);
        await(() -> "1".equals(badgeOf("Ben Okafor")));
        assertThat(fxGet(() -> previewOf("Ben Okafor"))).isEqualTo("Is the blue one back in stock?");
        await(() -> ((Stage) robot.window(0)).getTitle().startsWith("(3) Acme"));
    }

    @Test
    void outsideTheTwentyFourHourWindowTheComposerOffersTemplatesOnly() throws Exception {
        conversation(acme, "+4915100000001", "Anna Berg", "old question", NOW.minusDays(2));
        fx.approvedTemplate(acme, "follow_up", null, "Hello {{1}}, can we still help with {{2}}?", null);
        launch();
        awaitRows(1);
        assertThat(fxGet(() -> windowBadgeOf("Anna Berg"))).isEqualTo("template only");
        robot.clickOn(cell("Anna Berg"));
        await(() -> robot.lookup("#windowNotice").query().isVisible());
        assertThat(fxGet(() -> robot.lookup("#input").query().isDisabled())).isTrue();
        assertThat(fxGet(() -> robot.lookup("#sendButton").query().isDisabled())).isTrue();
        assertThat(fxGet(() -> ((Label) robot.lookup("#windowNoticeText").query()).getText())).contains("24 hours").contains("template");

        robot.clickOn("#noticeTemplateButton");
        await(() -> robot.lookup("#param-1").tryQuery().isPresent());
        assertThat(fxGet(() -> robot.lookup("#sendTemplateButton").query().isDisabled())).as("send stays off until every parameter is filled").isTrue();
        robot.clickOn("#param-1").write("Anna");
        robot.clickOn("#param-2").write("your refund");
        await(() -> previewText().equals("Hello Anna, can we still help with your refund?"));
        robot.clickOn("#sendTemplateButton");
        await(() -> bubbleTexts().contains("Hello Anna, can we still help with your refund?"));
        assertThat(fxGet(() -> tickOf("Hello Anna, can we still help with your refund?"))).isEqualTo("queued");
    }

    @Test
    void aCsvImportWithBadLinesImportsTheGoodOnesAndListsTheBadOnesByLine() throws Exception {
        Path csv = Files.createTempFile("contacts", ".csv");
        Files.writeString(csv, """
                phone,name,external_ref,city
                +4915100000011,Dora,D-1,Berlin
                12,Too Short,,
                +4915100000012,Emil,,Hamburg
                +4915100000011,Dora Again,,
                """);
        launch();
        robot.clickOn("#contactsButton");
        await(() -> model().contactsWindowProperty().get() != null);
        robot.interact(() -> model().contactsWindowProperty().get().importFile(csv));
        await(() -> robot.lookup(".import-errors").queryAs(ListView.class).getItems().size() == 2);
        String summary = fxGet(() -> ((Label) robot.lookup("#importSummary").query()).getText());
        assertThat(summary).startsWith("Imported 2 of 4 rows (2 new, 0 updated); 2 lines were not imported");
        List<String> errors = fxGet(() -> robot.lookup(".import-errors").queryAs(ListView.class).getItems().stream().map(Object::toString).toList());
        assertThat(errors.get(0)).startsWith("line 3: phone:");
        assertThat(errors.get(1)).startsWith("line 5: phone:").contains("line 2");
        await(() -> robot.lookup("#table").queryAs(javafx.scene.control.TableView.class).getItems().size() == 2);
        Files.delete(csv);
    }

    @Test
    void contactValidationErrorsNameTheFieldAndKeepTheDialogOpen() throws Exception {
        conversation(acme, "+4915100000001", "Anna Berg", "hello", NOW.minusMinutes(10));
        launch();
        robot.clickOn("#contactsButton");
        await(() -> model().contactsWindowProperty().get() != null);
        robot.clickOn("#addButton");
        await(() -> robot.lookup("#editorPhone").tryQuery().isPresent());
        robot.clickOn("#editorName").write("Someone");
        robot.clickOn("#editorPhone").write("12ab");
        robot.clickOn("#editorSave");
        await(() -> errorText().startsWith("phone:"));
        assertThat(fxGet(() -> robot.lookup("#editorPhone").query().getStyleClass().contains("invalid"))).isTrue();

        robot.doubleClickOn("#editorPhone").eraseText(4).write("+49 151 00000001");
        robot.clickOn("#editorSave");
        await(() -> errorText().contains("already a contact"));
        assertThat(errorText()).startsWith("phone:");

        TextField phone = robot.lookup("#editorPhone").queryAs(TextField.class);
        robot.interact(() -> phone.setText("+4915100000077"));
        TextField name = robot.lookup("#editorName").queryAs(TextField.class);
        robot.interact(() -> name.setText("x".repeat(151)));
        robot.clickOn("#editorSave");
        await(() -> errorText().startsWith("name:") && errorText().contains("150"));
    }

    @Test
    void switchingTenantsShowsOnlyThatTenantsConversations() throws Exception {
        conversation(acme, "+4915100000001", "Anna Berg", "acme question", NOW.minusMinutes(10));
        conversation(acme, "+4915100000002", "Ben Okafor", "acme thanks", NOW.minusMinutes(20));
        conversation(globex, "+4915100000001", "Greta Lindqvist", "globex hello", NOW.minusMinutes(5));
        launch();
        awaitRows(2);
        assertThat(rows()).extracting(ConversationSummary::title).containsExactly("Anna Berg", "Ben Okafor");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        await(() -> rows().size() == 1 && rows().get(0).title().equals("Greta Lindqvist"));
        assertThat(fxGet(() -> ((Stage) robot.window(0)).getTitle())).contains("Globex");
        robot.clickOn(cell("Greta Lindqvist"));
        await(() -> bubbleTexts().contains("globex hello"));
        assertThat(bubbleTexts()).doesNotContain("acme question", "acme thanks");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        await(() -> rows().size() == 2 && rows().get(0).title().equals("Anna Berg"));
        assertThat(fxGet(() -> robot.lookup("#emptyState").query().isVisible())).as("the other tenant's thread is closed").isTrue();
    }

    @Test
    void scrollingToTheTopOfAThreadLoadsOlderMessages() throws Exception {
        UUID cv = conversation(acme, "+4915100000001", "Anna Berg", "message 0", NOW.minusHours(3));
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content_type, content, status, created_at)
                    SELECT cv.tenant_id, cv.id, cv.contact_id, CASE WHEN g % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'text', 'text',
                           'message ' || g, CASE WHEN g % 2 = 0 THEN 'delivered' ELSE 'read' END, ?::timestamp + g * interval '1 minute'
                    FROM conversations cv CROSS JOIN generate_series(1, 129) g WHERE cv.id = ?""")) {
                ps.setObject(1, NOW.minusHours(3));
                ps.setObject(2, cv);
                ps.executeUpdate();
            }
            c.createStatement().executeUpdate("UPDATE conversations SET last_message_at = (SELECT max(created_at) FROM messages WHERE conversation_id = id)");
            return null;
        });
        launch();
        awaitRows(1);
        robot.clickOn(cell("Anna Berg"));
        // The newest page is loaded (rows, not rendered cells: on a loaded machine the first layout may lag).
        await(() -> bubbleCount() == ThreadViewModel.PAGE && newestBubble().equals("message 129"));
        // The reader keeps scrolling up, as a person does: a scroll that lands while a page is still settling
        // may be spent, the next one at the top loads the older page.
        for (int loaded : new int[] {100, 130}) {
            await(() -> {
                robot.lookup("#messages").queryAs(ListView.class).scrollTo(0);
                return bubbleCount() == loaded;
            });
        }
        await(() -> {
            robot.lookup("#messages").queryAs(ListView.class).scrollTo(0);
            return bubbleTexts().contains("message 0");
        });
    }

    @Test
    void ctrlKSearchesMessageTextAndEscapeClearsIt() throws Exception {
        conversation(acme, "+4915100000001", "Anna Berg", "where is my refund?", NOW.minusMinutes(10));
        conversation(acme, "+4915100000002", "Ben Okafor", "hello there", NOW.minusMinutes(20));
        launch();
        awaitRows(2);
        robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
        await(() -> robot.lookup("#search").query().isFocused());
        robot.write("refund");
        await(() -> rows().size() == 1 && rows().get(0).title().equals("Anna Berg"));
        robot.type(KeyCode.ESCAPE);
        await(() -> rows().size() == 2);
    }

    @Test
    void theListLoadsMoreAsTheAgentScrollsAndAltDownWalksThroughIt() throws Exception {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH ct AS (INSERT INTO contacts (tenant_id, phone, name)
                                SELECT ?, '+49151' || lpad(g::text, 7, '0'), 'Customer ' || lpad(g::text, 3, '0') FROM generate_series(1, 120) g
                                RETURNING id, name)
                    INSERT INTO conversations (tenant_id, contact_id, last_message_at)
                    SELECT ?, id, ?::timestamp - substring(name from 10)::int * interval '1 minute' FROM ct""")) {
                ps.setObject(1, acme);
                ps.setObject(2, acme);
                ps.setObject(3, NOW);
                ps.executeUpdate();
            }
            return null;
        });
        launch();
        awaitRows(ConversationListViewModel.PAGE);
        ListView<?> list = robot.lookup(".conversation-list").queryAs(ListView.class);
        robot.interact(() -> list.scrollTo(ConversationListViewModel.PAGE - 1));
        await(() -> rows().size() == 2 * ConversationListViewModel.PAGE);
        robot.interact(() -> list.scrollTo(2 * ConversationListViewModel.PAGE - 1));
        await(() -> rows().size() == 120);
        assertThat(rows()).extracting(ConversationSummary::title).doesNotHaveDuplicates().first().isEqualTo("Customer 001");

        robot.interact(() -> list.scrollTo(0));
        robot.clickOn(cell("Customer 001"));
        robot.press(KeyCode.ALT).type(KeyCode.DOWN).type(KeyCode.DOWN).release(KeyCode.ALT);
        await(() -> "Customer 003".equals(((Label) robot.lookup(".thread-title").query()).getText()));
        robot.press(KeyCode.ALT).type(KeyCode.UP).release(KeyCode.ALT);
        await(() -> "Customer 002".equals(((Label) robot.lookup(".thread-title").query()).getText()));
    }

    @Test
    void aLostDatabaseConnectionRecoversByItselfAndLiveUpdatesContinue() throws Exception {
        conversation(acme, "+4915100000001", "Anna Berg", "hello", NOW.minusMinutes(10));
        launch();
        awaitRows(1);
        await(() -> ((Label) robot.lookup("#liveLabel").query()).getText().equals("Live updates on"));
        db.inJdbcTransaction(c -> c.createStatement().execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'switchboard-listener' AND datname = current_database()"));
        await(() -> ((Label) robot.lookup("#statusMessage").query()).getText().startsWith("Reconnected"));
        assertThat(fxGet(() -> robot.lookup("#banner").query().isVisible())).isFalse();
        fx.customerWrites(acme, "+4915100000002", "Ben Okafor", "Are you there?");
        await(() -> rows().size() == 2 && rows().get(0).title().equals("Ben Okafor"));
    }

    private String newestBubble() throws Exception {
        return fxGet(() -> {
            String newest = "";
            for (Object item : robot.lookup("#messages").queryAs(ListView.class).getItems()) {
                if (item instanceof ThreadItem.Bubble b) {
                    newest = b.message().content();
                }
            }
            return newest;
        });
    }

    private long bubbleCount() throws Exception {
        return fxGet(() -> robot.lookup("#messages").queryAs(ListView.class).getItems().stream().filter(i -> i instanceof ThreadItem.Bubble).count());
    }

    // --- helpers -------------------------------------------------------------------------------

    private UUID conversation(UUID tenant, String phone, String name, String text, LocalDateTime at) {
        UUID contact = fx.contact(tenant, phone, name);
        UUID cv = fx.conversation(tenant, contact, "open", null);
        fx.text(tenant, cv, "inbound", text, at);
        return cv;
    }

    private UUID firstConversation(UUID tenant, String phone) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT cv.id FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id WHERE cv.tenant_id = ? AND ct.phone = ?")) {
                ps.setObject(1, tenant);
                ps.setString(2, phone);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    private UUID outboundId(UUID conversation, String text) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM messages WHERE conversation_id = ? AND direction = 'outbound' AND content = ? AND status = 'queued'")) {
                ps.setObject(1, conversation);
                ps.setString(2, text);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getObject(1, UUID.class) : null;
                }
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
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() instanceof ConversationSummary s && s.title().equals(title)).findFirst().orElse(null));
    }

    private Node cellNow(String title) {
        return robot.lookup(".conversation-list .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && c.getItem() instanceof ConversationSummary s && s.title().equals(title)).findFirst().orElseThrow();
    }

    private String badgeOf(String title) {
        return robot.from(cellNow(title)).lookup(".unread-badge").queryAll().stream().filter(Node::isVisible).map(n -> ((Label) n).getText())
                .findFirst().orElse(null);
    }

    private String previewOf(String title) {
        return ((Label) robot.from(cellNow(title)).lookup(".preview").query()).getText();
    }

    private String windowBadgeOf(String title) {
        return ((Label) robot.from(cellNow(title)).lookup("#window-badge").query()).getText();
    }

    private Set<String> bubbleTexts() throws Exception {
        return fxGet(() -> robot.lookup(".thread-list .bubble-text").queryAll().stream().map(n -> ((Label) n).getText())
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** The status of the tick in the bubble that shows {@code text}. */
    private String tickOf(String text) {
        for (Node bubble : robot.lookup(".thread-list .bubble").queryAll()) {
            boolean match = robot.from(bubble).lookup(".bubble-text").queryAll().stream().anyMatch(n -> text.equals(((Label) n).getText()));
            if (match) {
                return robot.from(bubble).lookup((java.util.function.Predicate<Node>) n -> n.getId() != null && n.getId().startsWith("tick-")).tryQuery()
                        .map(n -> n.getId().substring(5)).orElse(null);
            }
        }
        return null;
    }

    private String previewText() throws Exception {
        return fxGet(() -> ((Label) robot.lookup(".template-preview").query()).getText());
    }

    private String errorText() throws Exception {
        return fxGet(() -> robot.lookup(".field-error").queryAll().stream().map(n -> ((Label) n).getText()).filter(t -> t != null && !t.isEmpty())
                .findFirst().orElse(""));
    }

    private static <T> T fxGet(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Polls {@code condition} on the FX thread until it holds (Boolean true or a non-null value), for up to 20 s (a loaded CI machine). */
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
