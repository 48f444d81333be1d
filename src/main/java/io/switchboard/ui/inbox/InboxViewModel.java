package io.switchboard.ui.inbox;

import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Notifications.Kind;
import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.contacts.ContactPanelViewModel;
import io.switchboard.ui.contacts.ContactsViewModel;
import io.switchboard.ui.tenants.TenantsViewModel;
import io.switchboard.ui.thread.ThreadViewModel;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inbox window's state above its parts: the tenants and which one is chosen, the title with
 * the unread total, and what a change means for each part. The parts (list, thread, contact
 * panel, status bar) are view models of their own.
 */
public final class InboxViewModel {
    private static final Set<Kind> LIST_KINDS = EnumSet.of(Kind.MESSAGES, Kind.STATUSES, Kind.CONVERSATIONS, Kind.CONTACTS);

    /** The window's parts, built by the wiring with the services each uses. */
    public record Parts(ConversationListViewModel list, ThreadViewModel thread, ContactPanelViewModel panel, StatusBarViewModel status,
            Function<InboxViewModel, ContactsViewModel> contacts, Function<InboxViewModel, TenantsViewModel> tenants) {
    }

    private final TenantService tenants;
    private final ConversationService conversations;
    private final InboxSession session;
    private final Parts parts;
    private final ObservableList<TenantView> tenantList = FXCollections.observableArrayList();
    private final ObservableList<TenantView> readOnlyTenants = FXCollections.unmodifiableObservableList(tenantList);
    private final ReadOnlyObjectWrapper<TenantView> picked = new ReadOnlyObjectWrapper<>(this, "picked");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Switchboard");
    private final ReadOnlyObjectWrapper<ContactsViewModel> contactsWindow = new ReadOnlyObjectWrapper<>(this, "contactsWindow");
    private long unread;
    private Consumer<List<ConversationSummary>> onFirstPage = first -> { };

    public InboxViewModel(TenantService tenants, ConversationService conversations, InboxSession session, Parts parts) {
        this.tenants = tenants;
        this.conversations = conversations;
        this.session = session;
        this.parts = parts;
        parts.list().follow(parts.thread()::conversation, this::open, first -> onFirstPage.accept(first));
    }

    /** Hears every fresh first page of the list (the window's desktop notifications). */
    public void onFirstPage(Consumer<List<ConversationSummary>> listener) {
        this.onFirstPage = listener;
    }

    /**
     * The tenants again; {@code select} (or else the current tenant, the first active one, the
     * first one) is picked. The view switches to a picked tenant through {@link #switchTenant}.
     */
    public void reloadTenants(Optional<UUID> select) {
        session.executor().run(tenants::list, all -> {
            UUID wanted = select.orElse(session.tenantId());
            tenantList.setAll(all);
            Optional<TenantView> pick = all.stream().filter(t -> t.id().equals(wanted)).findFirst()
                    .or(() -> all.stream().filter(t -> t.status() == TenantStatus.ACTIVE).findFirst())
                    .or(() -> all.stream().findFirst());
            if (pick.isEmpty()) {
                session.report("No tenants yet: open Tenants to create one.");
            } else if (pick.get().id().equals(session.tenantId())) {
                // The same tenant, perhaps renamed: no switch, only what shows its name.
                session.tenantProperty().set(pick.get());
                picked.set(pick.get());
                updateTitle();
            } else {
                picked.set(pick.get());
            }
        }, session.reloadFailure("Could not load tenants: "));
    }

    /** Shows another tenant: its list, nothing open, its unread total and lines. */
    public void switchTenant(TenantView tenant) {
        session.tenantProperty().set(tenant);
        picked.set(tenant);
        parts.thread().clear();
        parts.panel().show(null);
        parts.list().reload();
        refreshUnread();
        parts.status().refreshBacklog();
        parts.status().refreshChannels();
        ContactsViewModel contacts = contactsWindow.get();
        if (contacts != null) {
            contacts.reload();
        }
        updateTitle();
    }

    /** Opens a conversation in the thread and the contact panel. */
    public void open(ConversationSummary c) {
        parts.thread().show(c);
        parts.panel().show(c);
    }

    /** Something the agent did (sent, read) changed the list: refresh without waiting for the notification. */
    public void activity() {
        parts.list().refreshTop();
        refreshUnread();
        parts.status().refreshBacklog();
    }

    /** A conversation changed in the contact panel. */
    public void conversationChanged(ConversationSummary changed) {
        parts.thread().updated(changed);
        parts.list().refreshTop();
    }

    /** What parts a batch of change notifications concerns: the list, the thread, the contact. */
    public Changes changed(Set<Kind> kinds) {
        boolean list = kinds.stream().anyMatch(LIST_KINDS::contains);
        if (list) {
            parts.list().refreshTop();
            refreshUnread();
        }
        boolean thread = kinds.contains(Kind.MESSAGES) || kinds.contains(Kind.STATUSES) || kinds.contains(Kind.CONVERSATIONS);
        if (thread) {
            parts.status().refreshBacklog();
        }
        boolean contact = kinds.contains(Kind.CONTACTS) || kinds.contains(Kind.CONVERSATIONS);
        if (contact && contactsWindow.get() != null) {
            contactsWindow.get().changed();
        }
        return new Changes(thread, contact);
    }

    /** Which parts the view should refresh (it knows whether the agent is reading or typing there). */
    public record Changes(boolean thread, boolean contact) {
    }

    /** Live updates came back after a loss: everything again. */
    public void reconnected() {
        reloadTenants(Optional.empty());
        parts.list().reload();
        refreshUnread();
    }

    private void refreshUnread() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        session.executor().run(() -> conversations.unreadTotal(tenant), total -> {
            if (tenant.equals(session.tenantId())) {
                unread = total;
                updateTitle();
            }
        }, failure -> { });
    }

    private void updateTitle() {
        TenantView t = session.tenant();
        String name = t == null ? "Switchboard" : t.name() + " — Switchboard";
        title.set(unread > 0 ? "(" + unread + ") " + name : name);
    }

    /** The contacts window's model; the same one while that window is open. */
    public ContactsViewModel openContacts() {
        ContactsViewModel vm = parts.contacts().apply(this);
        contactsWindow.set(vm);
        return vm;
    }

    public void contactsClosed() {
        contactsWindow.set(null);
    }

    public TenantsViewModel tenantsDialog() {
        return parts.tenants().apply(this);
    }

    /** The tenants dialog created one: switch to it. */
    public void tenantCreated(TenantView created) {
        reloadTenants(Optional.of(created.id()));
    }

    /** The tenants dialog changed one (name, status, WhatsApp numbers). */
    public void tenantsChanged() {
        reloadTenants(Optional.empty());
        parts.status().refreshChannels();
    }

    public ObservableList<TenantView> tenants() {
        return readOnlyTenants;
    }

    /** The tenant the switcher should show. */
    public ReadOnlyObjectProperty<TenantView> pickedProperty() {
        return picked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ContactsViewModel> contactsWindowProperty() {
        return contactsWindow.getReadOnlyProperty();
    }

    public ConversationListViewModel conversationList() {
        return parts.list();
    }

    public ThreadViewModel thread() {
        return parts.thread();
    }

    public ContactPanelViewModel contactPanel() {
        return parts.panel();
    }

    public StatusBarViewModel statusBar() {
        return parts.status();
    }

    /** The tenant at position {@code index} of the switcher (Ctrl+1…9), if there is one. */
    public Optional<TenantView> tenantAt(int index) {
        List<TenantView> all = tenantList;
        return index < all.size() ? Optional.of(all.get(index)) : Optional.empty();
    }
}
