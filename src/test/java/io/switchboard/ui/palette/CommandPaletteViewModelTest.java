package io.switchboard.ui.palette;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.automation.ActionType;
import io.switchboard.automation.AutomationDraft;
import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.automation.Recipes;
import io.switchboard.automation.TriggerType;
import io.switchboard.conversation.ConversationStatus;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.palette.PaletteContext.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The palette's matching, its catalogue by role and state, and its view model, without a display. */
class CommandPaletteViewModelTest {
    private static final UUID ME = UUID.randomUUID();
    private static final TenantView ACME = new TenantView(UUID.randomUUID(), "Acme", TenantStatus.ACTIVE, Instant.EPOCH, null);
    private static final TenantView GARCIA = new TenantView(UUID.randomUUID(), "García Hermanos", TenantStatus.ACTIVE, Instant.EPOCH, null);

    /** Records which action ran (by method name and argument). */
    private final List<String> ran = new ArrayList<>();
    private final PaletteCommands.Actions actions = (PaletteCommands.Actions) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {PaletteCommands.Actions.class}, recorder());

    private InvocationHandler recorder() {
        return (proxy, method, args) -> {
            ran.add(method.getName() + (args == null ? "" : args[0] instanceof AutomationView a ? ":" + a.name() : ":" + args[0]));
            return null;
        };
    }

    // ---- matching and ranking ----

    @Test
    void aFilterMatchesAsASubsequenceIgnoringCaseAndAccents() {
        assertThat(FuzzyMatch.score("tmpl", "Open Templates")).isPositive();
        assertThat(FuzzyMatch.score("OPNTMP", "Open Templates")).isPositive();
        assertThat(FuzzyMatch.score("garcia", "Switch to tenant: García Hermanos")).isPositive();
        assertThat(FuzzyMatch.score("templatez", "Open Templates")).isEqualTo(FuzzyMatch.NO_MATCH);
        assertThat(FuzzyMatch.score("stop", "Open Stats")).as("order matters").isEqualTo(FuzzyMatch.NO_MATCH);
        assertThat(FuzzyMatch.score("", "Open Stats")).isZero();
    }

    @Test
    void wordStartsAndAdjacentCharactersRankAboveScatteredOnes() {
        assertThat(FuzzyMatch.score("st", "Open Stats")).as("word start + adjacent beats title start + scattered")
                .isGreaterThan(FuzzyMatch.score("st", "Show keyboard shortcuts"));
        assertThat(FuzzyMatch.score("oa", "Open Automations")).as("initials")
                .isGreaterThan(FuzzyMatch.score("oa", "Close the open conversation"));
        assertThat(FuzzyMatch.score("re", "Reopen the open conversation")).isGreaterThan(FuzzyMatch.score("re", "Search conversations"));
        assertThat(FuzzyMatch.score("camp", "Open Campaigns")).as("a prefix of a word beats the same letters apart")
                .isGreaterThan(FuzzyMatch.score("camp", "Close the assignment map"));
    }

    // ---- the catalogue: by role, by state ----

    @Test
    void commandsTheRoleMayNeverUseAreNotListed() {
        ConversationSummary open = conversation(null, ConversationStatus.OPEN);
        Map<String, PaletteCommand> agent = byId(ctx(Role.AGENT, open, List.of()));
        assertThat(agent).containsKeys("contacts", "templates", "tenants", "assign-me", "unassign", "close", "search", "theme", "shortcuts")
                .doesNotContainKeys("campaigns", "new-campaign", "automations", "stats", "audit", "backup", "team-labels", "assign-to");
        Map<String, PaletteCommand> supervisor = byId(ctx(Role.SUPERVISOR, open, List.of()));
        assertThat(supervisor).containsKeys("campaigns", "stats", "team-canned", "team-labels", "team-rules", "assign-to")
                .doesNotContainKeys("new-campaign", "automations", "audit", "backup");
        Map<String, PaletteCommand> admin = byId(ctx(Role.ADMIN, open, List.of(manual("Tag VIP"))));
        assertThat(admin).containsKeys("new-campaign", "automations", "audit", "backup", "campaigns", "stats");
        assertThat(admin.values()).extracting(PaletteCommand::title).contains("Run automation: Tag VIP");
        assertThat(admin.get("stats").shortcut()).isEqualTo("Ctrl+Shift+S");
        assertThat(admin.get("assign-me").shortcut()).isEqualTo("Ctrl+Shift+M");
    }

    @Test
    void whatCannotRunNowIsListedWithItsReason() {
        Map<String, PaletteCommand> none = byId(ctx(Role.ADMIN, null, List.of(manual("Tag VIP"))));
        assertThat(List.of("assign-me", "unassign", "close", "reopen", "assign-to")).allSatisfy(id ->
                assertThat(none.get(id).unavailableBecause()).isEqualTo("Open a conversation first"));
        assertThat(none.values()).filteredOn(c -> c.title().equals("Run automation: Tag VIP")).singleElement()
                .satisfies(c -> assertThat(c.unavailableBecause()).isEqualTo("Open a conversation first"));
        assertThat(none.get("contacts").available()).isTrue();

        UUID someoneElse = UUID.randomUUID();
        Map<String, PaletteCommand> agentOnTheirs = byId(ctx(Role.AGENT, conversation(someoneElse, ConversationStatus.OPEN), List.of()));
        assertThat(agentOnTheirs.get("assign-me").unavailableBecause()).isEqualTo("Assigned to Bo: only supervisors and admins take a conversation over");
        assertThat(agentOnTheirs.get("unassign").unavailableBecause()).isEqualTo("Only supervisors and admins unassign someone else's conversation");
        Map<String, PaletteCommand> supervisorOnTheirs = byId(ctx(Role.SUPERVISOR, conversation(someoneElse, ConversationStatus.OPEN), List.of()));
        assertThat(supervisorOnTheirs.get("assign-me").available()).isTrue();
        assertThat(supervisorOnTheirs.get("unassign").available()).isTrue();

        Map<String, PaletteCommand> mine = byId(ctx(Role.AGENT, conversation(ME, ConversationStatus.CLOSED), List.of()));
        assertThat(mine.get("assign-me").unavailableBecause()).isEqualTo("It is already assigned to you");
        assertThat(mine.get("unassign").available()).isTrue();
        assertThat(mine.get("close").unavailableBecause()).isEqualTo("It is already closed");
        assertThat(mine.get("reopen").available()).isTrue();
        assertThat(byId(ctx(Role.AGENT, conversation(null, ConversationStatus.OPEN), List.of())).get("unassign").unavailableBecause())
                .isEqualTo("Nobody has it");

        Map<String, PaletteCommand> noTenant = byId(new PaletteContext(Role.ADMIN, ME, null, null, List.of(), List.of(ACME)));
        assertThat(noTenant.get("contacts").unavailableBecause()).isEqualTo("Pick a tenant first");
        assertThat(noTenant.get("tenant:" + ACME.id()).available()).isTrue();
        assertThat(byId(ctx(Role.AGENT, null, List.of()))).as("the chosen tenant is not offered").doesNotContainKey("tenant:" + ACME.id())
                .containsKey("tenant:" + GARCIA.id());
    }

    // ---- the view model ----

    @Test
    void typingRanksArrowsMoveEnterRunsAndRecentlyUsedComeFirst() {
        // A supervisor's palette never asks for automations (only admins may read them), hence no service.
        CommandPaletteViewModel palette = new CommandPaletteViewModel(null, session(),
                () -> new PaletteContext(Role.SUPERVISOR, ME, ACME, conversation(null, ConversationStatus.OPEN), List.of(), List.of(ACME, GARCIA)), actions);

        palette.open();
        assertThat(palette.showingProperty().get()).isTrue();
        assertThat(palette.shown().get(0).id()).as("catalogue order before anything is used").isEqualTo("search");
        palette.filterProperty().set("stats");
        assertThat(palette.shown().get(0).title()).isEqualTo("Open Stats");
        assertThat(palette.selectedProperty().get()).isZero();
        palette.runSelected();
        assertThat(ran).containsExactly("openStats");
        assertThat(palette.showingProperty().get()).isFalse();

        palette.open();
        assertThat(palette.filterProperty().get()).isEmpty();
        assertThat(palette.shown().get(0).id()).as("recently used first").isEqualTo("stats");
        palette.filterProperty().set("garcia");
        assertThat(palette.shown()).extracting(PaletteCommand::title).containsExactly("Switch to tenant: García Hermanos");
        palette.move(1);
        assertThat(palette.selectedProperty().get()).as("one row: moving wraps onto itself").isZero();
        palette.runSelected();
        assertThat(ran).containsExactly("openStats", "switchTenant:" + GARCIA);

        palette.open();
        assertThat(palette.shown()).extracting(PaletteCommand::id).startsWith("tenant:" + GARCIA.id(), "stats");
        palette.filterProperty().set("open");
        String first = palette.shown().get(0).title();
        palette.move(-1);
        assertThat(palette.selectedProperty().get()).isEqualTo(palette.shown().size() - 1);
        palette.move(1);
        assertThat(palette.shown().get(palette.selectedProperty().get()).title()).isEqualTo(first);
        palette.filterProperty().set("zzzz");
        assertThat(palette.shown()).isEmpty();
        assertThat(palette.selectedProperty().get()).isEqualTo(-1);
        palette.runSelected();
        palette.close();
        assertThat(ran).hasSize(2);
    }

    @Test
    void enterOnACommandThatCannotRunSaysWhyAndKeepsThePaletteOpen() {
        CommandPaletteViewModel palette = new CommandPaletteViewModel(null, session(),
                () -> new PaletteContext(Role.AGENT, ME, ACME, null, List.of(), List.of(ACME)), actions);
        palette.open();
        palette.filterProperty().set("close the open");
        assertThat(palette.shown().get(0).id()).isEqualTo("close");
        palette.runSelected();
        assertThat(ran).isEmpty();
        assertThat(palette.showingProperty().get()).isTrue();
        assertThat(palette.messageProperty().get()).isEqualTo("Close the open conversation: Open a conversation first.");
        palette.open();
        assertThat(palette.messageProperty().get()).isEmpty();
    }

    @Test
    void anAdminGetsOneRunEntryPerActiveManualAutomationOfTheTenant() {
        try (OutboundFixture f = new OutboundFixture()) {
            AutomationService service = new AutomationService(f.db, f.secrets);
            ObjectNode action = new ObjectMapper().createObjectNode();
            action.putObject("metadata").put("tier", "gold");
            ObjectNode none = new ObjectMapper().createObjectNode();
            AutomationView vip = service.create(f.tenantId, new AutomationDraft("Tag VIP", null, TriggerType.MANUAL, none, ActionType.UPDATE_CONTACT,
                    action, AutomationStatus.ACTIVE));
            service.create(f.tenantId, new AutomationDraft("Switched off", null, TriggerType.MANUAL, none, ActionType.UPDATE_CONTACT, action,
                    AutomationStatus.INACTIVE));
            service.create(f.tenantId, Recipes.byName("greeting", null)); // active, but it runs on messages
            TenantView tenant = new TenantView(f.tenantId, "Fixture", TenantStatus.ACTIVE, Instant.EPOCH, null);
            AtomicReference<Role> role = new AtomicReference<>(Role.ADMIN);
            CommandPaletteViewModel palette = new CommandPaletteViewModel(service::list, session(),
                    () -> new PaletteContext(role.get(), ME, tenant, conversation(null, ConversationStatus.OPEN), List.of(), List.of(tenant)), actions);

            palette.open();
            palette.filterProperty().set("run");
            assertThat(palette.shown()).extracting(PaletteCommand::title).filteredOn(t -> t.startsWith("Run automation:"))
                    .containsExactly("Run automation: Tag VIP");
            palette.runSelected();
            assertThat(ran).containsExactly("runAutomation:Tag VIP");
            assertThat(vip.name()).isEqualTo("Tag VIP");

            role.set(Role.SUPERVISOR);
            palette.open();
            palette.filterProperty().set("run automation");
            assertThat(palette.shown()).extracting(PaletteCommand::title).noneMatch(t -> t.startsWith("Run automation:"));
        }
    }

    // ---- helpers ----

    private static InboxSession session() {
        return new InboxSession(new ImmediateExecutor(), Instant::now);
    }

    private static PaletteContext ctx(Role role, ConversationSummary open, List<AutomationView> manual) {
        return new PaletteContext(role, ME, ACME, open, manual, List.of(ACME, GARCIA));
    }

    private Map<String, PaletteCommand> byId(PaletteContext ctx) {
        return PaletteCommands.of(ctx, actions).stream().collect(Collectors.toMap(PaletteCommand::id, c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static AutomationView manual(String name) {
        return new AutomationView(UUID.randomUUID(), ACME.id(), name, null, TriggerType.MANUAL, null, ActionType.UPDATE_CONTACT, null,
                AutomationStatus.ACTIVE, null, 0, 0, 0, null, null, null, null);
    }

    private static ConversationSummary conversation(UUID assignee, ConversationStatus status) {
        return new ConversationSummary(UUID.randomUUID(), UUID.randomUUID(), "Ana Souza", "+5511955501234", "whatsapp", status, Instant.now(), null,
                Instant.now(), null, null, null, "Hi", null, 0, assignee, assignee == null ? null : assignee.equals(ME) ? "Me" : "Bo");
    }
}
