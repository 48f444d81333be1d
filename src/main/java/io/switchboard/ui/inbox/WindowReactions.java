package io.switchboard.ui.inbox;

import io.switchboard.db.Notifications.Kind;
import io.switchboard.ui.contacts.ContactPanelView;
import io.switchboard.ui.team.TeamInboxView;
import io.switchboard.ui.thread.ThreadView;
import java.util.Optional;
import java.util.Set;

/** How the window's parts follow database changes and the live connection (from {@link LiveUpdates}, on the FX thread). */
final class WindowReactions implements LiveUpdates.Reactions {
    private final InboxViewModel model;
    private final TeamInboxView team;
    private final ThreadView thread;
    private final ContactPanelView contactPanel;

    WindowReactions(InboxViewModel model, TeamInboxView team, ThreadView thread, ContactPanelView contactPanel) {
        this.model = model;
        this.team = team;
        this.thread = thread;
        this.contactPanel = contactPanel;
    }

    @Override
    public void tenantsChanged() {
        model.reloadTenants(Optional.empty());
    }

    @Override
    public void changed(Set<Kind> kinds) {
        InboxViewModel.Changes changes = model.changed(kinds);
        team.changed(kinds);
        if (changes.thread()) {
            thread.refresh();
        }
        if (changes.contact()) {
            contactPanel.refresh();
        }
    }

    @Override
    public void connection(boolean connected, boolean afterLoss, String detail) {
        model.statusBar().live(connected, afterLoss, detail);
        if (connected && afterLoss) {
            model.reconnected();
            team.reload();
            thread.refresh();
            contactPanel.refresh();
        }
    }
}
