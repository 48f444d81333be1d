package io.switchboard.ui.campaigns;

import io.switchboard.campaign.CampaignStatus;
import io.switchboard.campaign.CampaignSummary;
import io.switchboard.campaign.Campaigns;
import io.switchboard.campaign.CreatedCampaign;
import io.switchboard.ui.common.UiExecutor;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The campaign list: the tenant's campaigns filtered by status, the selection, which moves the selection allows,
 * and the moves themselves (start, pause, resume, cancel, duplicate). Rules live in the campaign service; this
 * only says what it answered.
 */
public final class CampaignsViewModel {
    public static final List<String> FILTERS = List.of("all", "draft", "scheduled", "running", "paused", "completed", "cancelled");

    private final Campaigns campaigns;
    private final UUID tenantId;
    private final UiExecutor executor;
    private final ObservableList<CampaignSummary> rows = FXCollections.observableArrayList();
    private final StringProperty statusFilter = new SimpleStringProperty("all");
    private final ObjectProperty<CampaignSummary> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty canStart = new SimpleBooleanProperty();
    private final BooleanProperty canPause = new SimpleBooleanProperty();
    private final BooleanProperty canResume = new SimpleBooleanProperty();
    private final BooleanProperty canCancel = new SimpleBooleanProperty();
    private long generation;

    public CampaignsViewModel(Campaigns campaigns, UUID tenantId, UiExecutor executor) {
        this.campaigns = campaigns;
        this.tenantId = tenantId;
        this.executor = executor;
        statusFilter.addListener((obs, old, v) -> refresh());
        selected.addListener((obs, old, s) -> {
            CampaignStatus st = s == null ? null : s.status();
            canStart.set(st == CampaignStatus.DRAFT || st == CampaignStatus.SCHEDULED);
            canPause.set(st == CampaignStatus.RUNNING);
            canResume.set(st == CampaignStatus.PAUSED);
            canCancel.set(st != null && st != CampaignStatus.COMPLETED && st != CampaignStatus.CANCELLED);
        });
    }

    public ObservableList<CampaignSummary> rows() {
        return rows;
    }

    public StringProperty statusFilter() {
        return statusFilter;
    }

    public ObjectProperty<CampaignSummary> selected() {
        return selected;
    }

    public StringProperty message() {
        return message;
    }

    public BooleanProperty canStart() {
        return canStart;
    }

    public BooleanProperty canPause() {
        return canPause;
    }

    public BooleanProperty canResume() {
        return canResume;
    }

    public BooleanProperty canCancel() {
        return canCancel;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public Campaigns campaigns() {
        return campaigns;
    }

    /** Reloads the list, keeping the selected campaign selected; an older reload finishing late never wins. */
    public void refresh() {
        long mine = ++generation;
        String f = statusFilter.get();
        CampaignStatus status = f == null || f.equals("all") ? null : CampaignStatus.fromCode(f);
        executor.run(() -> campaigns.service().list(tenantId, status), list -> {
            if (mine != generation) {
                return;
            }
            UUID keep = selected.get() == null ? null : selected.get().id();
            rows.setAll(list);
            selected.set(keep == null ? null : list.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null));
        }, this::failed);
    }

    public void start() {
        move("Started", () -> campaigns.service().start(tenantId, selectedId()));
    }

    public void pause() {
        move("Paused", () -> campaigns.service().pause(tenantId, selectedId()));
    }

    public void resume() {
        move("Resumed", () -> campaigns.service().resume(tenantId, selectedId()));
    }

    public void cancel() {
        move("Cancelled", () -> campaigns.service().cancel(tenantId, selectedId()));
    }

    /** A new draft with the selected campaign's template, variables and audience condition. */
    public void duplicate() {
        if (selected.get() == null) {
            return;
        }
        UUID id = selectedId();
        executor.run(() -> campaigns.service().duplicate(tenantId, id), (CreatedCampaign c) -> {
            message.set("Created a copy as a draft to " + c.recipients() + " recipients");
            refresh();
        }, this::failed);
    }

    private UUID selectedId() {
        return selected.get().id();
    }

    private void move(String done, Supplier<CampaignSummary> work) {
        if (selected.get() == null) {
            return;
        }
        String name = selected.get().name();
        executor.run(work, s -> {
            message.set(done + " \u201c" + name + "\u201d: " + s.status().code());
            refresh();
        }, this::failed);
    }

    private void failed(Throwable e) {
        message.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The list's progress column: "37 % · 1,200 waiting" or the reason it is paused or waits. */
    public static String progressText(CampaignSummary s) {
        String base = String.format(Locale.ROOT, "%.0f %%", s.progress() * 100);
        if (s.status() == CampaignStatus.PAUSED && s.pauseReason() != null) {
            return base + " · paused: " + s.pauseReason();
        }
        if (s.waitingReason() != null) {
            return base + " · " + s.waitingReason();
        }
        return s.waiting() > 0 && s.status() == CampaignStatus.RUNNING ? base + " · " + s.waiting() + " waiting" : base;
    }
}
