package io.switchboard.ui.audit;

import io.switchboard.audit.AuditEntry;
import io.switchboard.audit.AuditLog;
import io.switchboard.ui.common.UiExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit log window's state for one tenant: the entries loaded so far (newest first, a page at a
 * time), whether older ones remain, and what the last export or failure said. What the list holds is
 * what the database lets the session see: an admin's tenants only.
 */
public final class AuditLogViewModel {
    static final int PAGE = 200;

    private final AuditLog log;
    private final UUID tenant;
    private final UiExecutor executor;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper(this, "more", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public AuditLogViewModel(AuditLog log, UUID tenant, UiExecutor executor) {
        this.log = log;
        this.tenant = tenant;
        this.executor = executor;
    }

    public ObservableList<AuditEntry> entries() {
        return entries;
    }

    public ReadOnlyBooleanProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Loads the newest page again, from the top. */
    public void refresh() {
        load(null, true);
    }

    /** Appends the next older page. */
    public void loadOlder() {
        if (!entries.isEmpty() && more.get()) {
            load(entries.get(entries.size() - 1), false);
        }
    }

    private void load(AuditEntry after, boolean replace) {
        busy.set(true);
        executor.now(() -> log.page(tenant, after, PAGE + 1), page -> {
            busy.set(false);
            error.set("");
            List<AuditEntry> shown = page.size() > PAGE ? page.subList(0, PAGE) : page;
            if (replace) {
                entries.setAll(shown);
            } else {
                entries.addAll(shown);
            }
            more.set(page.size() > PAGE);
            status.set(entries.isEmpty() ? "Nothing recorded for this tenant, or you are no admin of it." : entries.size() + (more.get() ? "+" : "") + " entries");
        }, this::failed);
    }

    /** Writes the tenant's whole log to {@code file} as CSV, in the background. */
    public void exportCsv(Path file) {
        busy.set(true);
        executor.run(() -> {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                return log.exportCsv(tenant, out);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
            }
        }, rows -> {
            busy.set(false);
            error.set("");
            status.set("Exported " + rows + " entries to " + file);
        }, this::failed);
    }

    private void failed(Throwable failure) {
        busy.set(false);
        error.set(failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }
}
