package io.switchboard.ui.automations;

import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.automation.Recipes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
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
 * The Automations screen's state: the tenant's automations with their status switch, counts and last run; the
 * selection; the one-click recipes; a manual run for contacts typed by phone. Work runs on {@code io}; results are
 * applied on {@code ui} (the FX thread in the app, the calling thread in tests).
 */
public final class AutomationsViewModel {
    private final AutomationService service;
    private final UUID tenantId;
    private final Executor io;
    private final Executor ui;
    private final ObservableList<AutomationView> rows = FXCollections.observableArrayList();
    private final ObjectProperty<AutomationView> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** Who Run… runs for: the open conversation's contact when the window was opened on one, then the last typed. */
    private final StringProperty runPhones = new SimpleStringProperty("");
    private long generation;

    public AutomationsViewModel(AutomationService service, UUID tenantId, Executor io, Executor ui) {
        this.service = service;
        this.tenantId = tenantId;
        this.io = io;
        this.ui = ui;
    }

    public ObservableList<AutomationView> rows() {
        return rows;
    }

    public ObjectProperty<AutomationView> selected() {
        return selected;
    }

    public StringProperty message() {
        return message;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public StringProperty runPhones() {
        return runPhones;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public AutomationService service() {
        return service;
    }

    public List<String> recipes() {
        return Recipes.NAMES;
    }

    /** Reloads the list, keeping the same automation selected; an older reload finishing late never wins. */
    public void refresh() {
        long mine = ++generation;
        io.execute(() -> {
            try {
                List<AutomationView> list = service.list(tenantId);
                ui.execute(() -> {
                    if (mine != generation) {
                        return;
                    }
                    UUID keep = selected.get() == null ? null : selected.get().id();
                    rows.setAll(list);
                    selected.set(list.stream().filter(a -> a.id().equals(keep)).findFirst().orElse(null));
                });
            } catch (RuntimeException e) {
                ui.execute(() -> message.set("Could not load automations: " + e.getMessage()));
            }
        });
    }

    /** The list's switch: active or inactive (a paused one becomes active again, its reason cleared). */
    public void setActive(AutomationView automation, boolean active) {
        work(() -> {
            AutomationView v = service.setStatus(tenantId, automation.id(), active ? AutomationStatus.ACTIVE : AutomationStatus.INACTIVE);
            return v.name() + " is " + v.status().code() + ".";
        });
    }

    public void enableRecipe(String name) {
        work(() -> service.create(tenantId, Recipes.byName(name, null)).name() + " enabled. Edit it to change its text.");
    }

    public void deleteSelected() {
        AutomationView v = selected.get();
        if (v != null) {
            work(() -> {
                service.delete(tenantId, v.id());
                return v.name() + " deleted.";
            });
        }
    }

    /** Runs the selected automation now for the phones given (comma or space separated), with KEY=VALUE variables. */
    public void runSelected(String phones, String variables) {
        AutomationView v = selected.get();
        if (v == null) {
            return;
        }
        List<String> to = Arrays.stream(phones == null ? new String[0] : phones.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
        Map<String, String> vars = new LinkedHashMap<>();
        for (String kv : (variables == null ? "" : variables).split("[\\n,]")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                vars.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
            }
        }
        work(() -> {
            int n = service.runFor(tenantId, v.id(), to, vars).size();
            return n + " run" + (n == 1 ? "" : "s") + " of " + v.name() + " queued; the run log shows the outcome.";
        });
    }

    private void work(Supplier<String> job) {
        busy.set(true);
        io.execute(() -> {
            String said;
            try {
                said = job.get();
            } catch (RuntimeException e) {
                said = e.getMessage();
            }
            String text = said;
            ui.execute(() -> {
                busy.set(false);
                message.set(text);
                refresh();
            });
        });
    }
}
