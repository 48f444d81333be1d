package io.switchboard.ui.inbox;

import io.switchboard.app.Services;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.backup.BackupView;
import io.switchboard.ui.stats.KeptStatsWindow;
import io.switchboard.ui.templates.TemplatesView;
import javafx.stage.Stage;

/**
 * The toolbar's windows that build their own view models from the backend (Templates, Stats, Backup):
 * each does nothing until the backend is connected. Stats stays one window, built ahead and kept (KeptStatsWindow).
 */
final class AdminScreens {
    private final Stage owner;
    private Services services;
    private KeptStatsWindow stats;

    AdminScreens(Stage owner) {
        this.owner = owner;
    }

    void connected(Services ready) {
        services = ready;
        stats = new KeptStatsWindow(owner, ready);
        stats.prepareWhenIdle();
    }

    void templates(TenantView tenant) {
        if (services != null && tenant != null) {
            TemplatesView.open(owner, services, tenant.id(), tenant.name());
        }
    }

    void campaigns(TenantView tenant) {
        if (services != null && tenant != null) {
            io.switchboard.ui.campaigns.CampaignsView.open(owner, services, tenant.id(), tenant.name(), java.util.List::of);
        }
    }

    /** Automations; Run… offers the open conversation's contact ({@code openPhone}, may be null). */
    void automations(TenantView tenant, String openPhone) {
        if (services != null && tenant != null) {
            io.switchboard.ui.automations.AutomationsView.open(owner, services, tenant.id(), tenant.name(), openPhone);
        }
    }

    /** The campaign wizard straight away (the command palette's "New campaign…"). */
    void newCampaign(TenantView tenant) {
        if (services != null && tenant != null) {
            io.switchboard.ui.campaigns.CampaignWizardView.open(owner, services, tenant.id(), tenant.name(), java.util.List.of(), created -> { });
        }
    }

    /** Run… for one contact with {@code automation} chosen: the same dialog, confirmation and outcomes as in Contacts. */
    void runAutomation(TenantView tenant, io.switchboard.contact.ContactView contact, io.switchboard.automation.AutomationView automation,
                       io.switchboard.ui.common.UiExecutor executor) {
        if (services != null && tenant != null) {
            var run = new io.switchboard.ui.automations.RunOnContactsViewModel(services.automations(), tenant.id(), java.util.List.of(contact), executor);
            run.prefer(automation.id());
            io.switchboard.ui.automations.RunOnContactsView.open(owner, run, tenant.name());
        }
    }

    void stats(TenantView tenant) {
        if (services == null) {
            return;
        }
        stats.show(tenant == null ? null : tenant.id());
    }

    /** The tenant's audit log (admins; the database shows nothing to others). */
    void audit(TenantView tenant) {
        if (services != null && tenant != null) {
            io.switchboard.ui.audit.AuditLogView.open(owner, services.auditLog(), tenant.id(), tenant.name());
        }
    }

    void backup() {
        if (services != null) {
            BackupView.open(owner, services);
        }
    }
}
