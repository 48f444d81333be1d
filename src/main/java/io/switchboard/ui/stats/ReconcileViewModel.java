package io.switchboard.ui.stats;

import io.switchboard.stats.MetaReconciliation;
import io.switchboard.stats.ReconcileReport;
import io.switchboard.stats.ReconcileRow;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Executor;

/** "Reconcile with Meta": one tenant's sent and delivered per number and UTC day next to Meta's analytics. */
public final class ReconcileViewModel extends MetaComparisonViewModel<ReconcileReport, ReconcileRow> {
    private final MetaReconciliation reconciliation;

    public ReconcileViewModel(MetaReconciliation reconciliation, Executor background, Executor fx) {
        super(background, fx);
        this.reconciliation = reconciliation;
    }

    @Override
    protected ReconcileReport compare(UUID tenant, LocalDate from, LocalDate to) {
        return reconciliation.reconcile(tenant, from, to);
    }

    @Override
    protected String asking(String from, String to) {
        return "Asking Meta for " + from + " to " + to + " (UTC days)…";
    }

    @Override
    protected String summarize(ReconcileReport r, long differing, String counted) {
        return r.rows().isEmpty() ? "Nothing to compare." : differing == 0
                ? "Every day agrees with Meta (" + r.rows().size() + " number-days; " + counted + ")."
                : differing + " of " + r.rows().size() + " number-days differ, " + r.flaggedCount() + " by more than 1 % (" + counted + ").";
    }
}
