package io.switchboard.ui.team;

import io.switchboard.conversation.ConversationSummary;
import io.switchboard.team.CannedReply;
import io.switchboard.team.CannedReplyService;
import io.switchboard.team.ReplyVariables;
import io.switchboard.ui.common.InboxSession;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "/shortcut" in the composer: the tenant's canned replies whose shortcut starts with what follows the
 * slash, one highlighted (Up/Down), and Tab or Enter puts the reply in place of "/…" with its
 * variables filled in for the open conversation.
 */
public final class CannedCompletionViewModel {
    private static final int SHOWN = 8;
    private final CannedReplyService replies;
    private final InboxSession session;
    private final StringProperty draft;
    private final Supplier<ConversationSummary> conversation;
    private final Supplier<String> agentName;
    private final ObservableList<CannedReply> all = FXCollections.observableArrayList();
    private final ObservableList<CannedReply> suggestions = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper highlighted = new ReadOnlyIntegerWrapper(this, "highlighted", -1);
    private Completion completing;

    /** {@code draft} is the composer's text; {@code conversation} the open one; {@code agentName} fills {{agent.name}}. */
    public CannedCompletionViewModel(CannedReplyService replies, InboxSession session, StringProperty draft, Supplier<ConversationSummary> conversation,
                                     Supplier<String> agentName) {
        this.replies = replies;
        this.session = session;
        this.draft = draft;
        this.conversation = conversation;
        this.agentName = agentName;
    }

    /** The tenant's replies again (tenant switch, or someone changed them). */
    public void reload() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            all.clear();
            return;
        }
        session.executor().run(() -> replies.list(tenant), list -> {
            if (tenant.equals(session.tenantId())) {
                all.setAll(list);
            }
        }, session.reloadFailure("Could not load canned replies: "));
    }

    /** The composer's text or caret moved: what to offer now. */
    public void typed(String text, int caret) {
        Optional<Completion> slash = Completion.at(text, caret, '/');
        completing = slash.orElse(null);
        if (slash.isEmpty()) {
            dismiss();
            return;
        }
        String q = slash.get().query().toLowerCase(java.util.Locale.ROOT);
        List<CannedReply> starting = all.stream().filter(r -> r.shortcut().startsWith(q)).toList();
        List<CannedReply> containing = all.stream().filter(r -> !r.shortcut().startsWith(q) && r.shortcut().contains(q)).toList();
        suggestions.setAll(java.util.stream.Stream.concat(starting.stream(), containing.stream()).limit(SHOWN).toList());
        highlighted.set(suggestions.isEmpty() ? -1 : 0);
    }

    /** Up (-1) or Down (+1) in the offered replies. */
    public void move(int delta) {
        if (!suggestions.isEmpty()) {
            highlighted.set(Math.floorMod(highlighted.get() + delta, suggestions.size()));
        }
    }

    /** Puts the highlighted reply in; returns the caret position after it, or -1 when nothing was offered. */
    public int accept() {
        int i = highlighted.get();
        return i < 0 || i >= suggestions.size() ? -1 : accept(suggestions.get(i));
    }

    /** Puts {@code reply} in place of "/…", variables filled in; returns the caret position after it. */
    public int accept(CannedReply reply) {
        if (completing == null) {
            return -1;
        }
        // Setting the draft makes the composer report its text again, which replaces the word being completed.
        Completion word = completing;
        String filled = fill(reply);
        draft.set(word.replace(draft.get(), filled));
        dismiss();
        return word.start() + filled.length();
    }

    /** The reply's text for the open conversation, as it would go in. */
    public String fill(CannedReply reply) {
        ConversationSummary c = conversation.get();
        String tenant = session.tenant() == null ? null : session.tenant().name();
        return new ReplyVariables(c == null ? null : c.contactName(), c == null ? null : c.phone(), agentName.get(), tenant).fill(reply.body());
    }

    public void dismiss() {
        completing = null;
        suggestions.clear();
        highlighted.set(-1);
    }

    public boolean showing() {
        return !suggestions.isEmpty();
    }

    public ObservableList<CannedReply> suggestions() {
        return suggestions;
    }

    public ReadOnlyIntegerProperty highlightedProperty() {
        return highlighted.getReadOnlyProperty();
    }
}
