package io.switchboard.ui.automations;

import io.switchboard.automation.AutomationEngine;
import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.automation.TriggerType;
import io.switchboard.common.ValidationException;
import io.switchboard.contact.ContactView;
import io.switchboard.ui.common.UiExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Run automation on selected…" from the Contacts window: the tenant's active manual automations to pick from,
 * {{trigger.KEY}} variables, and one run per selected contact through the same service path as `automation run`
 * (queued by {@link AutomationService#runForContacts}, then executed here so each run's outcome shows at once).
 */
public final class RunOnContactsViewModel {
    private final AutomationService service;
    private final UUID tenantId;
    private final List<ContactView> contacts;
    private final UiExecutor executor;
    private final ObservableList<AutomationView> choices = FXCollections.observableArrayList();
    private final ObjectProperty<AutomationView> chosen = new SimpleObjectProperty<>();
    private final StringProperty variables = new SimpleStringProperty("");
    private final ObservableList<String> outcomes = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanBinding canRun = chosen.isNotNull().and(busy.not());
    private UUID preferred;

    public RunOnContactsViewModel(AutomationService service, UUID tenantId, List<ContactView> contacts, UiExecutor executor) {
        this.service = service;
        this.tenantId = tenantId;
        this.contacts = List.copyOf(contacts);
        this.executor = executor;
    }

    /** "Run an automation for 2 contacts: Ana (+55…), +49…" */
    public String heading() {
        List<String> names = contacts.stream().limit(5).map(c -> c.name() == null || c.name().isBlank() ? c.phone() : c.name() + " (" + c.phone() + ")").toList();
        return "Run an automation for " + contacts.size() + (contacts.size() == 1 ? " contact: " : " contacts: ") + String.join(", ", names)
                + (contacts.size() > 5 ? ", …" : "");
    }

    /** The automation to choose once loaded, if it is still an active manual one (the command palette's "Run automation: NAME"). */
    public void prefer(UUID automationId) {
        this.preferred = automationId;
    }

    /** Loads the choices: only active automations with a manual trigger (others run on their own events). */
    public void load() {
        executor.run(() -> service.list(tenantId).stream()
                .filter(a -> a.status() == AutomationStatus.ACTIVE && a.triggerType() == TriggerType.MANUAL).toList(), list -> {
                    choices.setAll(list);
                    chosen.set(list.stream().filter(a -> a.id().equals(preferred)).findFirst().orElse(list.isEmpty() ? null : list.get(0)));
                    message.set(list.isEmpty() ? "No active manual automation: create one in Automations (trigger manual) and switch it on." : "");
                }, this::failed);
    }

    /** One run of the chosen automation per contact, each executed now; the outcomes list says how each went. */
    public void run() {
        AutomationView a = chosen.get();
        if (a == null || busy.get()) {
            return;
        }
        Map<String, String> vars;
        try {
            vars = parse(variables.get());
        } catch (ValidationException e) {
            message.set(e.getMessage());
            return;
        }
        List<UUID> ids = contacts.stream().map(ContactView::id).toList();
        busy.set(true);
        message.set("Running " + a.name() + "…");
        executor.run(() -> {
            List<UUID> runs = service.runForContacts(tenantId, a.id(), ids, null, vars);
            List<Outcome> done = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                String who = runs.size() == contacts.size() ? contacts.get(i).phone() : "run " + runs.get(i);
                done.add(new Outcome(who, service.execute(runs.get(i))));
            }
            return done;
        }, done -> {
            busy.set(false);
            outcomes.setAll(done.stream().map(Outcome::line).toList());
            long ok = done.stream().filter(o -> o.executed().map(e -> e.outcome().succeeded()).orElse(false)).count();
            long failed = done.stream().filter(o -> o.executed().map(e -> !e.outcome().succeeded()).orElse(false)).count();
            message.set(a.name() + ": " + done.size() + (done.size() == 1 ? " run, " : " runs, ") + ok + " succeeded, " + failed + " failed"
                    + (done.size() - ok - failed > 0 ? ", " + (done.size() - ok - failed) + " queued" : "") + ".");
        }, this::failed);
    }

    private record Outcome(String who, Optional<AutomationEngine.Executed> executed) {
        String line() {
            if (executed.isEmpty()) {
                return who + " — queued (a worker took it or the rate guard held it; the run log shows the outcome)";
            }
            var o = executed.get().outcome();
            return who + (o.succeeded() ? " — succeeded: " + o.result() : " — failed: " + o.error());
        }
    }

    /** KEY=VALUE entries separated by commas or lines; anything else is refused, naming the entry. */
    static Map<String, String> parse(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String kv : (text == null ? "" : text).split("[\\n,]")) {
            if (kv.isBlank()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0 || kv.substring(0, eq).isBlank()) {
                throw new ValidationException("variables", "each must be KEY=VALUE, not \"" + kv.strip() + "\"");
            }
            vars.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        return vars;
    }

    private void failed(Throwable e) {
        busy.set(false);
        message.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    public ObservableList<AutomationView> choices() {
        return choices;
    }

    public ObjectProperty<AutomationView> chosen() {
        return chosen;
    }

    public StringProperty variables() {
        return variables;
    }

    public ObservableList<String> outcomes() {
        return outcomes;
    }

    public StringProperty message() {
        return message;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public BooleanBinding canRunBinding() {
        return canRun;
    }
}
