package io.switchboard.ui.tenants;

import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.InboxSession;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Tenants: create, rename, activate and deactivate; and the door to a tenant's WhatsApp numbers. */
public final class TenantsViewModel {
    private final TenantService tenants;
    private final WhatsAppDialogs whatsApp;
    private final InboxSession session;
    private final Consumer<TenantView> onCreated;
    private final Runnable onChanged;
    private final ObservableList<TenantView> list = FXCollections.observableArrayList();
    private final ObservableList<TenantView> readOnlyList = FXCollections.unmodifiableObservableList(list);
    private final ObjectProperty<TenantView> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final StringBinding statusAction = Bindings.createStringBinding(
            () -> selected.get() != null && selected.get().status() == TenantStatus.INACTIVE ? "Activate" : "Deactivate", selected);

    /**
     * {@code whatsApp} builds the WhatsApp dialog's model when it opens (the owner's needs the secrets key; a
     * team agent's lists numbers only); {@code onCreated} hears a new tenant, {@code onChanged} any other change.
     */
    public TenantsViewModel(TenantService tenants, WhatsAppDialogs whatsApp,
            InboxSession session, Consumer<TenantView> onCreated, Runnable onChanged) {
        this.tenants = tenants;
        this.whatsApp = whatsApp;
        this.session = session;
        this.onCreated = onCreated;
        this.onChanged = onChanged;
        selected.addListener((obs, old, t) -> {
            if (t != null) {
                name.set(t.name());
            }
        });
    }

    /** All tenants; {@code select} (may be null) is selected again once they are loaded. */
    public void reload(TenantView select) {
        session.executor().run(tenants::list, all -> {
            list.setAll(all);
            if (select != null) {
                all.stream().filter(t -> t.id().equals(select.id())).findFirst().ifPresent(selected::set);
            }
        }, failure -> error.set(InboxSession.explain(failure)));
    }

    public void create() {
        String typed = name.get();
        run(() -> tenants.create(typed), created -> {
            name.set("");
            onCreated.accept(created);
        });
    }

    public void rename() {
        TenantView t = selected.get();
        if (t != null) {
            String typed = name.get();
            run(() -> tenants.rename(t.id(), typed), renamed -> onChanged.run());
        }
    }

    public void toggleStatus() {
        TenantView t = selected.get();
        if (t != null) {
            TenantStatus next = t.status() == TenantStatus.ACTIVE ? TenantStatus.INACTIVE : TenantStatus.ACTIVE;
            run(() -> tenants.setStatus(t.id(), next), changed -> onChanged.run());
        }
    }

    private void run(Supplier<TenantView> action, Consumer<TenantView> then) {
        error.set("");
        session.executor().run(action, done -> {
            reload(done);
            then.accept(done);
        }, failure -> error.set(InboxSession.explain(failure)));
    }

    /** The WhatsApp numbers of the selected tenant; null when none is selected. */
    public WhatsAppConnectionViewModel whatsApp() {
        TenantView t = selected.get();
        return t == null ? null : whatsApp.open(t, session, onChanged);
    }

    public ObservableList<TenantView> tenants() {
        return readOnlyList;
    }

    public ObjectProperty<TenantView> selectedProperty() {
        return selected;
    }

    /** The name typed in: for a new tenant, or the selected one's new name. */
    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** "Deactivate" or "Activate", for the selected tenant. */
    public StringBinding statusActionBinding() {
        return statusAction;
    }
}
