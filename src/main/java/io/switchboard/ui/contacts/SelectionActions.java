package io.switchboard.ui.contacts;

import io.switchboard.contact.ContactView;
import io.switchboard.ui.automations.RunOnContactsViewModel;
import io.switchboard.ui.campaigns.CampaignWizardViewModel;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the Contacts window can start for its selected contacts, built by the composition root (it holds the
 * services): the New campaign wizard for those contact ids, and a manual automation run on those contacts.
 */
public record SelectionActions(Function<List<UUID>, CampaignWizardViewModel> campaign,
                               Function<List<ContactView>, RunOnContactsViewModel> automation) {
}
