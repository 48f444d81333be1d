package io.switchboard.ui.inbox;

import io.switchboard.db.Notifications.Kind;
import io.switchboard.live.Change;
import io.switchboard.live.ChangeListener;
import io.switchboard.ui.common.InboxSession;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.application.Platform;

/**
 * Turns database change notifications into window refreshes. Changes for the selected tenant are
 * gathered for a moment so a burst of webhook rows repaints the window once, not once per row.
 */
final class LiveUpdates implements ChangeListener.Events {
    /** What the window does about changes; called on the FX thread. */
    interface Reactions {
        void tenantsChanged();

        /** One batch of change kinds for the selected tenant. */
        void changed(Set<Kind> kinds);

        void connection(boolean connected, boolean afterLoss, String detail);
    }

    private final Set<Kind> pending = EnumSet.noneOf(Kind.class);
    private final PauseTransition debounce = new PauseTransition(javafx.util.Duration.millis(60));
    private final InboxSession session;
    private final Reactions reactions;

    LiveUpdates(InboxSession session, Reactions reactions) {
        this.session = session;
        this.reactions = reactions;
        debounce.setOnFinished(e -> flush());
    }

    @Override
    public void changed(List<Change> changes) {
        Platform.runLater(() -> received(changes));
    }

    @Override
    public void connection(boolean connected, boolean afterLoss, String detail) {
        Platform.runLater(() -> reactions.connection(connected, afterLoss, detail));
    }

    private void received(List<Change> changes) {
        for (Change c : changes) {
            if (c.kind() == Kind.TENANTS) {
                reactions.tenantsChanged();
            } else if (session.tenantId() != null && c.concerns(session.tenantId())) {
                pending.add(c.kind());
            }
        }
        if (!pending.isEmpty()) {
            debounce.playFromStart();
        }
    }

    private void flush() {
        Set<Kind> kinds = EnumSet.copyOf(pending.isEmpty() ? EnumSet.of(Kind.TENANTS) : pending);
        pending.clear();
        reactions.changed(kinds);
    }
}
