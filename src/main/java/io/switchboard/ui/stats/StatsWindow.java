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
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Stats window: one per main window, opened by the toolbar button or {@link #SHORTCUT}. It listens
 * to the database's change notifications itself and closes its threads and listener with the window.
 */
public final class StatsWindow {
    public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final Stage stage;
    private final StatsViewModel vm;

    private StatsWindow(Stage stage, StatsViewModel vm) {
        this.stage = stage;
        this.vm = vm;
    }

    /** Opens the window on {@code tenantId} (null: all tenants), with the platform's file chooser for exports. */
    public static StatsWindow open(Window owner, Services services, UUID tenantId) {
        return open(owner, services, tenantId, SaveTarget.fileChooser());
    }

    public static StatsWindow open(Window owner, Services services, UUID tenantId, SaveTarget saveTarget) {
        ExecutorService background = Executors.newFixedThreadPool(2, daemon("stats-worker"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("stats-live"));
        StatsViewModel vm = new StatsViewModel(services.stats(), () -> services.tenants().list(), background, Platform::runLater, timer, Clock.systemUTC());
        // Start reading now: the tenant list and the report come from the database while the window is being built
        // (their answers land on the FX thread after this method, once the view is bound).
        vm.open(tenantId);
        Stage stage = new Stage();
        StatsView view = new StatsView(vm, saveTarget, background, () -> stage);
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
        ChangeListener listener = services.listenForChanges(new ChangeListener.Events() {
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
        stage.setOnHidden(e -> {
            listener.close();
            timer.shutdownNow();
            background.shutdown();
        });
        stage.show();
        return new StatsWindow(stage, vm);
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
