package io.switchboard.ui.team;

import io.switchboard.conversation.ConversationSummary;
import io.switchboard.team.AgentDirectory;
import io.switchboard.team.AgentView;
import io.switchboard.team.ConversationActivity;
import io.switchboard.team.Mention;
import io.switchboard.team.NoteService;
import io.switchboard.team.PresenceService;
import io.switchboard.ui.common.InboxSession;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Who else is here and what they are doing, for the status bar and the list: the tenant's online
 * agents, the agent's own mentions (a badge), and per conversation whether another agent is typing
 * in it or just answered it; the heartbeat that keeps this agent online; and the warning before
 * answering a conversation someone else is answering.
 */
public final class PresenceViewModel {
    /** While the agent types, tell the others at most this often. */
    static final Duration TYPING_EVERY = Duration.ofSeconds(3);

    private final AgentDirectory directory;
    private final PresenceService presence;
    private final NoteService notes;
    private final InboxSession session;
    private final Supplier<ConversationSummary> open;
    private final ObservableList<AgentView> agents;
    private final ReadOnlyStringWrapper online = new ReadOnlyStringWrapper(this, "online", "");
    private final ObservableList<Mention> mentions = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper unreadMentions = new ReadOnlyIntegerWrapper(this, "unreadMentions");
    /** Bumped whenever the activity per conversation changed, so the list redraws its hints. */
    private final ReadOnlyLongWrapper activityVersion = new ReadOnlyLongWrapper(this, "activityVersion");
    private Map<UUID, ConversationActivity> activity = Map.of();
    private Instant lastBeat;
    private Instant lastTyping;
    private UUID lastTypingIn;

    /** {@code agents} is the team model's list of the tenant's agents (this model fills it); {@code open} the thread's conversation. */
    public PresenceViewModel(AgentDirectory directory, PresenceService presence, NoteService notes, InboxSession session,
                             ObservableList<AgentView> agents, Supplier<ConversationSummary> open) {
        this.directory = directory;
        this.presence = presence;
        this.notes = notes;
        this.session = session;
        this.agents = agents;
        this.open = open;
    }

    /** Every few seconds (the view's timer): the heartbeat when due, and what expires (typing, "just answered", offline). */
    public void tick() {
        Instant now = session.now();
        if (lastBeat == null || Duration.between(lastBeat, now).compareTo(AgentDirectory.HEARTBEAT_EVERY) >= 0) {
            lastBeat = now;
            session.executor().run(() -> {
                directory.heartbeat();
                return null;
            }, ok -> reloadAgents(), session.reloadFailure("Could not tell the team you are online: "));
        }
        reloadActivity();
    }

    /** The tenant's agents and who of them is online. */
    public void reloadAgents() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        session.executor().run(() -> directory.agents(tenant), all -> {
            if (tenant.equals(session.tenantId())) {
                agents.setAll(all);
                List<String> names = all.stream().filter(AgentView::online).map(AgentView::displayName).toList();
                online.set(names.isEmpty() ? "Nobody online" : "Online: " + String.join(", ", names));
            }
        }, failure -> { });
    }

    /** Who is typing in or just answered which conversation. */
    public void reloadActivity() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        session.executor().run(() -> presence.others(tenant), all -> {
            if (!tenant.equals(session.tenantId())) {
                return;
            }
            Map<UUID, ConversationActivity> next = new HashMap<>();
            all.forEach(a -> next.put(a.conversationId(), a));
            if (!next.equals(activity)) {
                activity = next;
                activityVersion.set(activityVersion.get() + 1);
            }
        }, failure -> { });
    }

    /** The agent's mentions in the tenant (the badge counts the unread ones). */
    public void reloadMentions() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        session.executor().run(() -> notes.myMentions(tenant, 30), all -> {
            if (tenant.equals(session.tenantId())) {
                mentions.setAll(all);
                unreadMentions.set((int) all.stream().filter(m -> !m.read()).count());
            }
        }, failure -> { });
    }

    /** The composer's text changed: the others hear that this agent is typing here (at most every few seconds). */
    public void typing() {
        ConversationSummary c = open.get();
        if (c == null) {
            return;
        }
        Instant now = session.now();
        if (c.id().equals(lastTypingIn) && lastTyping != null && Duration.between(lastTyping, now).compareTo(TYPING_EVERY) < 0) {
            return;
        }
        lastTyping = now;
        lastTypingIn = c.id();
        UUID tenant = session.tenantId();
        session.executor().run(() -> {
            presence.typing(tenant, c.id());
            return null;
        }, ok -> { }, failure -> { });
    }

    /** "Ana is typing…" or "Ana just answered" for a list row; null when nobody else is at it. */
    public String hintFor(UUID conversationId) {
        ConversationActivity a = activity.get(conversationId);
        return a == null ? null : a.describe();
    }

    /** Before sending in the open conversation: the warning to confirm, if another agent is answering it. */
    public Optional<String> warningBeforeSend() {
        ConversationSummary c = open.get();
        ConversationActivity a = c == null ? null : activity.get(c.id());
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(a.kind() == ConversationActivity.Kind.TYPING
                ? a.agentName() + " is typing a reply to " + c.title() + " right now. Send yours anyway?"
                : a.agentName() + " answered " + c.title() + " moments ago. Send yours anyway?");
    }

    public ReadOnlyStringProperty onlineProperty() {
        return online.getReadOnlyProperty();
    }

    public ObservableList<Mention> mentions() {
        return mentions;
    }

    public ReadOnlyIntegerProperty unreadMentionsProperty() {
        return unreadMentions.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty activityVersionProperty() {
        return activityVersion.getReadOnlyProperty();
    }
}
