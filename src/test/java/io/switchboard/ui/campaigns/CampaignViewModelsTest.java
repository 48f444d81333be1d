package io.switchboard.ui.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.campaign.CampaignKit;
import io.switchboard.campaign.CampaignStatus;
import io.switchboard.campaign.CampaignWorker;
import io.switchboard.campaign.Campaigns;
import io.switchboard.campaign.FunnelBucket;
import io.switchboard.ui.common.ImmediateExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign screens' view models against the real database, without a display. */
class CampaignViewModelsTest {
    private final CampaignKit kit = new CampaignKit();
    private final Campaigns campaigns = Campaigns.of(kit.db);
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void theWizardPreviewsRefusesAndCreates() {
        kit.contacts(1, 30, "Lisbon");
        kit.contacts(31, 10, "Porto");
        kit.exec("UPDATE whatsapp_accounts SET messaging_limit_tier = 'TIER_250'");
        CampaignWizardViewModel wizard = new CampaignWizardViewModel(campaigns, kit.tenant, List.of(), new ImmediateExecutor());
        wizard.load();
        assertThat(wizard.template().get().name()).isEqualTo(CampaignKit.TEMPLATE);
        assertThat(wizard.variables()).extracting(CampaignWizardViewModel.Variable::label).containsExactly("Body {{1}}", "Body {{2}}");
        assertThat(wizard.audiences()).doesNotContain("Selected contacts");
        wizard.name().set("Porto news");
        wizard.audience().set("Filter");
        wizard.filter().set("city=Porto");
        wizard.variables().get(1).source().set("metadata.coupon");
        wizard.preview();
        assertThat(wizard.previewText().get()).startsWith("10 recipients (10 matching, 0 opted out and 0 with an invalid phone excluded)");
        assertThat(wizard.message().get()).contains("variable {{2}}: is filled from metadata coupon, which is empty for 10 recipients");
        AtomicReference<UUID> created = new AtomicReference<>();
        wizard.create(created::set);
        assertThat(created.get()).isNull();
        assertThat(kit.count("SELECT COUNT(*) FROM campaigns")).isZero();

        wizard.variables().get(1).source().set("metadata.order");
        wizard.preview();
        assertThat(wizard.message().get()).isEqualTo("Ready to create");
        assertThat(wizard.previewText().get()).contains("Hi Customer 3").doesNotContain("Warning");
        wizard.audience().set("All contacts");
        wizard.preview();
        assertThat(wizard.previewText().get()).startsWith("40 recipients");
        wizard.startAt().set("2099-05-01T10:00");
        wizard.cap().set("120");
        wizard.create(created::set);
        assertThat(created.get()).isNotNull();
        assertThat(kit.campaigns.get(kit.tenant, created.get()).orElseThrow().status()).isEqualTo(CampaignStatus.SCHEDULED);
        assertThat(kit.campaigns.get(kit.tenant, created.get()).orElseThrow().capPerMinute()).isEqualTo(120);
    }

    @Test
    void theListMovesTheSelectedCampaignAndTheFunnelDrillsExportsAndRetargets() throws Exception {
        kit.contacts(1, 12, "Lisbon");
        UUID id = kit.createAll("Autumn").id();
        CampaignsViewModel list = new CampaignsViewModel(campaigns, kit.tenant, new ImmediateExecutor());
        list.refresh();
        assertThat(list.rows()).hasSize(1);
        list.selected().set(list.rows().get(0));
        assertThat(list.canStart().get()).isTrue();
        assertThat(list.canResume().get()).isFalse();
        list.start();
        assertThat(list.selected().get().status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(list.canPause().get()).isTrue();
        new CampaignWorker(kit.db).tick();
        list.refresh();
        assertThat(CampaignsViewModel.progressText(list.selected().get())).isEqualTo("100 %");
        list.statusFilter().set("draft");
        assertThat(list.rows()).isEmpty();
        list.statusFilter().set("all");

        kit.exec("UPDATE messages SET status = 'failed', failed_at = NOW(), error_code = '131026', error_title = 'Message undeliverable' "
                + "WHERE campaign_id = ? AND contact_id IN (SELECT id FROM contacts WHERE phone IN ('+12025550001', '+12025550002', '+12025550003'))", id);
        kit.exec("UPDATE messages SET status = 'delivered', sent_at = NOW(), delivered_at = NOW() WHERE campaign_id = ? AND status = 'queued'", id);
        CampaignFunnelViewModel funnel = new CampaignFunnelViewModel(campaigns, kit.tenant, id, new ImmediateExecutor());
        funnel.refresh();
        assertThat(funnel.lines()).filteredOn(l -> l.bucket() == FunnelBucket.DELIVERED).singleElement().extracting(CampaignFunnelViewModel.Line::count)
                .isEqualTo(9);
        assertThat(funnel.rates().get()).isEqualTo("Delivery 100.0 % · Read 0.0 % · Reply 0.0 %");
        assertThat(funnel.failures()).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("131026"));
        funnel.drillFailure(funnel.failures().get(0));
        assertThat(funnel.contacts()).extracting(c -> c.phone()).containsExactlyInAnyOrder("+12025550001", "+12025550002", "+12025550003");
        Path csv = dir.resolve("failed.csv");
        funnel.export(csv);
        assertThat(Files.readAllLines(csv)).hasSize(4);
        assertThat(funnel.message().get()).startsWith("Exported 3 contacts (failed 131026)");
        funnel.retarget(FunnelBucket.UNREAD);
        assertThat(funnel.message().get()).isEqualTo("Created a draft to the 9 unread recipients; start it from the campaign list");
        list.refresh();
        assertThat(list.rows()).hasSize(2);
        list.selected().set(list.rows().stream().filter(r -> r.status() == CampaignStatus.DRAFT).findFirst().orElseThrow());
        list.cancel();
        assertThat(list.message().get()).contains("cancelled");
        list.selected().set(list.rows().stream().filter(r -> r.status() == CampaignStatus.CANCELLED).findFirst().orElseThrow());
        list.resume();
        assertThat(list.message().get()).isEqualTo("status: cannot resume a cancelled campaign (only a paused one)");
    }
}
