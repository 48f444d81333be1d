package io.switchboard.ui.stats;

import io.switchboard.stats.Breakdown;
import io.switchboard.stats.DayVolume;
import io.switchboard.stats.DeliveryFunnel;
import io.switchboard.stats.FailedMessage;
import io.switchboard.stats.FailureReason;
import io.switchboard.stats.HourVolume;
import io.switchboard.stats.NumberHealth;
import io.switchboard.stats.ResponseTimes;
import io.switchboard.stats.StatsRange;
import io.switchboard.stats.StatsReport;
import io.switchboard.stats.StatsService;
import io.switchboard.stats.StatsTable;
import io.switchboard.stats.StatsTables;
import io.switchboard.tenant.TenantView;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Stats view's state: which tenant and range, and the figures of the last report, as properties
 * the view binds to. Reports are read on {@code background} and land on {@code fx}; a newer request
 * makes an older answer void. Database changes for the shown tenant refresh it at most every
 * {@link #LIVE_DELAY}, in place (lists are updated, never replaced, so the user's scroll stays).
 */
public final class StatsViewModel {
    /** How long change notifications are gathered before one refresh (the issue allows 2 s). */
    public static final Duration LIVE_DELAY = Duration.ofMillis(1500);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final StatsService stats;
    private final Supplier<List<TenantView>> tenantSource;
    private final Executor background;
    private final Executor fx;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean refreshScheduled = new AtomicBoolean();

    public final ObservableList<TenantChoice> tenants = FXCollections.observableArrayList();
    public final ObjectProperty<TenantChoice> tenant = new SimpleObjectProperty<>();
    public final ObjectProperty<RangePreset> preset = new SimpleObjectProperty<>(RangePreset.DAYS_30);
    public final ObjectProperty<LocalDate> customFrom = new SimpleObjectProperty<>();
    public final ObjectProperty<LocalDate> customTo = new SimpleObjectProperty<>();

    public final ObjectProperty<StatsReport> report = new SimpleObjectProperty<>();
    public final BooleanProperty loading = new SimpleBooleanProperty();
    public final StringProperty error = new SimpleStringProperty();
    public final StringProperty rangeText = new SimpleStringProperty("");
    public final StringProperty updatedText = new SimpleStringProperty("");

    public final StringProperty sent = new SimpleStringProperty("–");
    public final StringProperty delivered = new SimpleStringProperty("–");
    public final StringProperty read = new SimpleStringProperty("–");
    public final StringProperty failed = new SimpleStringProperty("–");
    public final StringProperty deliveryRate = new SimpleStringProperty("–");
    public final StringProperty readRate = new SimpleStringProperty("–");
    public final StringProperty failureRate = new SimpleStringProperty("–");
    public final StringProperty inbound = new SimpleStringProperty("–");
    public final StringProperty newConversations = new SimpleStringProperty("–");
    public final StringProperty firstResponse = new SimpleStringProperty("–");
    public final StringProperty resolution = new SimpleStringProperty("–");
    public final StringProperty healthWarning = new SimpleStringProperty();

    public final ObservableList<FailureReason> failures = FXCollections.observableArrayList();
    public final ObservableList<DayVolume> days = FXCollections.observableArrayList();
    public final ObservableList<HourVolume> hours = FXCollections.observableArrayList();
    public final ObservableList<Breakdown> byNumber = FXCollections.observableArrayList();
    public final ObservableList<Breakdown> byTemplate = FXCollections.observableArrayList();
    public final ObservableList<Breakdown> byCampaign = FXCollections.observableArrayList();
    public final ObservableList<Breakdown> byAgent = FXCollections.observableArrayList();
    public final ObservableList<NumberHealth> health = FXCollections.observableArrayList();
    public final ObservableList<ResponseRow> responses = FXCollections.observableArrayList();

    public final ObjectProperty<FailureReason> drillReason = new SimpleObjectProperty<>();
    public final ObservableList<FailedMessage> drillMessages = FXCollections.observableArrayList();

    /** One line of the responsiveness table: a measure with its median, p90 and bucket counts. */
    public record ResponseRow(String measure, String definition, ResponseTimes times) {
    }

    public StatsViewModel(StatsService stats, Supplier<List<TenantView>> tenantSource, Executor background, Executor fx,
                          ScheduledExecutorService timer, Clock clock) {
        this.stats = stats;
        this.tenantSource = tenantSource;
        this.background = background;
        this.fx = fx;
        this.timer = timer;
        this.clock = clock;
    }

    /**
     * Shows {@code initial} (null: all tenants) with the chosen range, and (re)loads the tenant list. When the list is already
     * known (the window is opened again), the report is read at once, alongside the list, instead of after it.
     */
    public void open(UUID initial) {
        TenantChoice known = tenants.stream().filter(c -> java.util.Objects.equals(c.id(), initial)).findFirst().orElse(null);
        if (known != null) {
            tenant.set(known);
            refresh();
        }
        loading.set(true);
        background.execute(() -> {
            try {
                List<TenantView> list = tenantSource.get();
                fx.execute(() -> {
                    List<TenantChoice> choices = new ArrayList<>();
                    choices.add(TenantChoice.ALL);
                    list.forEach(t -> choices.add(new TenantChoice(t.id(), t.name())));
                    TenantChoice shown = tenant.get();
                    update(tenants, choices);
                    if (known == null || !choices.contains(shown)) {
                        tenant.set(choices.stream().filter(c -> c.id() != null && c.id().equals(initial)).findFirst().orElse(TenantChoice.ALL));
                        refresh();
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> failed(e));
            }
        });
    }

    public void selectTenant(TenantChoice choice) {
        tenant.set(choice);
        refresh();
    }

    public void selectPreset(RangePreset p) {
        preset.set(p);
        if (p != RangePreset.CUSTOM || (customFrom.get() != null && customTo.get() != null)) {
            refresh();
        }
    }

    public void selectCustom(LocalDate from, LocalDate to) {
        customFrom.set(from);
        customTo.set(to);
        preset.set(RangePreset.CUSTOM);
        refresh();
    }

    /** Reads the report for the current choice; an answer to an older request is dropped. */
    public void refresh() {
        TenantChoice choice = tenant.get() == null ? TenantChoice.ALL : tenant.get();
        RangePreset p = preset.get();
        LocalDate from = customFrom.get();
        LocalDate to = customTo.get();
        long mine = generation.incrementAndGet();
        loading.set(true);
        background.execute(() -> {
            try {
                ZoneId zone = choice.id() == null ? ZoneId.of("UTC") : stats.zoneOf(choice.id());
                StatsRange range = p == RangePreset.CUSTOM ? new StatsRange(from, to) : StatsRange.lastDays(p.days(), zone, clock);
                StatsReport r = stats.report(choice.id(), range);
                fx.execute(() -> {
                    if (generation.get() == mine) {
                        show(r);
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    if (generation.get() == mine) {
                        failed(e);
                    }
                });
            }
        });
    }

    /**
     * Something changed in the database for these tenants (empty: unknown which). Refreshes once
     * after {@link #LIVE_DELAY} when the shown scope is concerned, however many changes arrive meanwhile.
     */
    public void changed(Collection<UUID> tenantIds) {
        TenantChoice choice = tenant.get();
        boolean concerned = choice == null || choice.id() == null || tenantIds.isEmpty() || tenantIds.contains(choice.id());
        if (concerned && refreshScheduled.compareAndSet(false, true)) {
            timer.schedule(() -> fx.execute(() -> {
                refreshScheduled.set(false);
                refresh();
            }), LIVE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The messages and contacts behind a failure row (at most 500, newest first). */
    public void drillDown(FailureReason reason) {
        drillReason.set(reason);
        StatsReport r = report.get();
        if (reason == null || r == null) {
            drillMessages.clear();
            return;
        }
        background.execute(() -> {
            try {
                List<FailedMessage> list = stats.failedMessages(r.tenantId(), r.range(), reason.code(), 500);
                fx.execute(() -> {
                    if (reason.equals(drillReason.get())) {
                        drillMessages.setAll(list);
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> failed(e));
            }
        });
    }

    /** A table of the shown report (what "Export CSV" writes and what `stats --by` prints). */
    public StatsTable table(StatsTables.By by) {
        StatsReport r = report.get();
        return r == null ? null : StatsTables.of(r, by);
    }

    /** The drill-down as a table, for its CSV export. */
    public StatsTable drillTable() {
        List<List<String>> rows = drillMessages.stream().map(m -> List.of(m.phone(), m.contactName() == null ? "" : m.contactName(),
                String.valueOf(m.failedAt()), m.errorCode() == null ? "" : m.errorCode(), m.errorTitle() == null ? "" : m.errorTitle(),
                m.messageId().toString())).collect(Collectors.toList());
        FailureReason reason = drillReason.get();
        return new StatsTable("Messages that failed with " + (reason == null ? "" : reason.code()),
                List.of("phone", "contact", "failed_at", "code", "title", "message_id"), rows);
    }

    private void show(StatsReport r) {
        report.set(r);
        error.set(null);
        rangeText.set(r.range() + " · " + r.zone());
        updatedText.set("Updated " + LocalTime.now(clock.withZone(ZoneId.systemDefault())).format(TIME));
        DeliveryFunnel d = r.delivery();
        sent.set(format(d.sent()));
        delivered.set(format(d.delivered()));
        read.set(format(d.read()));
        failed.set(format(d.failed()));
        deliveryRate.set(d.deliveryRate().percent());
        readRate.set(d.readRate().percent());
        failureRate.set(d.failureRate().percent());
        inbound.set(format(r.inbound()));
        newConversations.set(format(r.newConversations()));
        firstResponse.set(ResponseTimes.format(r.firstResponse().medianMinutes()) + " median · "
                + ResponseTimes.format(r.firstResponse().p90Minutes()) + " p90");
        resolution.set(ResponseTimes.format(r.resolution().medianMinutes()) + " median · " + ResponseTimes.format(r.resolution().p90Minutes()) + " p90");
        update(failures, r.failures());
        update(days, r.days());
        update(hours, r.hours());
        update(byNumber, r.byNumber());
        update(byTemplate, r.byTemplate());
        update(byCampaign, r.byCampaign());
        update(byAgent, r.byAgent());
        update(health, r.health());
        update(responses, List.of(new ResponseRow("First response", ResponseTimes.FIRST_RESPONSE_DEFINITION, r.firstResponse()),
                new ResponseRow("Resolution", ResponseTimes.RESOLUTION_DEFINITION, r.resolution())));
        healthWarning.set(r.health().stream().map(NumberHealth::warning).filter(w -> w != null).findFirst().orElse(null));
        loading.set(false); // last: whoever waits for the end of loading finds every figure set
        if (drillReason.get() != null) {
            FailureReason same = r.failures().stream().filter(f -> f.code().equals(drillReason.get().code())).findFirst().orElse(null);
            drillDown(same);
        }
    }

    /** Changes a list to {@code next} only where it differs, so a live refresh keeps selection and scroll. */
    static <T> void update(ObservableList<T> list, List<T> next) {
        if (list.equals(next)) {
            return;
        }
        if (list.size() == next.size()) {
            for (int i = 0; i < next.size(); i++) {
                if (!list.get(i).equals(next.get(i))) {
                    list.set(i, next.get(i));
                }
            }
        } else {
            list.setAll(next);
        }
    }

    private void failed(RuntimeException e) {
        loading.set(false);
        error.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static String format(long n) {
        return String.format("%,d", n);
    }
}
