package io.switchboard.ui.palette;

import io.switchboard.automation.AutomationView;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.palette.PaletteContext.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The palette's catalogue: every toolbar and menu action of the window, the open conversation's actions and one
 * "Run automation: NAME" per active manual automation. A command the agent's role may never use is left out (the
 * database would refuse it anyway, team-access-01); one that cannot run right now is listed with the reason.
 */
public final class PaletteCommands {
    static final String NO_TENANT = "Pick a tenant first";
    static final String NO_CONVERSATION = "Open a conversation first";

    /** What the window does for each command; the window implements it with its existing handlers. */
    public interface Actions {
        void openContacts();

        void openTemplates();

        void openCampaigns();

        void newCampaign();

        void openAutomations();

        void openStats();

        void openAudit();

        void openBackup();

        void openTenants();

        /** The team settings window on tab 0 (canned replies), 1 (labels) or 2 (automatic assignment). */
        void openTeamSettings(int tab);

        void assignToMe();

        void assignTo();

        void unassign();

        void closeConversation();

        void reopenConversation();

        /** Asks to run {@code automation} on the open conversation's contact, as Run… in Contacts does. */
        void runAutomation(AutomationView automation);

        void searchConversations();

        void switchTenant(TenantView tenant);

        void toggleTheme();

        void toggleContactPanel();

        void showShortcuts();
    }

    private PaletteCommands() {
    }

    /** The commands for {@code ctx}, in the order the palette lists them before anything is typed or used. */
    public static List<PaletteCommand> of(PaletteContext ctx, Actions a) {
        List<PaletteCommand> all = new ArrayList<>();
        Role role = ctx.role();
        boolean tenant = ctx.tenant() != null;
        all.add(tenantScoped(ctx, new PaletteCommand("search", "Search conversations", "Ctrl+K", null, a::searchConversations)));
        conversationCommands(ctx, a, all);
        for (AutomationView auto : ctx.manualAutomations()) {
            all.add(new PaletteCommand("run-automation:" + auto.id(), "Run automation: " + auto.name(), null, null, () -> a.runAutomation(auto))
                    .unless(ctx.open() != null, NO_CONVERSATION));
        }
        all.add(tenantScoped(ctx, new PaletteCommand("contacts", "Open Contacts", null, null, a::openContacts)));
        all.add(tenantScoped(ctx, new PaletteCommand("templates", "Open Templates", null, null, a::openTemplates)));
        if (role.atLeast(Role.SUPERVISOR)) {
            all.add(tenantScoped(ctx, new PaletteCommand("campaigns", "Open Campaigns", null, null, a::openCampaigns)));
        }
        if (role.atLeast(Role.ADMIN)) {
            all.add(tenantScoped(ctx, new PaletteCommand("new-campaign", "New campaign…", null, null, a::newCampaign)));
            all.add(tenantScoped(ctx, new PaletteCommand("automations", "Open Automations", null, null, a::openAutomations)));
        }
        if (role.atLeast(Role.SUPERVISOR)) {
            all.add(new PaletteCommand("stats", "Open Stats", "Ctrl+Shift+S", null, a::openStats));
            all.add(tenantScoped(ctx, new PaletteCommand("team-canned", "Team: Canned replies…", null, null, () -> a.openTeamSettings(0))));
            all.add(tenantScoped(ctx, new PaletteCommand("team-labels", "Team: Labels…", null, null, () -> a.openTeamSettings(1))));
            all.add(tenantScoped(ctx, new PaletteCommand("team-rules", "Team: Automatic assignment…", null, null, () -> a.openTeamSettings(2))));
        }
        if (role.atLeast(Role.ADMIN)) {
            all.add(tenantScoped(ctx, new PaletteCommand("audit", "Open Audit log", null, null, a::openAudit)));
            all.add(new PaletteCommand("backup", "Back up / Restore…", null, null, a::openBackup));
        }
        all.add(new PaletteCommand("tenants", "Open Tenants", null, null, a::openTenants));
        for (int i = 0; i < ctx.tenants().size(); i++) {
            TenantView t = ctx.tenants().get(i);
            if (!tenant || !t.id().equals(ctx.tenant().id())) {
                all.add(new PaletteCommand("tenant:" + t.id(), "Switch to tenant: " + t.name(), i < 9 ? "Ctrl+" + (i + 1) : null, null,
                        () -> a.switchTenant(t)));
            }
        }
        all.add(new PaletteCommand("theme", "Switch theme (light, dark, system)", null, null, a::toggleTheme));
        all.add(new PaletteCommand("panel", "Show or hide the contact panel", null, null, a::toggleContactPanel));
        all.add(new PaletteCommand("shortcuts", "Show keyboard shortcuts", "F1", null, a::showShortcuts));
        return all;
    }

    /** Assignment and status of the open conversation, each with the rule that stops it (team_assignment_rule for agents). */
    private static void conversationCommands(PaletteContext ctx, Actions a, List<PaletteCommand> all) {
        var open = ctx.open();
        boolean assigned = open != null && open.assignedAgentId() != null;
        boolean manages = ctx.role().atLeast(Role.SUPERVISOR);
        all.add(needsOpen(ctx, new PaletteCommand("assign-me", "Assign the open conversation to me", "Ctrl+Shift+M", null, a::assignToMe))
                .unless(!ctx.openIsMine(), "It is already assigned to you")
                .unless(manages || !assigned, "Assigned to " + (open == null ? "" : open.assignedAgentName())
                        + ": only supervisors and admins take a conversation over"));
        if (manages) {
            all.add(needsOpen(ctx, new PaletteCommand("assign-to", "Assign the open conversation to…", "Ctrl+Shift+A", null, a::assignTo)));
        }
        all.add(needsOpen(ctx, new PaletteCommand("unassign", "Unassign the open conversation", "Ctrl+Shift+U", null, a::unassign))
                .unless(assigned, "Nobody has it")
                .unless(manages || ctx.openIsMine(), "Only supervisors and admins unassign someone else's conversation"));
        all.add(needsOpen(ctx, new PaletteCommand("close", "Close the open conversation", null, null, a::closeConversation))
                .unless(ctx.openIsOpen(), "It is already closed"));
        all.add(needsOpen(ctx, new PaletteCommand("reopen", "Reopen the open conversation", null, null, a::reopenConversation))
                .unless(!ctx.openIsOpen(), "It is open"));
    }

    private static PaletteCommand tenantScoped(PaletteContext ctx, PaletteCommand c) {
        return c.unless(ctx.tenant() != null, NO_TENANT);
    }

    private static PaletteCommand needsOpen(PaletteContext ctx, PaletteCommand c) {
        return tenantScoped(ctx, c).unless(ctx.open() != null, NO_CONVERSATION);
    }
}
