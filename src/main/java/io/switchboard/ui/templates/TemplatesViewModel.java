package io.switchboard.ui.templates;

import io.switchboard.template.TemplateDraft;
import io.switchboard.template.TemplateRow;
import io.switchboard.template.TemplateSubmission;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Templates screen's state: the tenant's templates (searched and filtered by status), the selection,
 * a message line, and the commands Sync, Delete, Duplicate and the "visible to agents" switch. Work runs on
 * {@code io}; results are applied on {@code ui} (the FX thread in the app, the calling thread in tests).
 */
public final class TemplatesViewModel {
    /** The status filter's choices: all, or one of the guide's statuses. */
    public static final List<String> FILTERS = List.of("all", "approved", "pending", "rejected", "disabled");

    private final TemplateActions actions;
    private final UUID tenantId;
    private final Executor io;
    private final Executor ui;
    private final ObservableList<TemplateRow> rows = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty statusFilter = new SimpleStringProperty("all");
    private final ObjectProperty<TemplateRow> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private long generation;

    public TemplatesViewModel(TemplateActions actions, UUID tenantId, Executor io, Executor ui) {
        this.actions = actions;
        this.tenantId = tenantId;
        this.io = io;
        this.ui = ui;
        search.addListener((obs, old, v) -> refresh());
        statusFilter.addListener((obs, old, v) -> refresh());
    }

    public ObservableList<TemplateRow> rows() {
        return rows;
    }

    public StringProperty search() {
        return search;
    }

    public StringProperty statusFilter() {
        return statusFilter;
    }

    public ObjectProperty<TemplateRow> selected() {
        return selected;
    }

    public StringProperty message() {
        return message;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public UUID tenantId() {
        return tenantId;
    }

    /** Reloads the list; an older reload finishing late never overwrites a newer one. */
    public void refresh() {
        long mine = ++generation;
        String q = search.get();
        String status = "all".equals(statusFilter.get()) ? null : statusFilter.get();
        run(() -> actions.list(tenantId, q, status), list -> {
            if (mine != generation) {
                return;
            }
            UUID keep = selected.get() == null ? null : selected.get().id();
            rows.setAll(list);
            selected.set(keep == null ? null : list.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null));
        });
    }

    /** The Sync button: brings the tenant's templates from Meta, then reloads. */
    public void sync() {
        busy.set(true);
        message.set("Syncing templates with Meta…");
        run(() -> actions.sync(tenantId), summary -> {
            busy.set(false);
            message.set("Synced: " + summary);
            refresh();
        });
    }

    /** The "visible to agents" switch of one template. */
    public void setAgentVisible(TemplateRow row, boolean visible) {
        run(() -> {
            actions.setAgentVisible(tenantId, row.id(), visible);
            return null;
        }, ignored -> {
            message.set(row.name() + (visible ? " is offered to agents" : " is hidden from agents"));
            refresh();
        });
    }

    /** Deletes the selected template at Meta (every language of its name). */
    public void deleteSelected() {
        TemplateRow row = selected.get();
        if (row == null) {
            return;
        }
        busy.set(true);
        run(() -> actions.delete(tenantId, row.name()), n -> {
            busy.set(false);
            message.set("Deleted " + row.name() + " at Meta");
            refresh();
        });
    }

    /** Whether Meta lets the selected template be edited now (APPROVED, REJECTED or PAUSED, not deleted). */
    public boolean selectedEditable() {
        TemplateRow row = selected.get();
        return row != null && TemplateSubmission.editable(row);
    }

    /**
     * The selected template's content, handed to {@code editor} to edit in place. Meta's limits on approved
     * templates (once a day, ten times a month) are not stored here: Meta's refusal is shown when they are hit.
     */
    public void editSelected(Consumer<TemplateDraft> editor) {
        TemplateRow row = selected.get();
        if (row == null) {
            return;
        }
        if (!selectedEditable()) {
            message.set(row.name() + " (" + row.language() + ") cannot be edited while it is " + row.badge()
                    + ": Meta only allows editing approved, rejected or paused templates");
            return;
        }
        run(() -> actions.draftOf(tenantId, row.id()), editor);
    }

    /** A draft copying the selected template under "{name}_copy", handed to {@code editor}. */
    public void duplicateSelected(Consumer<TemplateDraft> editor) {
        TemplateRow row = selected.get();
        if (row == null) {
            return;
        }
        run(() -> actions.draftOf(tenantId, row.id()).withName(row.name() + "_copy"), editor);
    }

    private <T> void run(Supplier<T> work, Consumer<T> done) {
        io.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    message.set(explain(e));
                });
                return;
            }
            ui.execute(() -> done.accept(result));
        });
    }

    static String explain(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
