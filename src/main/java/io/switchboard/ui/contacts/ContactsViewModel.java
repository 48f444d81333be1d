package io.switchboard.ui.contacts;

import io.switchboard.contact.ContactCursor;
import io.switchboard.contact.ContactService;
import io.switchboard.contact.ContactSort;
import io.switchboard.contact.ContactView;
import io.switchboard.contact.ImportReport;
import io.switchboard.ui.automations.RunOnContactsViewModel;
import io.switchboard.ui.campaigns.CampaignWizardViewModel;
import io.switchboard.ui.common.InboxSession;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The tenant's contacts: a page at a time, searched and sorted by the database, add/edit/delete,
 * and CSV import (progress, a summary, every bad line) and export.
 */
public final class ContactsViewModel {
    public static final int PAGE = 200;

    private final ContactService contacts;
    private final InboxSession session;
    private final ObservableList<ContactView> rows = FXCollections.observableArrayList();
    private final ObservableList<ContactView> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<ContactSort> sort = new SimpleObjectProperty<>(this, "sort", ContactSort.NAME);
    private final BooleanProperty ascending = new SimpleBooleanProperty(this, "ascending", true);
    private final ReadOnlyStringWrapper footer = new ReadOnlyStringWrapper(this, "footer", "");
    private final ReadOnlyBooleanWrapper importShown = new ReadOnlyBooleanWrapper(this, "importShown");
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(this, "importing");
    private final ReadOnlyDoubleWrapper importProgress = new ReadOnlyDoubleWrapper(this, "importProgress");
    private final ReadOnlyStringWrapper importSummary = new ReadOnlyStringWrapper(this, "importSummary", "");
    private final ObservableList<ImportReport.LineError> importErrors = FXCollections.observableArrayList();
    private final ObservableList<ImportReport.LineError> readOnlyImportErrors = FXCollections.unmodifiableObservableList(importErrors);
    private final StringBinding title;
    /** The rows the agent selected (the view keeps it in step with the table); the selection actions work on them. */
    private final ObservableList<ContactView> selection = FXCollections.observableArrayList();
    private final BooleanBinding anySelected = Bindings.isNotEmpty(selection);
    private SelectionActions selectionActions;
    private ContactCursor next;
    private boolean loading;
    private long generation;

    public ContactsViewModel(ContactService contacts, InboxSession session) {
        this.contacts = contacts;
        this.session = session;
        this.title = Bindings.createStringBinding(() -> "Contacts — " + (session.tenant() == null ? "" : session.tenant().name()),
                session.tenantProperty());
    }

    /** What the window offers for the selected contacts (a campaign, an automation run); none until wired. */
    public void useSelectionActions(SelectionActions actions) {
        this.selectionActions = actions;
    }

    public boolean hasSelectionActions() {
        return selectionActions != null;
    }

    public ObservableList<ContactView> selection() {
        return selection;
    }

    /** True while at least one contact is selected: "New campaign to selected…" and "Run automation on selected…" need one. */
    public BooleanBinding anySelectedBinding() {
        return anySelected;
    }

    /** The selected contacts' ids, in the table's order. */
    public List<UUID> selectedIds() {
        return selection.stream().map(ContactView::id).distinct().toList();
    }

    /** The New campaign wizard with "Selected contacts" as its audience; null when nothing is selected or not wired. */
    public CampaignWizardViewModel campaignToSelected() {
        if (selectionActions == null || selection.isEmpty()) {
            return null;
        }
        try {
            CampaignWizardViewModel wizard = selectionActions.campaign().apply(selectedIds());
            wizard.audience().set("Selected contacts");
            return wizard;
        } catch (RuntimeException e) {
            footer.set("Campaigns are not available here: " + InboxSession.explain(e));
            return null;
        }
    }

    /** The manual run on the selected contacts; null when nothing is selected or not wired. */
    public RunOnContactsViewModel automationOnSelected() {
        if (selectionActions == null || selection.isEmpty()) {
            return null;
        }
        try {
            return selectionActions.automation().apply(List.copyOf(selection));
        } catch (RuntimeException e) {
            // e.g. a desktop process without the secrets key cannot run automations (http_request's secret headers)
            footer.set("Automations are not available here: " + InboxSession.explain(e));
            return null;
        }
    }

    public String tenantName() {
        return session.tenant() == null ? "" : session.tenant().name();
    }

    /** The window's title names the tenant, which can change while it is open. */
    public StringBinding titleBinding() {
        return title;
    }

    /** The first page for the current search and sort. */
    public void reload() {
        long mine = ++generation;
        UUID tenant = session.tenantId();
        String s = search.get();
        ContactSort by = sort.get();
        boolean asc = ascending.get();
        loading = true;
        session.executor().run(() -> contacts.page(tenant, s, by, asc, null, PAGE), page -> {
            if (mine != generation) {
                return;
            }
            loading = false;
            next = page.next();
            rows.setAll(page.items());
            footerText();
        }, failure -> {
            if (mine == generation) {
                loading = false;
                footer.set("Could not load contacts: " + InboxSession.explain(failure));
            }
        });
    }

    /** The next page, when the agent scrolls near the end. */
    public void loadMore() {
        if (next == null || loading) {
            return;
        }
        loading = true;
        long mine = generation;
        UUID tenant = session.tenantId();
        ContactCursor cursor = next;
        String s = search.get();
        ContactSort by = sort.get();
        boolean asc = ascending.get();
        session.executor().run(() -> contacts.page(tenant, s, by, asc, cursor, PAGE), page -> {
            if (mine != generation) {
                return;
            }
            loading = false;
            next = page.next();
            rows.addAll(page.items());
            footerText();
        }, failure -> {
            if (mine == generation) {
                loading = false;
            }
        });
    }

    /** Contacts changed elsewhere: the first page again, unless a load is already on its way. */
    public void changed() {
        if (!loading) {
            reload();
        }
    }

    private void footerText() {
        int n = rows.size();
        footer.set(next == null ? n + (n == 1 ? " contact" : " contacts") : n + " contacts loaded · scroll for more");
    }

    public void delete(ContactView contact) {
        UUID tenant = session.tenantId();
        session.executor().run(() -> {
            contacts.delete(tenant, contact.id());
            return null;
        }, done -> reload(), failure -> footer.set(InboxSession.explain(failure)));
    }

    /** The editor for a new contact (null) or an existing one. */
    public ContactEditorViewModel editor(ContactView existing) {
        return new ContactEditorViewModel(contacts, session, existing);
    }

    /** Imports a CSV file: progress as it goes, then the summary and every bad line; the good lines are kept either way. */
    public void importFile(Path file) {
        UUID tenant = session.tenantId();
        importShown.set(true);
        importing.set(true);
        importProgress.set(0);
        importSummary.set("Reading " + file.getFileName() + "…");
        importErrors.clear();
        // The worker reports far more often than a screen can show; only the newest report waits for the UI.
        AtomicReference<Runnable> latest = new AtomicReference<>();
        session.executor().run(() -> {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return contacts.importCsv(tenant, in, (fraction, what) -> {
                    if (latest.getAndSet(() -> progress(fraction, what)) == null) {
                        session.executor().onUi(() -> latest.getAndSet(null).run());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, report -> {
            importing.set(false);
            importProgress.set(1);
            importSummary.set(summary(report));
            importErrors.setAll(report.errors());
            reload();
        }, failure -> {
            importing.set(false);
            importProgress.set(0);
            importSummary.set("Nothing was imported: " + InboxSession.explain(failure));
        });
    }

    private void progress(double fraction, String what) {
        if (importing.get()) {
            importProgress.set(fraction);
            importSummary.set(what);
        }
    }

    /** "Imported 2 of 4 rows (2 new, 0 updated); 2 lines were not imported:" */
    static String summary(ImportReport report) {
        int bad = report.errors().size();
        return "Imported " + report.imported() + " of " + report.rows() + " rows (" + report.created() + " new, " + report.updated() + " updated)"
                + (bad == 0 ? "." : "; " + bad + (bad == 1 ? " line was" : " lines were") + " not imported:");
    }

    /** Writes every contact of the tenant to {@code file}; the footer says how many. */
    public void export(Path file) {
        UUID tenant = session.tenantId();
        footer.set("Exporting…");
        session.executor().run(() -> {
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                return contacts.exportCsv(tenant, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, count -> footer.set("Exported " + count + (count == 1 ? " contact" : " contacts") + " to " + file.getFileName()),
                failure -> footer.set("Export failed: " + InboxSession.explain(failure)));
    }

    public ObservableList<ContactView> rows() {
        return readOnlyRows;
    }

    /** The search text; {@link #reload()} applies it (the view waits until the agent pauses typing). */
    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<ContactSort> sortProperty() {
        return sort;
    }

    public BooleanProperty ascendingProperty() {
        return ascending;
    }

    public ReadOnlyStringProperty footerProperty() {
        return footer.getReadOnlyProperty();
    }

    /** The import area shows once an import started. */
    public ReadOnlyBooleanProperty importShownProperty() {
        return importShown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    /** 0 to 1. */
    public ReadOnlyDoubleProperty importProgressProperty() {
        return importProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty importSummaryProperty() {
        return importSummary.getReadOnlyProperty();
    }

    public ObservableList<ImportReport.LineError> importErrors() {
        return readOnlyImportErrors;
    }
}
