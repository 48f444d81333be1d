package io.switchboard.ui.campaigns;

import io.switchboard.campaign.CampaignStatus;
import io.switchboard.campaign.CampaignSummary;
import io.switchboard.campaign.Campaigns;
import io.switchboard.campaign.CreatedCampaign;
import io.switchboard.campaign.Funnel;
import io.switchboard.campaign.FunnelBucket;
import io.switchboard.campaign.FunnelContact;
import io.switchboard.ui.common.UiExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One campaign's live funnel: its numbers (each clickable to the contacts behind it), failures by Meta's code with
 * our reason, the rates with their definitions, the drill-down list, CSV export, retarget, pause and resume.
 */
public final class CampaignFunnelViewModel {
    /** The numbers shown, in funnel order. */
    public static final List<FunnelBucket> SHOWN = List.of(FunnelBucket.RECIPIENTS, FunnelBucket.OPTED_OUT, FunnelBucket.INVALID, FunnelBucket.WAITING,
            FunnelBucket.QUEUED, FunnelBucket.SENT, FunnelBucket.DELIVERED, FunnelBucket.READ, FunnelBucket.REPLIED, FunnelBucket.FAILED,
            FunnelBucket.LIMITED, FunnelBucket.UNREAD, FunnelBucket.NOT_REPLIED, FunnelBucket.CANCELLED);
    static final int DRILL_LIMIT = 1_000;

    /** One funnel line; {@code code} narrows "failed" to one error code. */
    public record Line(FunnelBucket bucket, String code, String label, int count) {
    }

    private final Campaigns campaigns;
    private final UUID tenantId;
    private final UUID campaignId;
    private final UiExecutor executor;
    private final ObjectProperty<CampaignSummary> summary = new SimpleObjectProperty<>();
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ObservableList<Funnel.Failure> failures = FXCollections.observableArrayList();
    private final ObjectProperty<Line> drilled = new SimpleObjectProperty<>();
    private final ObservableList<FunnelContact> contacts = FXCollections.observableArrayList();
    private final StringProperty rates = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");

    public CampaignFunnelViewModel(Campaigns campaigns, UUID tenantId, UUID campaignId, UiExecutor executor) {
        this.campaigns = campaigns;
        this.tenantId = tenantId;
        this.campaignId = campaignId;
        this.executor = executor;
    }

    private record Loaded(CampaignSummary summary, Funnel funnel) {
    }

    /** Reloads the numbers (and the open drill-down): called when statuses arrive while the window is open. */
    public void refresh() {
        executor.run(() -> new Loaded(campaigns.service().get(tenantId, campaignId).orElseThrow(), campaigns.funnel().funnel(tenantId, campaignId)), l -> {
            summary.set(l.summary());
            lines.setAll(SHOWN.stream().map(b -> new Line(b, null, b.label(), l.funnel().count(b))).toList());
            failures.setAll(l.funnel().failures());
            Funnel f = l.funnel();
            rates.set(String.format(Locale.ROOT, "Delivery %.1f %% · Read %.1f %% · Reply %.1f %%", f.deliveryRate() * 100, f.readRate() * 100,
                    f.replyRate() * 100));
            if (drilled.get() != null) {
                drill(drilled.get());
            }
        }, this::failed);
    }

    /** Shows the contacts behind one number. */
    public void drill(Line line) {
        drilled.set(line);
        executor.run(() -> campaigns.funnel().contacts(tenantId, campaignId, line.bucket(), line.code(), DRILL_LIMIT), list -> contacts.setAll(list),
                this::failed);
    }

    /** The contacts behind "failed" with one code. */
    public void drillFailure(Funnel.Failure failure) {
        drill(new Line(FunnelBucket.FAILED, failure.code(), "failed " + failure.code(), failure.count()));
    }

    /** Writes the drilled contacts (all of them, not only the first thousand shown) as CSV. */
    public void export(Path file) {
        Line line = drilled.get();
        if (line == null) {
            message.set("Click a number first: its contacts are what is exported");
            return;
        }
        executor.run(() -> {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                return campaigns.funnel().exportCsv(tenantId, campaignId, line.bucket(), line.code(), w);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, n -> message.set("Exported " + n + " contacts (" + line.label() + ") to " + file), this::failed);
    }

    /** A new draft to the failed, unread or not-replied recipients. */
    public void retarget(FunnelBucket bucket) {
        executor.run(() -> campaigns.service().retarget(tenantId, campaignId, bucket),
                (CreatedCampaign c) -> message.set("Created a draft to the " + c.recipients() + " " + bucket.label()
                        + " recipients; start it from the campaign list"), this::failed);
    }

    public void pauseOrResume() {
        CampaignSummary s = summary.get();
        if (s == null) {
            return;
        }
        executor.run(() -> s.status() == CampaignStatus.PAUSED ? campaigns.service().resume(tenantId, campaignId)
                : campaigns.service().pause(tenantId, campaignId), updated -> refresh(), this::failed);
    }

    private void failed(Throwable e) {
        message.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    public ObjectProperty<CampaignSummary> summary() {
        return summary;
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    public ObservableList<Funnel.Failure> failures() {
        return failures;
    }

    public ObjectProperty<Line> drilled() {
        return drilled;
    }

    public ObservableList<FunnelContact> contacts() {
        return contacts;
    }

    public StringProperty rates() {
        return rates;
    }

    public StringProperty message() {
        return message;
    }

    public String definitions() {
        return Funnel.DEFINITIONS;
    }
}
