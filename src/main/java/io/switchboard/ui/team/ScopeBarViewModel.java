package io.switchboard.ui.team;

import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationScope;
import io.switchboard.conversation.ConversationScope.Assignee;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ScopeCounts;
import io.switchboard.team.Label;
import io.switchboard.ui.common.InboxSession;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The list's team filters: Mine / Unassigned / All, each with its count under the status chip the
 * agent chose, and a label. Choosing one narrows the conversation list ({@code scope}).
 */
public final class ScopeBarViewModel {
    private final ConversationService conversations;
    private final InboxSession session;
    private final ObjectProperty<ConversationFilter> statusFilter;
    private final ObjectProperty<ConversationScope> scope;
    private final Supplier<UUID> me;
    private final ObjectProperty<Assignee> assignee = new SimpleObjectProperty<>(this, "assignee", Assignee.ALL);
    private final ObjectProperty<Label> label = new SimpleObjectProperty<>(this, "label");
    private final ObservableList<Label> labels = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ScopeCounts> counts = new ReadOnlyObjectWrapper<>(this, "counts", ScopeCounts.NONE);
    private long generation;
    /** A count is running; another request meanwhile runs once after it (a burst of messages costs two counts, not one each). */
    private boolean counting;
    private boolean countAgain;

    /** {@code statusFilter} and {@code scope} are the conversation list's; {@code me} the session's agent id (null: none). */
    public ScopeBarViewModel(ConversationService conversations, InboxSession session, ObjectProperty<ConversationFilter> statusFilter,
                             ObjectProperty<ConversationScope> scope, Supplier<UUID> me) {
        this.conversations = conversations;
        this.session = session;
        this.statusFilter = statusFilter;
        this.scope = scope;
        this.me = me;
        assignee.addListener((obs, old, a) -> apply());
        label.addListener((obs, old, l) -> apply());
        statusFilter.addListener((obs, old, f) -> refreshCounts());
    }

    /** Pushes the chosen filters to the list (which reloads) and counts again. */
    private void apply() {
        Label l = label.get();
        Assignee a = assignee.get();
        // "me" matters only to Mine: the same scope for everyone's conversations must not reload the list.
        scope.set(new ConversationScope(a, a == Assignee.MINE ? me.get() : null, l == null ? null : l.id()));
        refreshCounts();
    }

    /** Another tenant: its labels are others, so the label choice goes. */
    void tenantSwitched() {
        labels.clear();
        label.set(null);
    }

    /** The agent is known (or changed with the tenant): "Mine" means them from now on. */
    void meChanged() {
        apply();
    }

    /** The tenant's labels changed: the choice stays if the label still exists. */
    void labelsLoaded(java.util.List<Label> all) {
        Label chosen = label.get();
        labels.setAll(all);
        if (chosen != null) {
            label.set(all.stream().filter(x -> x.id().equals(chosen.id())).findFirst().orElse(null));
        }
    }

    public void refreshCounts() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            counts.set(ScopeCounts.NONE);
            return;
        }
        if (counting) {
            countAgain = true;
            return;
        }
        counting = true;
        long mine = ++generation;
        ConversationFilter f = statusFilter.get();
        UUID agent = me.get();
        Label l = label.get();
        java.util.function.Consumer<Throwable> report = session.reloadFailure("Could not count conversations: ");
        session.executor().run(() -> conversations.scopeCounts(tenant, f, agent, l == null ? null : l.id()), c -> {
            if (mine == generation && tenant.equals(session.tenantId())) {
                counts.set(c);
            }
            counted();
        }, failure -> {
            counted();
            report.accept(failure);
        });
    }

    private void counted() {
        counting = false;
        if (countAgain) {
            countAgain = false;
            refreshCounts();
        }
    }

    /** "Mine 3", "Unassigned 12", "All 40". */
    public String chipText(Assignee a) {
        return a.label() + " " + counts.get().of(a);
    }

    public ObjectProperty<Assignee> assigneeProperty() {
        return assignee;
    }

    /** The label the list is narrowed to (null: any). */
    public ObjectProperty<Label> labelProperty() {
        return label;
    }

    public ObservableList<Label> labels() {
        return labels;
    }

    public ReadOnlyObjectProperty<ScopeCounts> countsProperty() {
        return counts.getReadOnlyProperty();
    }
}
