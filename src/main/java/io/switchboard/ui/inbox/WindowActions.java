package io.switchboard.ui.inbox;

import io.switchboard.app.Services;
import io.switchboard.automation.AutomationView;
import io.switchboard.contact.ContactView;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.team.AgentView;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.contacts.ContactsView;
import io.switchboard.ui.palette.PaletteCommands;
import io.switchboard.ui.palette.PaletteContext;
import io.switchboard.ui.team.TeamInboxView;
import io.switchboard.ui.team.TeamViewModel;
import io.switchboard.ui.tenants.TenantsView;
import io.switchboard.ui.thread.ThreadView;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;

/**
 * What the window can be asked to do, in one place for the toolbar, the keyboard shortcuts and the command
 * palette: open a screen, act on the open conversation, switch tenant, theme or panel. Every action does nothing
 * until the backend is connected; the rules (who may do what) stay in the view models and the database.
 */
final class WindowActions implements PaletteCommands.Actions, Shortcuts.Actions {
    /** The window's parts the actions drive. */
    record Parts(Stage stage, InboxSession session, ConversationListView conversations, ThreadView thread, ComboBox<TenantView> tenantBox,
                 ThemeSwitch theme, javafx.scene.control.ToggleButton panelToggle, Shortcuts shortcuts) {
    }

    private final Parts w;
    private final AdminScreens screens;
    private InboxViewModel model;
    private TeamViewModel teamModel;
    private TeamInboxView team;
    private Stage contactsWindow;

    WindowActions(Parts parts) {
        this.w = parts;
        this.screens = new AdminScreens(parts.stage());
    }

    void connected(Services ready, InboxViewModel inbox) {
        screens.connected(ready);
        this.model = inbox;
    }

    void team(TeamViewModel m, TeamInboxView view) {
        this.teamModel = m;
        this.team = view;
    }

    /** The window's state for the palette (its automations are the palette's to load). */
    PaletteContext paletteContext() {
        AgentView me = teamModel == null ? null : teamModel.meProperty().get();
        return new PaletteContext(me == null ? null : PaletteContext.Role.of(me.role()), me == null ? null : me.id(), w.session().tenant(),
                model == null ? null : model.thread().conversation(), java.util.List.of(), model == null ? java.util.List.of() : model.tenants());
    }

    @Override
    public void focusSearch() {
        if (model != null) {
            w.conversations().focusSearch();
        }
    }

    @Override
    public void move(int delta) {
        if (model != null) {
            w.conversations().move(delta);
            w.thread().focusComposer();
        }
    }

    /** Ctrl+1…9: whether there was a tenant at that position. */
    boolean switchTenantAt(int index) {
        return model != null && model.tenantAt(index).map(t -> {
            w.tenantBox().setValue(t);
            return true;
        }).orElse(false);
    }

    @Override
    public void openContacts() {
        if (model == null || w.session().tenantId() == null) {
            return;
        }
        if (contactsWindow != null && contactsWindow.isShowing()) {
            contactsWindow.toFront();
            return;
        }
        contactsWindow = ContactsView.open(w.stage(), model.openContacts());
        contactsWindow.setOnHidden(e -> model.contactsClosed());
    }

    @Override
    public void openTenants() {
        if (model != null) {
            TenantsView.open(w.stage(), model.tenantsDialog());
        }
    }

    @Override
    public void openTemplates() {
        screens.templates(w.session().tenant());
    }

    @Override
    public void openCampaigns() {
        screens.campaigns(w.session().tenant());
    }

    @Override
    public void newCampaign() {
        screens.newCampaign(w.session().tenant());
    }

    @Override
    public void openAutomations() {
        ConversationSummary open = open().orElse(null);
        screens.automations(w.session().tenant(), open == null ? null : open.phone());
    }

    @Override
    public void openStats() {
        screens.stats(w.session().tenant());
    }

    @Override
    public void openAudit() {
        screens.audit(w.session().tenant());
    }

    @Override
    public void openBackup() {
        screens.backup();
    }

    @Override
    public void openTeamSettings(int tab) {
        if (team != null) {
            team.openSettings(tab);
        }
    }

    @Override
    public void assignToMe() {
        if (teamModel != null) {
            teamModel.header().assignToMe();
        }
    }

    @Override
    public void assignTo() {
        if (team != null) {
            team.showAssignMenu();
        }
    }

    @Override
    public void unassign() {
        if (teamModel != null) {
            teamModel.header().unassign();
        }
    }

    @Override
    public void closeConversation() {
        if (model != null) {
            model.contactPanel().closeConversation();
        }
    }

    @Override
    public void reopenConversation() {
        if (model != null) {
            model.contactPanel().reopenConversation();
        }
    }

    @Override
    public void runAutomation(AutomationView automation) {
        // Run… reads only the contact's id, name and phone, which the open conversation's row carries.
        open().ifPresent(c -> screens.runAutomation(w.session().tenant(),
                new ContactView(c.contactId(), c.contactName(), c.phone(), null, Map.of(), null, null, c.lastInboundAt()), automation,
                w.session().executor()));
    }

    @Override
    public void searchConversations() {
        focusSearch();
    }

    @Override
    public void switchTenant(TenantView tenant) {
        if (model != null) {
            w.tenantBox().setValue(tenant);
        }
    }

    @Override
    public void toggleTheme() {
        w.theme().cycle();
    }

    @Override
    public void toggleContactPanel() {
        w.panelToggle().fire(); // flips the toolbar's toggle, whose action shows or hides the panel
    }

    @Override
    public void showShortcuts() {
        w.shortcuts().toggleHelp();
    }

    private Optional<ConversationSummary> open() {
        return Optional.ofNullable(model == null ? null : model.thread().conversation());
    }
}
