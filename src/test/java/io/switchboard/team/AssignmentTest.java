package io.switchboard.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationScope;
import io.switchboard.conversation.ConversationScope.Assignee;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.conversation.ScopeCounts;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications.Kind;
import io.switchboard.live.Change;
import io.switchboard.live.ChangeListener;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who has a conversation: the owner's own agent row, assigning by hand, the list's Mine/Unassigned/All, round robin with caps, two desktops. */
class AssignmentTest {
    private Database db;
    private InboxFixtures fx;
    private UUID tenant;
    private TeamServices team;
    private ConversationService conversations;
    private final List<Database> others = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        tenant = fx.tenant("Acme");
        team = new TeamServices(db, "Pat Owner");
        conversations = new ConversationService(db);
    }

    @AfterEach
    void tearDown() {
        others.forEach(Database::close);
        db.close();
    }

    @Test
    void theDatabaseOwnerIsAnAdminAgentOfEveryTenantWithoutAnySetup() {
        AgentView me = team.agents().me(tenant).orElseThrow();
        assertThat(me.login()).isEqualTo(Agents.login(db));
        assertThat(me.displayName()).isEqualTo("Pat Owner");
        assertThat(me.role()).isEqualTo("admin");
        UUID later = fx.tenant("Globex");
        assertThat(team.agents().me(later)).get().extracting(AgentView::role).isEqualTo("admin");
        assertThat(team.agents().me(later).get().id()).as("one row for the owner, whatever the tenant").isEqualTo(me.id());

        Database stranger = desktop("nobody");
        assertThat(new AgentDirectory(stranger, "x").me(tenant)).as("a role with no agents row is nobody; it creates nothing").isEmpty();
        UUID bo = Agents.agent(db, tenant, Agents.login(stranger), "Bo", null);
        AgentView asBo = new AgentDirectory(stranger, "x").me(tenant).orElseThrow();
        assertThat(asBo.id()).isEqualTo(bo);
        assertThat(asBo.role()).isEqualTo("agent");
        assertThat(new AgentDirectory(stranger, "x").me(later)).as("Bo does not work for Globex").isEmpty();
    }

    @Test
    void assignToMeToSomeoneAndUnassignAndTheListFiltersAndCountsFollow() {
        UUID me = team.agents().me(tenant).orElseThrow().id();
        UUID ana = Agents.agent(db, tenant, "ana_" + shortId(), "Ana Souza", 0);
        UUID a = fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "hello");
        UUID b = fx.customerWrites(tenant, "+4915100000002", "Ben Okafor", "hi");
        UUID c = fx.customerWrites(tenant, "+4915100000003", "Carla García", "hey");
        UUID closed = fx.customerWrites(tenant, "+4915100000004", "Dora Diaz", "bye");
        conversations.close(tenant, closed);

        team.assignment().assignToMe(tenant, a);
        team.assignment().assign(tenant, b, ana);
        team.assignment().assignToMe(tenant, closed);

        assertThat(titles(Assignee.MINE, me, ConversationFilter.ALL)).containsExactlyInAnyOrder("Anna Berg", "Dora Diaz");
        assertThat(titles(Assignee.MINE, me, ConversationFilter.OPEN)).containsExactly("Anna Berg");
        assertThat(titles(Assignee.UNASSIGNED, me, ConversationFilter.ALL)).containsExactly("Carla García");
        assertThat(titles(Assignee.ALL, me, ConversationFilter.ALL)).hasSize(4);
        assertThat(conversations.scopeCounts(tenant, ConversationFilter.ALL, me, null)).isEqualTo(new ScopeCounts(2, 1, 4));
        assertThat(conversations.scopeCounts(tenant, ConversationFilter.OPEN, me, null)).isEqualTo(new ScopeCounts(1, 1, 3));
        assertThat(conversations.get(tenant, b).orElseThrow().assignedAgentName()).isEqualTo("Ana Souza");

        team.assignment().unassign(tenant, a);
        team.assignment().assign(tenant, c, me);
        assertThat(conversations.scopeCounts(tenant, ConversationFilter.ALL, me, null)).isEqualTo(new ScopeCounts(2, 1, 4));
        assertThat(titles(Assignee.UNASSIGNED, me, ConversationFilter.ALL)).containsExactly("Anna Berg");
        assertThat(conversations.get(tenant, a).orElseThrow().assignedAgentId()).isNull();

        UUID globex = fx.tenant("Globex");
        UUID stranger = Agents.agent(db, globex, "zed_" + shortId(), "Zed", 0);
        assertThatThrownBy(() -> team.assignment().assign(tenant, a, stranger)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("assignee").hasMessageContaining("does not work for this tenant");
        assertThatThrownBy(() -> team.assignment().assign(globex, a, null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("no conversation");
        assertThat(conversations.get(tenant, a).orElseThrow().assignedAgentId()).as("nothing changed").isNull();
    }

    @Test
    void roundRobinGivesWaitingConversationsToOnlineAgentsInTurnUpToTheCap() {
        UUID ana = Agents.agent(db, tenant, "rr_ana_" + shortId(), "Ana", 0);
        UUID bo = Agents.agent(db, tenant, "rr_bo_" + shortId(), "Bo", 1);
        UUID cy = Agents.agent(db, tenant, "rr_cy_" + shortId(), "Cy", 3);
        List<UUID> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waiting.add(fx.customerWrites(tenant, "+491510000001" + i, "Customer " + i, "help " + i));
        }
        UUID neverWrote = fx.conversation(tenant, fx.contact(tenant, "+4915100000099", "Quiet"), "open", null);

        assertThat(team.autoAssignment().assignWaiting(tenant)).as("off by default").isZero();
        team.autoAssignment().setRules(tenant, new AssignmentRules(AssignmentRules.Mode.ROUND_ROBIN, 2));
        assertThat(team.autoAssignment().rules(tenant)).isEqualTo(new AssignmentRules(AssignmentRules.Mode.ROUND_ROBIN, 2));

        assertThat(team.autoAssignment().assignWaiting()).as("two online agents, two each").isEqualTo(4);
        Map<UUID, Long> load = load();
        assertThat(load).containsEntry(ana, 2L).containsEntry(bo, 2L).doesNotContainKey(cy);
        // Turns alternate, oldest waiting first.
        List<UUID> firstFour = waiting.subList(0, 4).stream().map(this::assignee).toList();
        assertThat(firstFour.get(0)).isNotEqualTo(firstFour.get(1));
        assertThat(firstFour.get(2)).isEqualTo(firstFour.get(0));
        assertThat(assignee(waiting.get(4))).as("everyone online is at the cap: it waits").isNull();
        assertThat(assignee(neverWrote)).as("nobody to answer yet").isNull();

        Agents.seen(db, cy, 0);
        assertThat(team.autoAssignment().assignWaiting(tenant)).isEqualTo(1);
        assertThat(assignee(waiting.get(4))).as("Cy came online").isEqualTo(cy);

        // Ana goes offline: she keeps hers; a closed conversation frees room for Bo.
        Agents.seen(db, ana, 3);
        conversations.close(tenant, waiting.stream().filter(w -> bo.equals(assignee(w))).findFirst().orElseThrow());
        UUID next = fx.customerWrites(tenant, "+4915100000020", "Newcomer", "hello?");
        assertThat(team.autoAssignment().assignWaiting(tenant)).isEqualTo(1);
        assertThat(assignee(next)).isIn(bo, cy).isNotEqualTo(ana);
        assertThat(load().get(ana)).as("an offline agent keeps their conversations").isEqualTo(2L);

        team.autoAssignment().setRules(tenant, new AssignmentRules(AssignmentRules.Mode.OFF, 2));
        UUID after = fx.customerWrites(tenant, "+4915100000021", "Late", "anyone?");
        assertThat(team.autoAssignment().assignWaiting()).isZero();
        assertThat(assignee(after)).isNull();
        assertThatThrownBy(() -> new AssignmentRules(AssignmentRules.Mode.ROUND_ROBIN, 0)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("max open per agent");
    }

    @Test
    void anAssignmentOnOneDesktopShowsLiveOnAnother() throws Exception {
        UUID cv = fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "hello");
        Database boDesktop = desktop("bo");
        UUID bo = Agents.agent(db, tenant, Agents.login(boDesktop), "Bo Berg", null);
        TeamServices boTeam = new TeamServices(boDesktop, "unused");
        List<Change> heard = Collections.synchronizedList(new ArrayList<>());
        try (ChangeListener listener = new ChangeListener(db.target(), new ChangeListener.Events() {
            @Override
            public void changed(List<Change> changes) {
                heard.addAll(changes);
            }

            @Override
            public void connection(boolean connected, boolean afterLoss, String detail) {
            }
        }).start()) {
            Thread.sleep(300); // the listener's LISTEN is in place before the change
            boTeam.agents().heartbeat();
            boTeam.assignment().assignToMe(tenant, cv);
            await(() -> heard.stream().anyMatch(c -> c.kind() == Kind.CONVERSATIONS && c.concerns(tenant)));
            await(() -> heard.stream().anyMatch(c -> c.kind() == Kind.AGENTS));
        }
        ConversationSummary seenByOwner = conversations.get(tenant, cv).orElseThrow();
        assertThat(seenByOwner.assignedAgentId()).isEqualTo(bo);
        assertThat(seenByOwner.assignedAgentName()).isEqualTo("Bo Berg");
        assertThat(team.agents().agents(tenant)).filteredOn(AgentView::online).extracting(AgentView::displayName).contains("Bo Berg");
        UUID me = team.agents().me(tenant).orElseThrow().id();
        assertThat(conversations.scopeCounts(tenant, ConversationFilter.ALL, me, null)).isEqualTo(new ScopeCounts(0, 0, 1));
    }

    private Database desktop(String prefix) {
        Database d = Agents.desktopOf(db, prefix);
        others.add(d);
        return d;
    }

    private List<String> titles(Assignee who, UUID me, ConversationFilter filter) {
        return conversations.list(tenant, filter, new ConversationScope(who, me, null), "", null, 50).items().stream()
                .map(ConversationSummary::title).toList();
    }

    private UUID assignee(UUID conversation) {
        return conversations.get(tenant, conversation).orElseThrow().assignedAgentId();
    }

    private Map<UUID, Long> load() {
        return conversations.list(tenant, ConversationFilter.OPEN, ConversationScope.EVERYONE, "", null, 100).items().stream()
                .filter(s -> s.assignedAgentId() != null).collect(Collectors.groupingBy(ConversationSummary::assignedAgentId, Collectors.counting()));
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
