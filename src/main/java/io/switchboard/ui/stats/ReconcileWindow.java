package io.switchboard.ui.stats;

import io.switchboard.stats.MetaReconciliation;
import io.switchboard.stats.TemplateReconciliation;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "Reconcile with Meta" window, opened from the Stats view for its tenant and range; it asks Meta at once (per number, and per template when given). */
public final class ReconcileWindow {
    private ReconcileWindow() {
    }

    public static Stage open(Window owner, MetaReconciliation reconciliation, UUID tenantId, String tenantName, LocalDate from, LocalDate to,
                             SaveTarget saveTarget) {
        return open(owner, reconciliation, null, tenantId, tenantName, from, to, saveTarget);
    }

    /** With {@code templates}, a second tab compares each template's days with Meta's template_analytics (same tenant and days). */
    public static Stage open(Window owner, MetaReconciliation reconciliation, TemplateReconciliation templates, UUID tenantId, String tenantName,
                             LocalDate from, LocalDate to, SaveTarget saveTarget) {
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
        TemplateReconcileViewModel byTemplate = templates == null ? null : new TemplateReconcileViewModel(templates, background, Platform::runLater);
        if (byTemplate == null) {
            stage.setScene(new Scene(view.load()));
        } else {
            byTemplate.tenantId.bind(vm.tenantId);
            byTemplate.tenantName.bind(vm.tenantName);
            byTemplate.from.bindBidirectional(vm.from);
            byTemplate.to.bindBidirectional(vm.to);
            Tab numbers = new Tab("By number", view.load());
            numbers.setId("tab-reconcile-number");
            Tab perTemplate = new Tab("By template", new TemplateReconcileView(byTemplate, saveTarget, background, () -> stage).load());
            perTemplate.setId("tab-reconcile-template");
            TabPane tabs = new TabPane(numbers, perTemplate);
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            stage.setScene(new Scene(tabs));
        }
        stage.setOnHidden(e -> background.shutdown());
        stage.show();
        vm.reconcile();
        if (byTemplate != null) {
            byTemplate.reconcile();
        }
        return stage;
    }
}
