package io.switchboard.ui.stats;

import io.switchboard.stats.MetaReconciliation;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "Reconcile with Meta" window, opened from the Stats view for its tenant and range; it asks Meta at once. */
public final class ReconcileWindow {
    private ReconcileWindow() {
    }

    public static Stage open(Window owner, MetaReconciliation reconciliation, UUID tenantId, String tenantName, LocalDate from, LocalDate to,
                             SaveTarget saveTarget) {
        ExecutorService background = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reconcile-worker");
            t.setDaemon(true);
            return t;
        });
        ReconcileViewModel vm = new ReconcileViewModel(reconciliation, background, Platform::runLater);
        vm.tenantId.set(tenantId);
        vm.tenantName.set(tenantName);
        vm.from.set(from);
        vm.to.set(to);
        Stage stage = new Stage();
        ReconcileView view = new ReconcileView(vm, saveTarget, background, () -> stage);
        stage.setTitle("Reconcile with Meta — " + tenantName);
        stage.initOwner(owner);
        stage.setScene(new Scene(view.load()));
        stage.setOnHidden(e -> background.shutdown());
        stage.show();
        vm.reconcile();
        return stage;
    }
}
