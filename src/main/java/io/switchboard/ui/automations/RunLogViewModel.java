package io.switchboard.ui.automations;

import io.switchboard.automation.AutomationService;
import io.switchboard.automation.RunView;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run log: the newest runs of one automation (or all), filtered by outcome; the selected run's details
 * (trigger, variables, result or error, duration); Retry for a failed run.
 */
public final class RunLogViewModel {
    public static final List<String> OUTCOMES = List.of("all", "succeeded", "failed", "skipped", "pending", "running");
    static final int PAGE = 500;
    private final AutomationService service;
    private final UUID tenantId;
    private final Executor io;
    private final Executor ui;
    private final ObjectProperty<UUID> automation = new SimpleObjectProperty<>();
    private final StringProperty outcome = new SimpleStringProperty("all");
    private final ObservableList<RunView> rows = FXCollections.observableArrayList();
    private final ObjectProperty<RunView> selected = new SimpleObjectProperty<>();
    private final StringProperty details = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty canRetry = new SimpleBooleanProperty();
    private long generation;

    public RunLogViewModel(AutomationService service, UUID tenantId, UUID automationId, Executor io, Executor ui) {
        this.service = service;
        this.tenantId = tenantId;
        this.io = io;
        this.ui = ui;
        automation.set(automationId);
        outcome.addListener((o, a, b) -> refresh());
        automation.addListener((o, a, b) -> refresh());
        selected.addListener((o, a, run) -> {
            canRetry.set(run != null && "failed".equals(run.status()));
            details.set(run == null ? "" : describe(run));
        });
    }

    public ObjectProperty<UUID> automation() {
        return automation;
    }

    public StringProperty outcome() {
        return outcome;
    }

    public ObservableList<RunView> rows() {
        return rows;
    }

    public ObjectProperty<RunView> selected() {
        return selected;
    }

    public StringProperty details() {
        return details;
    }

    public StringProperty message() {
        return message;
    }

    public BooleanProperty canRetry() {
        return canRetry;
    }

    public void refresh() {
        long mine = ++generation;
        UUID id = automation.get();
        String status = "all".equals(outcome.get()) ? null : outcome.get();
        io.execute(() -> {
            try {
                List<RunView> runs = service.runs(tenantId, id, status, PAGE);
                ui.execute(() -> {
                    if (mine == generation) {
                        rows.setAll(runs); // the message line keeps what the last action said
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> message.set("Could not load the run log: " + e.getMessage()));
            }
        });
    }

    /** Retry: a new run with the failed one's contact and variables; the worker executes it within a second. */
    public void retrySelected() {
        RunView run = selected.get();
        if (run == null || !"failed".equals(run.status())) {
            return;
        }
        io.execute(() -> {
            String said;
            try {
                said = "Retry queued as run " + service.retry(tenantId, run.id()) + ".";
            } catch (RuntimeException e) {
                said = e.getMessage();
            }
            String text = said;
            ui.execute(() -> {
                message.set(text);
                refresh();
            });
        });
    }

    static String describe(RunView r) {
        StringBuilder s = new StringBuilder();
        s.append(r.automationName()).append(" — ").append(r.status()).append(" (").append(r.triggerType()).append(": ").append(r.triggerKey()).append(")\n");
        if (r.contactPhone() != null) {
            s.append("Contact: ").append(r.contactPhone()).append('\n');
        }
        if (r.durationMs() != null) {
            s.append("Duration: ").append(r.durationMs()).append(" ms\n");
        }
        if (r.responseCode() != null) {
            s.append("Response code: ").append(r.responseCode()).append('\n');
        }
        if (r.result() != null) {
            s.append("Result: ").append(r.result()).append('\n');
        }
        if (r.error() != null) {
            s.append("Error: ").append(r.error()).append('\n');
        }
        if (r.retryOf() != null) {
            s.append("Retry of: ").append(r.retryOf()).append('\n');
        }
        s.append("Variables: ").append(r.variablesJson());
        return s.toString();
    }
}
