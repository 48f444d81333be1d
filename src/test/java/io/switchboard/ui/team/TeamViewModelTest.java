package io.switchboard.ui.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.ConversationScope.Assignee;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.conversation.ScopeCounts;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications.Kind;
import io.switchboard.delivery.OutboxService;
import io.switchboard.team.AgentView;
import io.switchboard.team.AssignmentRules;
import io.switchboard.team.TeamServices;
import io.switchboard.template.TemplateService;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.inbox.ConversationListViewModel;
import io.switchboard.ui.thread.ThreadItem;
import io.switchboard.ui.thread.ThreadViewModel;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The team inbox's view models on the embedded database, without a display: every result lands at once. */
class TeamViewModelTest {
    private Database db;
    private InboxFixtures fx;
    private UUID tenant;
    private UUID bo;
    private String boLogin;
    private InboxSession session;
    private ConversationListViewModel list;
    private ThreadViewModel thread;
    private TeamViewModel team;
    private TeamServices services;
    private final List<String> reports = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        tenant = fx.tenant("Acme");
        boLogin = "bo_" + UUID.randomUUID().toString().substring(0, 6);
        bo = db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH a AS (INSERT INTO agents (login, display_name, last_seen_at) VALUES (?, 'Bo Berg', NOW()) RETURNING id)
                    INSERT INTO agent_tenants (agent_id, tenant_id, role) SELECT id, ?, 'agent' FROM a RETURNING agent_id""")) {
                ps.setString(1, boLogin);
                ps.setObject(2, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
        session = new InboxSession(new ImmediateExecutor(), Instant::now);
        session.onStatus(reports::add);
        ConversationService conversations = new ConversationService(db);
        list = new ConversationListViewModel(conversations, session);
        thread = new ThreadViewModel(conversations, new OutboxService(db), new TemplateService(db), session, () -> { });
        services = new TeamServices(db, "Pat Owner");
        team = new TeamViewModel(services, conversations, session, list, thread);
        list.follow(thread::conversation, thread::show, first -> { });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void open() {
        session.tenantProperty().set(new TenantService(db).get(tenant));
        list.reload();
    }

    @Test
    void mineUnassignedAndAllNarrowTheListAndCountUnderTheStatusFilter() {
        UUID anna = fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "hello");
        UUID ben = fx.customerWrites(tenant, "+4915100000002", "Ben Okafor", "hi");
        open();
        assertThat(team.meProperty().get().displayName()).isEqualTo("Pat Owner");
        assertThat(team.managesProperty().get()).as("the owner is an admin").isTrue();
        assertThat(team.scopeBar().countsProperty().get()).isEqualTo(new ScopeCounts(0, 2, 2));
        assertThat(team.scopeBar().chipText(Assignee.UNASSIGNED)).isEqualTo("Unassigned 2");

        list.select(list.rows().stream().map(ConversationSummary::id).toList().indexOf(anna));
        assertThat(team.header().assigneeTextProperty().get()).isEqualTo("Unassigned");
        team.header().assignToMe();
        assertThat(team.header().assigneeTextProperty().get()).isEqualTo("Assigned to you");
        assertThat(team.header().mineProperty().get()).isTrue();
        assertThat(team.scopeBar().countsProperty().get()).isEqualTo(new ScopeCounts(1, 1, 2));

        team.scopeBar().assigneeProperty().set(Assignee.MINE);
        assertThat(list.rows()).extracting(ConversationSummary::title).containsExactly("Anna Berg");
        team.scopeBar().assigneeProperty().set(Assignee.UNASSIGNED);
        assertThat(list.rows()).extracting(ConversationSummary::title).containsExactly("Ben Okafor");

        // Someone else assigns Ben to Bo; the notification refreshes the counts.
        services.assignment().assign(tenant, ben, bo);
        team.changed(EnumSet.of(Kind.CONVERSATIONS));
        list.refreshTop();
        assertThat(team.scopeBar().countsProperty().get()).isEqualTo(new ScopeCounts(1, 0, 2));
        assertThat(list.rows()).isEmpty();
        team.header().assignTo(team.header().assignable().stream().filter(a -> a.displayName().equals("Bo Berg")).findFirst().orElseThrow());
        assertThat(team.header().assigneeTextProperty().get()).isEqualTo("Assigned to Bo Berg");
        team.header().unassign();
        assertThat(team.scopeBar().countsProperty().get()).isEqualTo(new ScopeCounts(0, 1, 2));
    }

    @Test
    void labelsOnTheOpenConversationAndTheListsLabelFilter() {
        UUID anna = fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "hello");
        fx.customerWrites(tenant, "+4915100000002", "Ben Okafor", "hi");
        var vip = services.labels().create(tenant, "VIP", "#ff8800");
        open();
        assertThat(team.header().tenantLabels()).extracting(io.switchboard.team.Label::name).containsExactly("VIP");
        list.select(list.rows().stream().map(ConversationSummary::id).toList().indexOf(anna));
        team.header().toggleLabel(vip);
        assertThat(team.header().applied()).extracting(io.switchboard.team.Label::name).containsExactly("VIP");
        team.scopeBar().labelProperty().set(vip);
        assertThat(list.rows()).extracting(ConversationSummary::title).containsExactly("Anna Berg");
        assertThat(team.scopeBar().countsProperty().get().all()).isEqualTo(1);
        team.header().toggleLabel(vip);
        assertThat(team.header().applied()).isEmpty();

        // Another tenant has other labels: the choice goes, and its list is not narrowed to a label it cannot have.
        UUID globex = fx.tenant("Globex");
        fx.customerWrites(globex, "+4915100000009", "Gus Grant", "hi");
        session.tenantProperty().set(new TenantService(db).get(globex));
        list.reload();
        assertThat(team.scopeBar().labelProperty().get()).isNull();
        assertThat(list.scopeProperty().get().labelId()).isNull();
        assertThat(list.rows()).extracting(ConversationSummary::title).containsExactly("Gus Grant");
    }

    @Test
    void notesShowAmongTheMessagesAndAtCompletesAnAgent() {
        fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "Where is my parcel?");
        open();
        list.select(0);
        NotesViewModel notes = team.notes();
        notes.draftProperty().set("ask @b");
        notes.typed("ask @b", 6);
        assertThat(notes.suggestions()).extracting(AgentView::displayName).containsExactly("Bo Berg");
        int caret = notes.complete(notes.suggestions().get(0));
        assertThat(notes.draftProperty().get()).isEqualTo("ask @" + boLogin + " ");
        assertThat(caret).isEqualTo(notes.draftProperty().get().length());
        notes.typed("mail me@example.com", 19);
        assertThat(notes.suggestions()).as("an e-mail address mentions nobody").isEmpty();
        notes.draftProperty().set("ask @" + boLogin + " about the courier");
        notes.add();
        assertThat(notes.draftProperty().get()).isEmpty();
        assertThat(thread.rows()).filteredOn(r -> r instanceof ThreadItem.Note).extracting(r -> ((ThreadItem.Note) r).body())
                .containsExactly("ask @" + boLogin + " about the courier");
        assertThat(thread.rows().get(thread.rows().size() - 1)).as("the newest row").isInstanceOf(ThreadItem.Note.class);
        notes.draftProperty().set(" ".repeat(3));
        notes.add();
        assertThat(thread.rows()).filteredOn(r -> r instanceof ThreadItem.Note).hasSize(1);
    }

    @Test
    void slashOffersCannedRepliesAndTabFillsInTheOpenConversationsVariables() {
        fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "hello");
        services.cannedReplies().save(tenant, null, "greet", "Hi {{contact.name|there}}, {{agent.name}} from {{tenant.name}} here.");
        services.cannedReplies().save(tenant, null, "bye", "Bye!");
        open();
        list.select(0);
        CannedCompletionViewModel canned = team.canned();
        thread.draftProperty().set("/g");
        canned.typed("/g", 2);
        assertThat(canned.suggestions()).extracting(r -> r.shortcut()).containsExactly("greet");
        canned.typed("see /", 5);
        assertThat(canned.suggestions()).extracting(r -> r.shortcut()).containsExactly("bye", "greet");
        canned.move(1);
        assertThat(canned.highlightedProperty().get()).isEqualTo(1);
        thread.draftProperty().set("Hello! /gre");
        canned.typed("Hello! /gre", 11);
        int caret = canned.accept();
        assertThat(thread.draftProperty().get()).isEqualTo("Hello! Hi Anna Berg, Pat Owner from Acme here.");
        assertThat(caret).isEqualTo(thread.draftProperty().get().length());
        assertThat(canned.showing()).isFalse();
        canned.typed("http://x/y", 10);
        assertThat(canned.showing()).as("a slash inside a word is no shortcut").isFalse();
    }

    @Test
    void anotherAgentTypingShowsOnTheRowAndWarnsBeforeSending() {
        UUID anna = fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "hello");
        open();
        list.select(0);
        PresenceViewModel presence = team.presence();
        presence.tick();
        assertThat(presence.onlineProperty().get()).isEqualTo("Online: Bo Berg, Pat Owner");
        assertThat(presence.warningBeforeSend()).isEmpty();
        db.inJdbcTransaction(c -> c.createStatement().executeUpdate(
                "INSERT INTO conversation_typing (tenant_id, conversation_id, agent_id) VALUES ('" + tenant + "', '" + anna + "', '" + bo + "')"));
        long version = presence.activityVersionProperty().get();
        team.changed(EnumSet.of(Kind.PRESENCE));
        assertThat(presence.activityVersionProperty().get()).isGreaterThan(version);
        assertThat(presence.hintFor(anna)).isEqualTo("Bo Berg is typing…");
        assertThat(presence.warningBeforeSend()).get().asString().isEqualTo("Bo Berg is typing a reply to Anna Berg right now. Send yours anyway?");

        // The owner types: the others hear it, at most every few seconds.
        thread.draftProperty().set("O");
        thread.draftProperty().set("On");
        assertThat(count("SELECT count(*) FROM conversation_typing t JOIN agents a ON a.id = t.agent_id WHERE a.login = session_user")).isEqualTo(1);

        services.notes().add(tenant, anna, "note for @" + boLogin);
        team.changed(EnumSet.of(Kind.NOTES));
        assertThat(presence.unreadMentionsProperty().get()).as("Pat is not mentioned").isZero();
        services.notes().add(tenant, anna, "note for @" + db.target().user());
        presence.reloadMentions();
        assertThat(presence.unreadMentionsProperty().get()).isEqualTo(1);
    }

    @Test
    void theSettingsWindowKeepsRepliesLabelsAndRulesAndSaysWhatIsWrong() {
        open();
        TeamSettingsViewModel settings = team.settings();
        settings.load();
        settings.shortcutProperty().set("Hello World");
        settings.bodyProperty().set("Hi {{contact.name}}");
        assertThat(settings.previewProperty().get()).isEqualTo("Hi Anna Berg");
        settings.saveReply();
        assertThat(settings.messageProperty().get()).startsWith("shortcut:");
        assertThat(settings.bodyProperty().get()).as("what was typed stays").isEqualTo("Hi {{contact.name}}");
        settings.shortcutProperty().set("hello");
        settings.saveReply();
        assertThat(settings.replies()).extracting(r -> r.shortcut()).containsExactly("hello");
        assertThat(settings.replyProperty().get().shortcut()).isEqualTo("hello");

        settings.labelNameProperty().set("Billing");
        settings.labelColorProperty().set("#123456");
        settings.saveLabel();
        assertThat(settings.labels()).extracting(io.switchboard.team.Label::name).containsExactly("Billing");

        settings.modeProperty().set(AssignmentRules.Mode.ROUND_ROBIN);
        settings.capProperty().set("many");
        settings.saveRules();
        assertThat(settings.messageProperty().get()).contains("max open per agent");
        settings.capProperty().set("5");
        settings.saveRules();
        assertThat(services.autoAssignment().rules(tenant)).isEqualTo(new AssignmentRules(AssignmentRules.Mode.ROUND_ROBIN, 5));
    }

    private long count(String sql) {
        return db.inJdbcTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
