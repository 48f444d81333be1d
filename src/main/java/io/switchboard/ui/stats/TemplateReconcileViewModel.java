package io.switchboard.ui.stats;

import io.switchboard.stats.TemplateReconcileReport;
import io.switchboard.stats.TemplateReconcileRow;
import io.switchboard.stats.TemplateReconciliation;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * "Reconcile with Meta", by template: one tenant's sent, delivered and read per template and UTC day next to Meta's
 * template_analytics.
 */
public final class TemplateReconcileViewModel extends MetaComparisonViewModel<TemplateReconcileReport, TemplateReconcileRow> {
    private final TemplateReconciliation reconciliation;

    public TemplateReconcileViewModel(TemplateReconciliation reconciliation, Executor background, Executor fx) {
        super(background, fx);
        this.reconciliation = reconciliation;
    }

    @Override
    protected TemplateReconcileReport compare(UUID tenant, LocalDate from, LocalDate to) {
        return reconciliation.reconcile(tenant, from, to);
    }

    @Override
    protected String asking(String from, String to) {
        return "Asking Meta for the templates' figures, " + from + " to " + to + " (UTC days)…";
    }

    @Override
    protected String summarize(TemplateReconcileReport r, long differing, String counted) {
        return r.rows().isEmpty() ? "No template to compare." : differing == 0
                ? "Every template and day agrees with Meta (" + r.rows().size() + " template-days; " + counted + ")."
                : differing + " of " + r.rows().size() + " template-days differ, " + r.flaggedCount() + " by more than 1 % (" + counted + ").";
    }
}
