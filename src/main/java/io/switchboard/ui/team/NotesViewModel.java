package io.switchboard.ui.team;

import io.switchboard.conversation.ConversationSummary;
import io.switchboard.team.AgentView;
import io.switchboard.team.Note;
import io.switchboard.team.NoteService;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.thread.ThreadItem;
import io.switchboard.ui.thread.ThreadViewModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Private notes in the open conversation: loads them into the thread (among the messages, by time),
 * adds what the agent writes in the note field, and completes "@na…" to an agent's login. Opening a
 * conversation reads the agent's mentions in it.
 */
public final class NotesViewModel {
    private final NoteService notes;
    private final InboxSession session;
    private final ThreadViewModel thread;
    private final ObservableList<AgentView> agents;
    private final Runnable mentionsChanged;
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ObservableList<AgentView> suggestions = FXCollections.observableArrayList();
    private Completion completing;
    private long generation;

    /** {@code mentionsChanged} is told when opening a conversation read some of the agent's mentions. */
    public NotesViewModel(NoteService notes, InboxSession session, ThreadViewModel thread, ObservableList<AgentView> agents, Runnable mentionsChanged) {
        this.notes = notes;
        this.session = session;
        this.thread = thread;
        this.agents = agents;
        this.mentionsChanged = mentionsChanged;
        draft.addListener((obs, old, text) -> error.set(""));
        thread.conversationProperty().addListener((obs, old, c) -> {
            if (c != null && (old == null || !old.id().equals(c.id()))) {
                draft.set("");
                reload();
                markMentionsRead(c.id());
            }
        });
    }

    /** The open conversation's notes again (opened, or a change notification). */
    public void reload() {
        ConversationSummary c = thread.conversation();
        if (c == null) {
            return;
        }
        long mine = ++generation;
        UUID tenant = session.tenantId();
        session.executor().run(() -> notes.notes(tenant, c.id()), all -> {
            if (mine == generation) {
                thread.showNotes(c.id(), all.stream().map(NotesViewModel::item).toList());
            }
        }, session.reloadFailure("Could not load notes: "));
    }

    private void markMentionsRead(UUID conversation) {
        UUID tenant = session.tenantId();
        session.executor().run(() -> notes.markMentionsRead(tenant, conversation), changed -> {
            if (changed) {
                mentionsChanged.run();
            }
        }, failure -> { });
    }

    /** Adds the note the agent wrote; a refusal keeps the text and says why. */
    public void add() {
        ConversationSummary c = thread.conversation();
        String text = draft.get();
        if (c == null || text == null || text.isBlank()) {
            return;
        }
        UUID tenant = session.tenantId();
        draft.set("");
        suggestions.clear();
        session.executor().run(() -> notes.add(tenant, c.id(), text), note -> reload(), failure -> {
            draft.set(text);
            error.set(InboxSession.explain(failure));
        });
    }

    /** The agent typed in the note field: offers agents for an "@…" at the caret. */
    public void typed(String text, int caret) {
        Optional<Completion> at = Completion.at(text, caret, '@');
        completing = at.orElse(null);
        if (at.isEmpty()) {
            suggestions.clear();
            return;
        }
        String q = at.get().query().toLowerCase(Locale.ROOT);
        suggestions.setAll(agents.stream()
                .filter(a -> a.login().toLowerCase(Locale.ROOT).startsWith(q) || a.displayName().toLowerCase(Locale.ROOT).startsWith(q)
                        || a.displayName().toLowerCase(Locale.ROOT).contains(" " + q))
                .limit(8).toList());
    }

    /** Puts "@login " in place of the word being typed; returns the caret position after it (-1 if nothing was being completed). */
    public int complete(AgentView agent) {
        if (completing == null) {
            return -1;
        }
        // Setting the draft makes the field report its text again, which replaces the word being completed.
        Completion word = completing;
        String inserted = "@" + agent.login() + " ";
        draft.set(word.replace(draft.get(), inserted));
        completing = null;
        suggestions.clear();
        return word.start() + inserted.length();
    }

    private static ThreadItem.Note item(Note n) {
        return new ThreadItem.Note(n.id(), n.authorName(), n.body(), n.createdAt());
    }

    public StringProperty draftProperty() {
        return draft;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Agents matching the "@…" being typed (empty: no popup). */
    public ObservableList<AgentView> suggestions() {
        return suggestions;
    }

    public ReadOnlyStringProperty conversationTitle() {
        return thread.titleProperty();
    }

    List<AgentView> agents() {
        return agents;
    }
}
