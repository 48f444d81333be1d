package io.switchboard.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationScope;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.conversation.ThreadMessage;
import io.switchboard.db.Database;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who sent it, notes and mentions, labels, canned replies and presence, on the embedded database with two agents' own roles. */
class TeamServicesTest {
    private Database db;
    private Database boDesktop;
    private InboxFixtures fx;
    private UUID tenant;
    private TeamServices team;
    private TeamServices bo;
    private String boLogin;
    private UUID cv;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        tenant = fx.tenant("Acme");
        team = new TeamServices(db, "Pat Owner");
        team.agents().me(tenant);
        boDesktop = Agents.desktopOf(db, "bo");
        boLogin = Agents.login(boDesktop);
        Agents.agent(db, tenant, boLogin, "Bo Berg", 0);
        bo = new TeamServices(boDesktop, "unused");
        cv = fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "Where is my parcel?");
    }

    @AfterEach
    void tearDown() {
        boDesktop.close();
        db.close();
    }

    @Test
    void aReplyFromTheComposerRecordsItsAgentAndTheBubbleNamesThem() {
        new OutboxService(db).queue(tenant, cv, OutboundContent.text("It left this morning."));
        new OutboxService(boDesktop).queue(tenant, cv, OutboundContent.text("Tracking: 123"));
        List<ThreadMessage> thread = new ConversationService(db).thread(tenant, cv, null, 10).items();
        assertThat(thread).filteredOn(m -> "It left this morning.".equals(m.content())).extracting(ThreadMessage::sentBy).containsExactly("Pat Owner");
        assertThat(thread).filteredOn(m -> "Tracking: 123".equals(m.content())).extracting(ThreadMessage::sentBy).containsExactly("Bo Berg");
        assertThat(thread).filteredOn(m -> "Where is my parcel?".equals(m.content())).extracting(ThreadMessage::sentBy).containsOnlyNulls();
        // A command-line or campaign send is no agent's.
        db.inJdbcTransaction(c -> c.createStatement().executeUpdate("INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, display_phone,"
                + " access_token_enc, app_secret_enc, verify_token_enc) VALUES ('" + tenant + "', '1065', '+1555', 'x', 'x', 'x')"));
        UUID cli = new OutboxService(db).queueTo(tenant, "+4915100000001", OutboundContent.text("System notice")).messageId();
        assertThat(new ConversationService(db).thread(tenant, cv, null, 10).items()).filteredOn(m -> m.id().equals(cli))
                .extracting(ThreadMessage::sentBy).containsOnlyNulls();
    }

    @Test
    void aNoteMentionsAnAgentWhoFindsItUnreadUntilTheyOpenTheConversation() {
        Note note = team.notes().add(tenant, cv, "  @" + boLogin + " can you check the courier? cc @nobody  ");
        assertThat(note.authorName()).isEqualTo("Pat Owner");
        assertThat(note.body()).startsWith("@" + boLogin);
        assertThat(team.notes().notes(tenant, cv)).extracting(Note::body).containsExactly(note.body());
        assertThat(new ConversationService(db).thread(tenant, cv, null, 10).items()).as("a note is no message")
                .extracting(ThreadMessage::content).doesNotContain(note.body());

        List<Mention> mentions = bo.notes().myMentions(tenant, 20);
        assertThat(mentions).hasSize(1);
        assertThat(mentions.get(0).read()).isFalse();
        assertThat(mentions.get(0).contactTitle()).isEqualTo("Anna Berg");
        assertThat(mentions.get(0).authorName()).isEqualTo("Pat Owner");
        assertThat(team.notes().myMentions(tenant, 20)).as("the author is not mentioned").isEmpty();

        assertThat(bo.notes().markMentionsRead(tenant, cv)).isTrue();
        assertThat(bo.notes().myMentions(tenant, 20)).extracting(Mention::read).containsExactly(true);
        assertThat(bo.notes().markMentionsRead(tenant, cv)).isFalse();

        assertThat(NoteService.mentionedLogins("@ana, @Bo. mail me@example.com @ana")).containsExactly("ana", "bo");
        assertThatThrownBy(() -> team.notes().add(tenant, cv, "   ")).isInstanceOf(ValidationException.class).hasMessageContaining("note");
        UUID other = fx.tenant("Globex");
        assertThatThrownBy(() -> team.notes().add(other, cv, "sneaky")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("no conversation");
        assertThat(team.notes().notes(tenant, cv)).hasSize(1);
    }

    @Test
    void labelsGoOnConversationsFilterTheListAndServeAudiencesAndConditions() {
        Label vip = team.labels().create(tenant, " VIP ", "#FF8800");
        Label billing = team.labels().create(tenant, "Billing", "#3366cc");
        assertThat(vip.name()).isEqualTo("VIP");
        assertThat(vip.color()).isEqualTo("#ff8800");
        assertThatThrownBy(() -> team.labels().create(tenant, "vip", "#000000")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("already has a label called \"vip\"");
        assertThatThrownBy(() -> team.labels().create(tenant, "Red", "red")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("color").hasMessageContaining("#rrggbb");
        UUID other = fx.customerWrites(tenant, "+4915100000002", "Ben Okafor", "hi");
        team.labels().setLabel(tenant, cv, vip.id(), true);
        team.labels().setLabel(tenant, cv, vip.id(), true);
        team.labels().setLabel(tenant, other, billing.id(), true);
        assertThat(team.labels().labelsOf(tenant, cv)).extracting(Label::name).containsExactly("VIP");

        ConversationService conversations = new ConversationService(db);
        assertThat(conversations.list(tenant, ConversationFilter.ALL, new ConversationScope(ConversationScope.Assignee.ALL, null, vip.id()), "", null, 50)
                .items()).extracting(ConversationSummary::title).containsExactly("Anna Berg");
        assertThat(conversations.scopeCounts(tenant, ConversationFilter.ALL, null, billing.id()).all()).isEqualTo(1);
        assertThat(team.labels().hasLabel(tenant, cv, "vip")).isTrue();
        assertThat(team.labels().hasLabel(tenant, other, "VIP")).isFalse();
        UUID anna = conversations.get(tenant, cv).orElseThrow().contactId();
        UUID ben = conversations.get(tenant, other).orElseThrow().contactId();
        assertThat(team.labels().contactsWithAnyLabel(tenant, List.of("vip", "Billing", "unknown"))).containsExactlyInAnyOrder(anna, ben);

        UUID globex = fx.tenant("Globex");
        assertThatThrownBy(() -> team.labels().setLabel(globex, cv, vip.id(), true)).isInstanceOf(ValidationException.class);
        team.labels().setLabel(tenant, cv, vip.id(), false);
        assertThat(team.labels().labelsOf(tenant, cv)).isEmpty();
        team.labels().delete(tenant, billing.id());
        assertThat(team.labels().labelsOf(tenant, other)).isEmpty();
        assertThat(team.labels().list(tenant)).extracting(Label::name).containsExactly("VIP");
    }

    @Test
    void cannedRepliesAreCheckedKeptUniqueAndFilledIn() {
        CannedReply hi = team.cannedReplies().save(tenant, null, "/Greet", "Hi {{contact.name|there}}, {{agent.name}} from {{ tenant.name }} here.");
        assertThat(hi.shortcut()).isEqualTo("greet");
        team.cannedReplies().save(tenant, null, "parcel", "Your parcel to {{contact.phone}} is on its way.");
        assertThat(team.cannedReplies().list(tenant)).extracting(CannedReply::shortcut).containsExactly("greet", "parcel");
        assertThatThrownBy(() -> team.cannedReplies().save(tenant, null, "greet", "again")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("/greet is already taken");
        assertThatThrownBy(() -> team.cannedReplies().save(tenant, null, "bad one", "x")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("shortcut");
        assertThatThrownBy(() -> team.cannedReplies().save(tenant, null, "x", "Hi {{customer.name}}")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("unknown variable {{customer.name}}");
        assertThatThrownBy(() -> team.cannedReplies().save(tenant, null, "y", "Hi {{contact.name}")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not closed");
        CannedReply edited = team.cannedReplies().save(tenant, hi.id(), "hello", hi.body());
        assertThat(team.cannedReplies().list(tenant)).extracting(CannedReply::shortcut).containsExactly("hello", "parcel");

        assertThat(new ReplyVariables("Anna", "+49151", "Pat", "Acme").fill(edited.body())).isEqualTo("Hi Anna, Pat from Acme here.");
        assertThat(new ReplyVariables(null, "+49151", "Pat", "Acme").fill(edited.body())).isEqualTo("Hi there, Pat from Acme here.");
        assertThat(new ReplyVariables("A$1\\", null, null, null).fill("{{contact.name}}|{{contact.phone}}")).isEqualTo("A$1\\|");
        team.cannedReplies().delete(tenant, edited.id());
        assertThat(team.cannedReplies().list(tenant)).extracting(CannedReply::shortcut).containsExactly("parcel");
    }

    @Test
    void anotherAgentTypingOrJustAnsweringShowsToEveryoneElse() {
        UUID second = fx.customerWrites(tenant, "+4915100000002", "Ben Okafor", "hi");
        assertThat(team.presence().others(tenant)).isEmpty();
        bo.presence().typing(tenant, cv);
        new OutboxService(boDesktop).queue(tenant, second, OutboundContent.text("On it"));
        List<ConversationActivity> seen = team.presence().others(tenant);
        assertThat(seen).extracting(ConversationActivity::conversationId, ConversationActivity::kind, ConversationActivity::agentName)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(cv, ConversationActivity.Kind.TYPING, "Bo Berg"),
                        org.assertj.core.groups.Tuple.tuple(second, ConversationActivity.Kind.ANSWERED, "Bo Berg"));
        assertThat(seen.stream().filter(a -> a.conversationId().equals(cv)).findFirst().orElseThrow().describe()).isEqualTo("Bo Berg is typing…");
        assertThat(bo.presence().others(tenant)).as("nobody sees their own typing").isEmpty();
        db.inJdbcTransaction(c -> c.createStatement().executeUpdate("UPDATE conversation_typing SET typed_at = typed_at - interval '1 minute'"));
        assertThat(team.presence().others(tenant)).extracting(ConversationActivity::conversationId).containsExactly(second);
    }
}
