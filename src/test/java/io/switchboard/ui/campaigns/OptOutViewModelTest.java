package io.switchboard.ui.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.campaign.CampaignKit;
import io.switchboard.campaign.OptOuts;
import io.switchboard.ui.common.ImmediateExecutor;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contact panel's opt-out switch, without a display. */
class OptOutViewModelTest {
    private final CampaignKit kit = new CampaignKit();

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void showsSetsAndClearsTheOptOut() {
        kit.contacts(1, 2, "Lisbon");
        UUID first = UUID.fromString(kit.one("SELECT id FROM contacts WHERE phone = '+12025550001'"));
        UUID second = UUID.fromString(kit.one("SELECT id FROM contacts WHERE phone = '+12025550002'"));
        kit.exec("UPDATE contacts SET opted_out_at = NOW(), opt_out_source = 'keyword' WHERE id = ?", second);
        OptOutViewModel model = new OptOutViewModel(new OptOuts(kit.db), () -> kit.tenant, new ImmediateExecutor());
        model.show(first);
        assertThat(model.optedOut().get()).isFalse();
        assertThat(model.detail().get()).isEqualTo("Receives campaigns");
        model.set(true);
        assertThat(model.optedOut().get()).isTrue();
        assertThat(model.detail().get()).startsWith("Receives no campaigns since").endsWith("(set by an agent)");
        assertThat(kit.one("SELECT opt_out_source FROM contacts WHERE id = ?", first)).isEqualTo("agent");
        model.show(second);
        assertThat(model.detail().get()).endsWith("(wrote a stop keyword)");
        model.set(false);
        assertThat(kit.count("SELECT COUNT(*) FROM contacts WHERE opted_out_at IS NOT NULL AND id = ?", second)).isZero();
        model.show(UUID.randomUUID());
        assertThat(model.detail().get()).startsWith("contact: no contact");
    }
}
