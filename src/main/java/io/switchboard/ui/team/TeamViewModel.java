package io.switchboard.ui.team;

import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Notifications.Kind;
import io.switchboard.team.AgentView;
import io.switchboard.team.Label;
import io.switchboard.team.Mention;
import io.switchboard.team.TeamServices;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.inbox.ConversationListViewModel;
import io.switchboard.ui.thread.ThreadViewModel;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The team inbox inside the window: who this agent is in the chosen tenant, the tenant's agents and
 * labels, and the parts that use them (the list's Mine / Unassigned / All, the thread header's
 * assignee and labels, notes, canned replies, presence). It reloads on a tenant switch and routes the
 * change notifications each part cares about.
 */
public final class TeamViewModel {
    private final TeamServices team;
    private final ConversationService conversations;
    private final InboxSession session;
    private final ConversationListViewModel list;
    private final ThreadViewModel thread;
    private final ReadOnlyObjectWrapper<AgentView> me = new ReadOnlyObjectWrapper<>(this, "me");
    private final ReadOnlyBooleanWrapper manages = new ReadOnlyBooleanWrapper(this, "manages");
    private final ObservableList<AgentView> agents = FXCollections.observableArrayList();
    private final ObservableList<Label> labels = FXCollections.observableArrayList();
    private final ScopeBarViewModel scopeBar;
    private final ConversationTeamViewModel header;
    private final NotesViewModel notes;
    private final CannedCompletionViewModel canned;
    private final PresenceViewModel presence;

    public TeamViewModel(TeamServices team, ConversationService conversations, InboxSession session, ConversationListViewModel list,
                         ThreadViewModel thread) {
        this.team = team;
        this.conversations = conversations;
        this.session = session;
        this.list = list;
        this.thread = thread;
        this.scopeBar = new ScopeBarViewModel(conversations, session, list.filterProperty(), list.scopeProperty(), this::meId);
        this.header = new ConversationTeamViewModel(team.assignment(), team.labels(), session, thread.conversationProperty(), agents, labels,
                this::meId, this::afterOwnChange);
        this.presence = new PresenceViewModel(team.agents(), team.presence(), team.notes(), session, agents, thread::conversation);
        this.notes = new NotesViewModel(team.notes(), session, thread, agents, presence::reloadMentions);
        this.canned = new CannedCompletionViewModel(team.cannedReplies(), session, thread.draftProperty(), thread::conversation,
                () -> me.get() == null ? null : me.get().displayName());
        thread.draftProperty().addListener((obs, old, text) -> {
            if (text != null && !text.isBlank() && (old == null || text.length() > old.length())) {
                presence.typing();
            }
        });
        session.tenantProperty().addListener((obs, old, t) -> {
            if (t != null && (old == null || !old.id().equals(t.id()))) {
                scopeBar.tenantSwitched();
                reload();
            }
        });
    }

    /** Everything again for the chosen tenant (switch, or live updates came back after a loss). */
    public void reload() {
        if (session.tenantId() == null) {
            return;
        }
        reloadMe();
        reloadLabels();
        canned.reload();
        presence.tick();
        presence.reloadAgents();
        presence.reloadMentions();
    }

    /** Who this agent is in the tenant and whether they manage it (a role may have changed). */
    private void reloadMe() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        session.executor().run(() -> team.agents().me(tenant), found -> {
            if (tenant.equals(session.tenantId())) {
                me.set(found.orElse(null));
                manages.set(found.map(AgentView::manages).orElse(false));
                scopeBar.meChanged();
                header.meChanged();
            }
        }, session.reloadFailure("Could not find who you are in this tenant: "));
    }

    /** One batch of change notifications for the chosen tenant. */
    public void changed(Set<Kind> kinds) {
        if (kinds.contains(Kind.CONVERSATIONS) || kinds.contains(Kind.MESSAGES) || kinds.contains(Kind.LABELS)) {
            scopeBar.refreshCounts();
        }
        if (kinds.contains(Kind.LABELS)) {
            reloadLabels();
            header.reloadLabels();
            list.refreshTop();
        }
        if (kinds.contains(Kind.NOTES)) {
            notes.reload();
            presence.reloadMentions();
        }
        if (kinds.contains(Kind.AGENTS)) {
            presence.reloadAgents();
            reloadMe();
        }
        if (kinds.contains(Kind.PRESENCE) || kinds.contains(Kind.MESSAGES)) {
            presence.reloadActivity();
        }
    }

    /** The agent's own assignment or label change: the list, the counts and the open conversation at once. */
    private void afterOwnChange() {
        list.refreshTop();
        scopeBar.refreshCounts();
        thread.refresh(false);
    }

    private void reloadLabels() {
        UUID tenant = session.tenantId();
        session.executor().run(() -> team.labels().list(tenant), all -> {
            if (tenant.equals(session.tenantId())) {
                labels.setAll(all);
                scopeBar.labelsLoaded(all);
            }
        }, failure -> { });
    }

    /** Opens the conversation a mention points at. */
    public void openMention(Mention m) {
        UUID tenant = session.tenantId();
        session.executor().now(() -> conversations.get(tenant, m.conversationId()), found -> found.ifPresent(list::reveal),
                failure -> session.report("Could not open the conversation: " + InboxSession.explain(failure)));
    }

    /** The management window's models; null when this agent may not manage the tenant's team settings. */
    public TeamSettingsViewModel settings() {
        if (!manages.get() || session.tenant() == null) {
            return null;
        }
        return new TeamSettingsViewModel(team, session.tenant(), session, this::reload);
    }

    private UUID meId() {
        return me.get() == null ? null : me.get().id();
    }

    public ReadOnlyObjectProperty<AgentView> meProperty() {
        return me.getReadOnlyProperty();
    }

    /** Admins and supervisors manage canned replies, labels and automatic assignment. */
    public ReadOnlyBooleanProperty managesProperty() {
        return manages.getReadOnlyProperty();
    }

    public ScopeBarViewModel scopeBar() {
        return scopeBar;
    }

    public ConversationTeamViewModel header() {
        return header;
    }

    public NotesViewModel notes() {
        return notes;
    }

    public CannedCompletionViewModel canned() {
        return canned;
    }

    public PresenceViewModel presence() {
        return presence;
    }

    public ConversationSummary open() {
        return thread.conversation();
    }
}
