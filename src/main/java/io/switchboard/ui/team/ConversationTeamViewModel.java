package io.switchboard.ui.team;

import io.switchboard.conversation.ConversationSummary;
import io.switchboard.team.AgentView;
import io.switchboard.team.AssignmentService;
import io.switchboard.team.Label;
import io.switchboard.team.LabelService;
import io.switchboard.ui.common.InboxSession;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open conversation's team side, in the thread header: who has it (assign to me, to someone,
 * unassign) and its labels. After a change the conversation and the list are refreshed at once; other
 * windows follow through the change notification.
 */
public final class ConversationTeamViewModel {
    private final AssignmentService assignment;
    private final LabelService labels;
    private final InboxSession session;
    private final ReadOnlyObjectProperty<ConversationSummary> conversation;
    private final ObservableList<AgentView> agents;
    private final ObservableList<Label> tenantLabels;
    private final Runnable changed;
    private final ReadOnlyStringWrapper assigneeText = new ReadOnlyStringWrapper(this, "assigneeText", "");
    private final ReadOnlyBooleanWrapper mine = new ReadOnlyBooleanWrapper(this, "mine");
    private final ObservableList<Label> applied = FXCollections.observableArrayList();
    private final java.util.function.Supplier<UUID> me;
    private long generation;

    /**
     * {@code conversation} is the thread's open one; {@code agents} and {@code tenantLabels} the tenant's, kept by
     * the team model; {@code changed} refreshes the thread and the list after the agent's own change.
     */
    public ConversationTeamViewModel(AssignmentService assignment, LabelService labels, InboxSession session,
                                     ReadOnlyObjectProperty<ConversationSummary> conversation, ObservableList<AgentView> agents,
                                     ObservableList<Label> tenantLabels, java.util.function.Supplier<UUID> me, Runnable changed) {
        this.assignment = assignment;
        this.labels = labels;
        this.session = session;
        this.conversation = conversation;
        this.agents = agents;
        this.tenantLabels = tenantLabels;
        this.me = me;
        this.changed = changed;
        conversation.addListener((obs, old, c) -> {
            describe(c);
            if (c == null || old == null || !old.id().equals(c.id())) {
                reloadLabels();
            }
        });
    }

    private void describe(ConversationSummary c) {
        if (c == null) {
            assigneeText.set("");
            mine.set(false);
            return;
        }
        boolean isMine = c.assignedAgentId() != null && c.assignedAgentId().equals(me.get());
        mine.set(isMine);
        assigneeText.set(c.assignedAgentId() == null ? "Unassigned" : isMine ? "Assigned to you" : "Assigned to " + c.assignedAgentName());
    }

    /** Me changed (tenant switch): "you" may mean someone else now. */
    void meChanged() {
        describe(conversation.get());
    }

    public void assignToMe() {
        act(c -> assignment.assignToMe(session.tenantId(), c.id()), "Assigned to you");
    }

    public void assignTo(AgentView agent) {
        act(c -> assignment.assign(session.tenantId(), c.id(), agent.id()), "Assigned to " + agent.displayName());
    }

    public void unassign() {
        act(c -> assignment.unassign(session.tenantId(), c.id()), "Unassigned");
    }

    /** Puts a label on the open conversation, or takes it off. */
    public void toggleLabel(Label label) {
        ConversationSummary c = conversation.get();
        if (c == null) {
            return;
        }
        boolean on = applied.stream().noneMatch(l -> l.id().equals(label.id()));
        UUID tenant = session.tenantId();
        session.executor().run(() -> {
            labels.setLabel(tenant, c.id(), label.id(), on);
            return labels.labelsOf(tenant, c.id());
        }, now -> {
            if (isOpen(c.id())) {
                applied.setAll(now);
            }
            changed.run();
        }, failure -> session.report("Could not change the labels: " + InboxSession.explain(failure)));
    }

    /** The open conversation's labels again (after a change notification). */
    public void reloadLabels() {
        ConversationSummary c = conversation.get();
        long mineGen = ++generation;
        if (c == null) {
            applied.clear();
            return;
        }
        UUID tenant = session.tenantId();
        session.executor().run(() -> labels.labelsOf(tenant, c.id()), now -> {
            if (mineGen == generation) {
                applied.setAll(now);
            }
        }, failure -> { });
    }

    private boolean isOpen(UUID id) {
        return conversation.get() != null && conversation.get().id().equals(id);
    }

    private void act(java.util.function.Consumer<ConversationSummary> action, String done) {
        ConversationSummary c = conversation.get();
        if (c == null) {
            return;
        }
        session.executor().run(() -> {
            action.accept(c);
            return null;
        }, ok -> {
            session.report(done + ": " + c.title());
            changed.run();
        }, failure -> session.report("Could not assign: " + InboxSession.explain(failure)));
    }

    /** The agents one may assign to: the tenant's active agents (online first, then by name). */
    public List<AgentView> assignable() {
        return agents.stream().sorted(java.util.Comparator.comparing((AgentView a) -> !a.online()).thenComparing(AgentView::displayName,
                String.CASE_INSENSITIVE_ORDER)).toList();
    }

    public boolean hasLabel(Label label) {
        return applied.stream().anyMatch(l -> Objects.equals(l.id(), label.id()));
    }

    public ReadOnlyStringProperty assigneeTextProperty() {
        return assigneeText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty mineProperty() {
        return mine.getReadOnlyProperty();
    }

    public ObservableList<Label> applied() {
        return applied;
    }

    public ObservableList<Label> tenantLabels() {
        return tenantLabels;
    }

    public ReadOnlyObjectProperty<ConversationSummary> conversationProperty() {
        return conversation;
    }
}
