package io.switchboard.ui.inbox;

import io.switchboard.app.Services;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.contacts.ContactPanelViewModel;
import io.switchboard.ui.contacts.ContactsViewModel;
import io.switchboard.ui.tenants.TenantsViewModel;
import io.switchboard.ui.thread.ThreadViewModel;

/**
 * The window's composition root: once the database is up, each view model is built with the
 * services it uses and nothing else. This is the only UI class that sees the process's
 * {@link Services}; it wires and does nothing more.
 */
final class InboxWiring {
    private InboxViewModel inbox;

    private InboxWiring() {
    }

    static InboxViewModel wire(Services services, InboxSession session) {
        return new InboxWiring().build(services, session);
    }

    /** The team inbox's parts (assignment, notes, labels, canned replies, presence) beside the inbox's own. */
    static io.switchboard.ui.team.TeamViewModel team(Services services, InboxSession session, InboxViewModel inbox) {
        return new io.switchboard.ui.team.TeamViewModel(services.team(), services.conversations(), session, inbox.conversationList(), inbox.thread());
    }

    /** The command palette over the window: {@code context} is the window's state, {@code actions} its handlers. */
    static io.switchboard.ui.palette.CommandPaletteViewModel palette(Services services, InboxSession session,
            java.util.function.Supplier<io.switchboard.ui.palette.PaletteContext> context, io.switchboard.ui.palette.PaletteCommands.Actions actions) {
        // services.automations() is asked only when an admin opens the palette: a process without the secrets key still starts.
        return new io.switchboard.ui.palette.CommandPaletteViewModel(tenant -> services.automations().list(tenant), session, context, actions);
    }

    /** The Contacts window's model, with what it can start for the selected contacts (a campaign, an automation run). */
    private static ContactsViewModel contactsWindow(Services services, InboxSession session) {
        ContactsViewModel contacts = new ContactsViewModel(services.contacts(), session);
        contacts.useSelectionActions(new io.switchboard.ui.contacts.SelectionActions(
                ids -> new io.switchboard.ui.campaigns.CampaignWizardViewModel(services.campaigns(), session.tenantId(), ids, session.executor()),
                picked -> new io.switchboard.ui.automations.RunOnContactsViewModel(services.automations(), session.tenantId(), picked, session.executor())));
        return contacts;
    }

    private InboxViewModel build(Services services, InboxSession session) {
        // The parts tell the inbox about the agent's own actions; it exists once they do, hence the lambdas.
        ThreadViewModel thread = new ThreadViewModel(services.conversations(), services.outbox(), services.templates(), session,
                () -> inbox.activity());
        thread.useMedia(new io.switchboard.ui.media.ThreadMediaViewModel(services.media(), session, thread::conversation,
                io.switchboard.ui.media.ThreadMediaViewModel::decodeThumbnail, io.switchboard.ui.media.SystemOpener.desktop()));
        ConversationListViewModel list = new ConversationListViewModel(services.conversations(), session);
        ContactPanelViewModel panel = new ContactPanelViewModel(services.contacts(), services.conversations(), session,
                changed -> inbox.conversationChanged(changed));
        StatusBarViewModel status = new StatusBarViewModel(services.conversations(), services.channels(), session, services::readReplicaNote);
        inbox = new InboxViewModel(services.tenants(), services.conversations(), session, new InboxViewModel.Parts(list, thread, panel, status,
                vm -> contactsWindow(services, session),
                vm -> new TenantsViewModel(services.tenants(), services.teamAgent()
                        ? io.switchboard.ui.tenants.WhatsAppDialogs.listOnly(services.connectedNumbers())
                        : io.switchboard.ui.tenants.WhatsAppDialogs.owner(services::whatsAppAccounts, services::connectionCheck), session,
                        vm::tenantCreated, vm::tenantsChanged)));
        return inbox;
    }
}
