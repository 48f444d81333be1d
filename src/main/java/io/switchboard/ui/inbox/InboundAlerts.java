package io.switchboard.ui.inbox;

import io.switchboard.conversation.ConversationSummary;
import io.switchboard.message.Direction;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.common.MessageKinds;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.stage.Stage;
import org.controlsfx.control.Notifications;

/**
 * Desktop notifications for inbound messages that arrive while the window is in the background.
 * It remembers the newest inbound message already seen, so a reload never announces old ones.
 */
final class InboundAlerts {
    private final Stage stage;
    private final InboxSession session;
    private final Consumer<ConversationSummary> open;
    private Instant newestInboundSeen;

    /** {@code open} shows a conversation when the agent clicks its notification. */
    InboundAlerts(Stage stage, InboxSession session, Consumer<ConversationSummary> open) {
        this.stage = stage;
        this.session = session;
        this.open = open;
    }

    /** Another tenant's rows are not news. */
    void tenantSwitched() {
        newestInboundSeen = null;
    }

    /** The first page of the list was loaded; announces up to three conversations with newer inbound messages. */
    void rowsLoaded(List<ConversationSummary> first) {
        Instant newest = first.stream().filter(r -> r.lastDirection() == Direction.INBOUND && r.lastMessageAt() != null)
                .map(ConversationSummary::lastMessageAt).max(Instant::compareTo).orElse(null);
        Instant seen = newestInboundSeen;
        if (newest != null && (seen == null || newest.isAfter(seen))) {
            newestInboundSeen = newest;
        }
        if (seen == null || stage.isFocused()) {
            return;
        }
        first.stream().filter(r -> r.lastDirection() == Direction.INBOUND && r.lastMessageAt() != null && r.lastMessageAt().isAfter(seen))
                .limit(3).forEach(r -> Notifications.create()
                        .owner(stage)
                        .title(r.title() + " · " + session.tenant().name())
                        .text(r.lastPreview() == null ? MessageKinds.noun(r.lastKind()) : r.lastPreview())
                        .hideAfter(javafx.util.Duration.seconds(6))
                        .onAction(e -> {
                            stage.toFront();
                            open.accept(r);
                        })
                        .showInformation());
    }
}
