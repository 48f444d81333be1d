package io.switchboard.ui.stats;

import io.switchboard.app.Services;
import io.switchboard.live.Change;
import io.switchboard.live.ChangeListener;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Stats window: one per main window, opened by the toolbar button or {@link #SHORTCUT}. It can be prepared ahead of
 * the click ({@link #prepare}: scene built, styled and laid out while hidden) and is then kept: closing it hides it, and
 * {@link #show} shows it again once the figures for the chosen tenant and range are fresh (stats-11). It listens to the
 * database's change notifications while it shows; closing its stage any other way (or its owner's) releases its threads.
 */
public final class StatsWindow {
    public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final Stage stage;
    private final StatsViewModel vm;
    private final StatsView view;
    private final Services services;
    private final ExecutorService background;
    private final ScheduledExecutorService timer;
    private ChangeListener listener; // while shown
    private boolean keeping; // the hide in progress keeps the window for the next show
    private boolean disposed;

    private StatsWindow(Stage stage, StatsViewModel vm, StatsView view, Services services, ExecutorService background, ScheduledExecutorService timer) {
        this.stage = stage;
        this.vm = vm;
        this.view = view;
        this.services = services;
        this.background = background;
        this.timer = timer;
    }

    /** Opens the window on {@code tenantId} (null: all tenants), with the platform's file chooser for exports. */
    public static StatsWindow open(Window owner, Services services, UUID tenantId) {
        return open(owner, services, tenantId, SaveTarget.fileChooser());
    }

    /** A new window, shown at once on {@code tenantId}: its figures land into it (the report is read while it is built). */
    public static StatsWindow open(Window owner, Services services, UUID tenantId, SaveTarget saveTarget) {
        StatsWindow window = build(owner, services, saveTarget, true, tenantId);
        window.listen();
        window.stage.show();
        return window;
    }

    /**
     * Builds the window hidden: scene, every section, CSS and a first layout, so that {@link #show} is a data refresh and
     * a show. Takes the FX thread for as long as a first open would; call it when the app is idle.
     */
    public static StatsWindow prepare(Window owner, Services services, SaveTarget saveTarget) {
        StatsWindow window = build(owner, services, saveTarget, false, null);
        window.view.buildBelowTheFold();
        Parent root = window.stage.getScene().getRoot();
        root.applyCss(); // creates the controls' skins and resolves the theme's looked-up colours now, not at the click
        root.resize(root.prefWidth(-1), root.prefHeight(-1));
        root.layout();
        return window;
    }

    private static StatsWindow build(Window owner, Services services, SaveTarget saveTarget, boolean readNow, UUID openOn) {
        ExecutorService background = Executors.newFixedThreadPool(2, daemon("stats-worker"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("stats-live"));
        StatsViewModel vm = new StatsViewModel(services.stats(), () -> services.tenants().list(), background, Platform::runLater, timer, Clock.systemUTC());
        if (readNow) {
            // Start reading now: the tenant list and the report come from the database while the window is being built
            // (their answers land on the FX thread after this method, once the view is bound).
            vm.open(openOn);
        }
        Stage stage = new Stage();
        StatsView view = new StatsView(vm, saveTarget, background, () -> stage);
        StatsWindow window = new StatsWindow(stage, vm, view, services, background, timer);
        AgentBreakdownViewModel byAgent = new AgentBreakdownViewModel(services.stats(), background, Platform::runLater);
        byAgent.follow(vm.report);
        view.byAgent(new AgentBreakdownView(byAgent));
        stage.setTitle("Stats — Switchboard");
        stage.initOwner(owner);
        stage.setScene(new Scene(view.load()));
        view.onReconcile(() -> {
            TenantChoice tenant = vm.tenant.get();
            io.switchboard.stats.StatsReport shown = vm.report.get();
            try {
                ReconcileWindow.open(stage, services.reconciliation(), services.templateReconciliation(), tenant.id(), tenant.name(), shown.range().from(),
                        shown.range().to(), saveTarget);
            } catch (IllegalStateException e) {
                vm.error.set("Reconcile with Meta needs the key of the channel secrets: " + e.getMessage());
            }
        });
        // The window's close button keeps it for the next click; a close from elsewhere (the owner closing, a test) ends it.
        stage.setOnCloseRequest(e -> {
            e.consume();
            window.hide();
        });
        stage.setOnHidden(e -> {
            window.stopListening();
            if (!window.keeping) {
                window.dispose();
            }
            window.keeping = false;
        });
        return window;
    }

    /**
     * Shows the window on {@code tenantId} (null: all tenants) with the range chosen last: the window at once (its scene is
     * built and laid out), its figures as soon as the report is read, so the first figures the user sees are fresh ones,
     * not the ones it was closed with. Already showing: brought to the front.
     */
    public void show(UUID tenantId) {
        if (disposed) {
            throw new IllegalStateException("This Stats window was closed for good; open a new one");
        }
        if (stage.isShowing()) {
            stage.toFront();
            return;
        }
        view.hideFiguresUntilFresh(); // not the figures it was closed with: the toolbar at once, the figures when read
        vm.open(tenantId);
        listen();
        stage.show();
    }

    /** Hides the window and keeps it, built, for the next {@link #show}. */
    public void hide() {
        if (stage.isShowing()) {
            keeping = true;
            stage.hide();
        }
    }

    /** Whether the window was closed for good (its threads are released; a new one must be opened). */
    public boolean disposed() {
        return disposed;
    }

    /** Closes the window for good and releases its listener and threads. */
    public void dispose() {
        if (!disposed) {
            disposed = true;
            stopListening();
            timer.shutdownNow();
            background.shutdown();
            if (stage.isShowing()) {
                stage.close();
            }
        }
    }

    private void listen() {
        if (listener != null) {
            return;
        }
        listener = services.listenForChanges(new ChangeListener.Events() {
            @Override
            public void changed(List<Change> changes) {
                java.util.Set<UUID> tenants = changes.stream().flatMap(c -> c.tenantId().stream()).collect(Collectors.toSet());
                boolean everyone = changes.stream().anyMatch(c -> c.tenantId().isEmpty());
                Platform.runLater(() -> vm.changed(everyone ? List.of() : tenants));
            }

            @Override
            public void connection(boolean connected, boolean afterLoss, String detail) {
                if (connected && afterLoss) {
                    Platform.runLater(() -> vm.changed(List.of()));
                }
            }
        });
    }

    private void stopListening() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    public Stage stage() {
        return stage;
    }

    public StatsViewModel viewModel() {
        return vm;
    }

    /** Adds the shortcut to a scene (the main window's). */
    public static void installShortcut(Scene scene, Runnable open) {
        scene.getAccelerators().put(SHORTCUT, open);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
