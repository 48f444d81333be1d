package io.switchboard.ui.palette;

import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.automation.TriggerType;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.palette.PaletteContext.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The command palette's state: the filter, the commands it matches (best first), the highlighted one, and a line
 * that says why a command cannot run. Opening it rebuilds the catalogue from the window's current state (role,
 * tenant, open conversation) and reloads the tenant's active manual automations in the background; the list
 * shows the ones known from the last opening at once. With an empty filter the recently used commands come first;
 * with a filter the best matches do ({@link FuzzyMatch}), recency breaking ties.
 */
public final class CommandPaletteViewModel {
    static final int RECENT = 8;

    private final Function<UUID, List<AutomationView>> automations;
    private final InboxSession session;
    private final Supplier<PaletteContext> context;
    private final PaletteCommands.Actions actions;
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObservableList<PaletteCommand> shown = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", -1);
    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(this, "showing");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final LinkedList<String> recent = new LinkedList<>();
    private List<PaletteCommand> catalogue = List.of();
    private List<AutomationView> manual = List.of();
    private UUID manualTenant;
    private long generation;

    /**
     * {@code automations} lists a tenant's automations (AutomationService::list; called off the FX thread);
     * {@code context} gives the window's state with no automations (this model adds them); {@code actions} does
     * what a command says.
     */
    public CommandPaletteViewModel(Function<UUID, List<AutomationView>> automations, InboxSession session, Supplier<PaletteContext> context,
                                   PaletteCommands.Actions actions) {
        this.automations = automations;
        this.session = session;
        this.context = context;
        this.actions = actions;
        filter.addListener((obs, old, now) -> refilter(false));
    }

    /** Shows the palette with an empty filter on the window's current state. */
    public void open() {
        message.set("");
        rebuild();
        filter.set("");
        refilter(false);
        showing.set(true);
        loadAutomations();
    }

    public void close() {
        showing.set(false);
    }

    /** Moves the highlight by {@code delta}, wrapping around at either end. */
    public void move(int delta) {
        int n = shown.size();
        if (n > 0) {
            selected.set(Math.floorMod(selected.get() + delta, n));
        }
    }

    /** Runs the highlighted command; an unavailable one stays in the list and the message line says why. */
    public void runSelected() {
        int i = selected.get();
        if (i < 0 || i >= shown.size()) {
            return;
        }
        PaletteCommand c = shown.get(i);
        if (!c.available()) {
            message.set(c.title() + ": " + c.unavailableBecause() + ".");
            return;
        }
        recent.remove(c.id());
        recent.addFirst(c.id());
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
        showing.set(false);
        c.action().run();
    }

    /** Runs the command at {@code index} of the shown list (a click). */
    public void runAt(int index) {
        selected.set(index);
        runSelected();
    }

    private void rebuild() {
        PaletteContext base = context.get();
        boolean sameTenant = base.tenant() != null && base.tenant().id().equals(manualTenant);
        List<AutomationView> known = sameTenant && base.role() == Role.ADMIN ? manual : List.of();
        catalogue = PaletteCommands.of(new PaletteContext(base.role(), base.me(), base.tenant(), base.open(), known, base.tenants()), actions);
    }

    /** Active automations with a manual trigger; only admins may read automations (team-access-01), so only they ask. */
    private void loadAutomations() {
        PaletteContext base = context.get();
        if (base.tenant() == null || base.role() != Role.ADMIN) {
            return;
        }
        UUID tenant = base.tenant().id();
        long mine = ++generation;
        session.executor().run(() -> automations.apply(tenant).stream()
                .filter(a -> a.status() == AutomationStatus.ACTIVE && a.triggerType() == TriggerType.MANUAL).toList(), found -> {
                    if (mine != generation) {
                        return;
                    }
                    manual = found;
                    manualTenant = tenant;
                    if (showing.get()) {
                        rebuild();
                        refilter(true);
                    }
                }, failure -> message.set("Could not load the automations: " + InboxSession.explain(failure)));
    }

    /** Matches and orders the catalogue; {@code keepHighlight}: the highlighted command stays highlighted if still shown. */
    private void refilter(boolean keepHighlight) {
        String f = filter.get() == null ? "" : filter.get();
        PaletteCommand keep = selected.get() >= 0 && selected.get() < shown.size() ? shown.get(selected.get()) : null;
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < catalogue.size(); i++) {
            PaletteCommand c = catalogue.get(i);
            int score = FuzzyMatch.score(f, c.title());
            if (score != FuzzyMatch.NO_MATCH) {
                int used = recent.indexOf(c.id());
                scored.add(new Scored(c, score, used < 0 ? Integer.MAX_VALUE : used, i));
            }
        }
        Comparator<Scored> order = f.isBlank()
                ? Comparator.comparingInt(Scored::recency).thenComparingInt(Scored::position)
                : Comparator.comparingInt((Scored s) -> -s.score()).thenComparing(s -> !s.command().available())
                        .thenComparingInt(Scored::recency).thenComparingInt(Scored::position);
        scored.sort(order);
        shown.setAll(scored.stream().map(Scored::command).toList());
        int again = keep == null || !keepHighlight ? -1 : indexOf(keep.id());
        selected.set(shown.isEmpty() ? -1 : Math.max(again, 0));
    }

    private int indexOf(String id) {
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private record Scored(PaletteCommand command, int score, int recency, int position) {
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObservableList<PaletteCommand> shown() {
        return shown;
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    public StringProperty messageProperty() {
        return message;
    }
}
