package io.switchboard.ui.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.automation.ActionType;
import io.switchboard.automation.AutomationDraft;
import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.automation.Recipes;
import io.switchboard.automation.TriggerType;
import io.switchboard.campaign.CampaignKit;
import io.switchboard.campaign.Campaigns;
import io.switchboard.contact.ContactService;
import io.switchboard.contact.ContactView;
import io.switchboard.tenant.TenantService;
import io.switchboard.ui.automations.RunOnContactsViewModel;
import io.switchboard.ui.campaigns.CampaignWizardViewModel;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Contacts window's actions on its selected rows (a campaign, a manual automation run), on the embedded database without a window. */
class ContactSelectionActionsTest {
    private final CampaignKit kit = new CampaignKit();
    private final AutomationService automations = new AutomationService(kit.db, kit.fx.secrets);
    private ContactsViewModel contacts;

    @BeforeEach
    void setUp() {
        kit.contacts(1, 4, "Lisbon");
        InboxSession session = new InboxSession(new ImmediateExecutor(), Instant::now);
        session.tenantProperty().set(new TenantService(kit.db).get(kit.tenant));
        contacts = new ContactsViewModel(new ContactService(kit.db), session);
        Campaigns campaigns = Campaigns.of(kit.db);
        contacts.useSelectionActions(new SelectionActions(
                ids -> new CampaignWizardViewModel(campaigns, session.tenantId(), ids, session.executor()),
                picked -> new RunOnContactsViewModel(automations, session.tenantId(), picked, session.executor())));
        contacts.reload();
        assertThat(contacts.rows()).hasSize(4);
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void aCampaignToTheSelectedContactsReachesExactlyThem() {
        assertThat(contacts.anySelectedBinding().get()).isFalse();
        assertThat(contacts.campaignToSelected()).isNull();
        ContactView second = contacts.rows().get(1);
        ContactView fourth = contacts.rows().get(3);
        contacts.selection().setAll(second, fourth);
        assertThat(contacts.anySelectedBinding().get()).isTrue();

        CampaignWizardViewModel wizard = contacts.campaignToSelected();
        wizard.load();
        assertThat(wizard.audiences()).contains("Selected contacts");
        assertThat(wizard.audience().get()).isEqualTo("Selected contacts");
        wizard.name().set("Two of four");
        wizard.variables().get(1).source().set("metadata.order");
        wizard.preview();
        assertThat(wizard.previewText().get()).as(wizard.message().get()).startsWith("2 recipients (2 matching");
        AtomicReference<UUID> created = new AtomicReference<>();
        wizard.create(created::set);
        assertThat(created.get()).as(wizard.message().get()).isNotNull();
        assertThat(kit.count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ?", created.get())).isEqualTo(2);
        assertThat(kit.count("SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = ? AND contact_id IN (?, ?)",
                created.get(), second.id(), fourth.id())).isEqualTo(2);
    }

    @Test
    void anAutomationRunsOnTheSelectedContactsAndShowsEachOutcome() {
        ObjectNode action = new ObjectMapper().createObjectNode();
        action.putObject("metadata").put("tier", "{{trigger.tier}}");
        ObjectNode none = new ObjectMapper().createObjectNode();
        AutomationView tag = automations.create(kit.tenant,
                new AutomationDraft("Tag tier", null, TriggerType.MANUAL, none, ActionType.UPDATE_CONTACT, action, AutomationStatus.ACTIVE));
        automations.create(kit.tenant,
                new AutomationDraft("Off", null, TriggerType.MANUAL, none, ActionType.UPDATE_CONTACT, action, AutomationStatus.INACTIVE));
        automations.create(kit.tenant, Recipes.byName("greeting", null)); // active, but runs on messages: not offered

        assertThat(contacts.automationOnSelected()).isNull();
        ContactView first = contacts.rows().get(0);
        ContactView third = contacts.rows().get(2);
        contacts.selection().setAll(first, third);
        RunOnContactsViewModel run = contacts.automationOnSelected();
        assertThat(run.heading()).contains("2 contacts").contains(first.phone()).contains(third.phone());
        run.load();
        assertThat(run.choices()).extracting(AutomationView::name).containsExactly("Tag tier");
        assertThat(run.chosen().get().id()).isEqualTo(tag.id());

        run.variables().set("tier gold");
        run.run();
        assertThat(run.message().get()).startsWith("variables:").contains("KEY=VALUE");
        assertThat(kit.count("SELECT COUNT(*) FROM automation_runs")).isZero();

        run.variables().set("tier=gold");
        run.run();
        assertThat(run.outcomes()).hasSize(2);
        assertThat(run.outcomes().get(0)).startsWith(first.phone() + " — succeeded");
        assertThat(run.outcomes().get(1)).startsWith(third.phone() + " — succeeded");
        assertThat(run.message().get()).isEqualTo("Tag tier: 2 runs, 2 succeeded, 0 failed.");
        assertThat(kit.count("SELECT COUNT(*) FROM contacts WHERE metadata->>'tier' = 'gold'")).isEqualTo(2);
        assertThat(kit.count("SELECT COUNT(*) FROM contacts WHERE metadata->>'tier' = 'gold' AND id IN (?, ?)", first.id(), third.id())).isEqualTo(2);
        assertThat(kit.count("SELECT COUNT(*) FROM automation_runs WHERE trigger_type = 'manual' AND status = 'succeeded'")).isEqualTo(2);
    }
}
