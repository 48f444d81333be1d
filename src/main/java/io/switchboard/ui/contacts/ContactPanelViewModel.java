package io.switchboard.ui.contacts;

import io.switchboard.common.ValidationException;
import io.switchboard.contact.ContactDraft;
import io.switchboard.contact.ContactService;
import io.switchboard.contact.ContactView;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationStatus;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.common.TimeLabels;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The contact beside the thread: its details and metadata to edit, what may be done with the
 * conversation (close, archive, reopen), and the contact's other conversations.
 */
public final class ContactPanelViewModel {
    private static final int OTHERS = 20;

    private final ContactService contacts;
    private final ConversationService conversations;
    private final InboxSession session;
    private final Consumer<ConversationSummary> onConversationChanged;
    private final ContactForm form = new ContactForm();
    private final ObservableList<MetadataEntry> metadata = FXCollections.observableArrayList();
    private final ObservableList<ConversationSummary> others = FXCollections.observableArrayList();
    private final ObservableList<ConversationSummary> readOnlyOthers = FXCollections.unmodifiableObservableList(others);
    private final ReadOnlyObjectWrapper<ConversationSummary> conversation = new ReadOnlyObjectWrapper<>(this, "conversation");
    private final ReadOnlyObjectWrapper<ContactView> contact = new ReadOnlyObjectWrapper<>(this, "contact");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "");
    private final ReadOnlyStringWrapper subheading = new ReadOnlyStringWrapper(this, "subheading", "");
    private final ReadOnlyStringWrapper created = new ReadOnlyStringWrapper(this, "created", "");
    private final ReadOnlyStringWrapper updated = new ReadOnlyStringWrapper(this, "updated", "");
    private final ReadOnlyBooleanWrapper canClose = new ReadOnlyBooleanWrapper(this, "canClose");
    private final ReadOnlyBooleanWrapper canArchive = new ReadOnlyBooleanWrapper(this, "canArchive");
    private final ReadOnlyBooleanWrapper canReopen = new ReadOnlyBooleanWrapper(this, "canReopen");
    private long generation;

    /** {@code onConversationChanged} hears a conversation the panel closed, archived, reopened or whose contact it saved. */
    public ContactPanelViewModel(ContactService contacts, ConversationService conversations, InboxSession session,
            Consumer<ConversationSummary> onConversationChanged) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.session = session;
        this.onConversationChanged = onConversationChanged;
    }

    /** Shows the contact of {@code c}; null empties the panel. */
    public void show(ConversationSummary c) {
        conversation.set(c);
        if (c == null) {
            contact.set(null);
            generation++;
            return;
        }
        actions(c);
        reload();
    }

    /** After a change notification: the contact and its conversations again, unless the agent is editing them. */
    public void refresh(boolean editing) {
        if (conversation.get() != null && !editing) {
            reload();
        }
    }

    private void reload() {
        long mine = ++generation;
        UUID tenant = session.tenantId();
        ConversationSummary c = conversation.get();
        session.executor().run(() -> new Loaded(contacts.get(tenant, c.contactId()).orElse(null), conversations.forContact(tenant, c.contactId(), OTHERS)),
                loaded -> {
                    if (mine != generation || loaded.contact() == null) {
                        return;
                    }
                    fill(loaded.contact());
                    others.setAll(loaded.conversations().stream().filter(o -> !o.id().equals(c.id())).toList());
                    loaded.conversations().stream().filter(o -> o.id().equals(c.id())).findFirst().ifPresent(this::actions);
                }, session.reloadFailure("Could not load the contact: "));
    }

    private record Loaded(ContactView contact, List<ConversationSummary> conversations) {
    }

    private void fill(ContactView v) {
        contact.set(v);
        heading.set(v.title());
        subheading.set(v.name() == null || v.name().isBlank() ? "No name yet" : v.phone());
        form.fill(v);
        metadata.setAll(v.metadata().entrySet().stream().map(e -> new MetadataEntry(e.getKey(), e.getValue())).toList());
        created.set("Created " + TimeLabels.stamp(v.createdAt()));
        updated.set("Updated " + TimeLabels.stamp(v.updatedAt()));
    }

    private void actions(ConversationSummary c) {
        conversation.set(c);
        canClose.set(c.status() == ConversationStatus.OPEN);
        canArchive.set(c.status() != ConversationStatus.ARCHIVED);
        canReopen.set(c.status() != ConversationStatus.OPEN);
    }

    /** A new metadata row to fill in; returns it so the view can start editing it. */
    public MetadataEntry addMetadata() {
        MetadataEntry row = new MetadataEntry("key", "");
        metadata.add(row);
        return row;
    }

    public void removeMetadata(MetadataEntry row) {
        metadata.remove(row);
    }

    /** Saves the details and metadata; a refusal names the field and keeps what was typed. */
    public void save() {
        ContactView v = contact.get();
        if (v == null) {
            return;
        }
        ContactDraft draft;
        try {
            draft = form.draft(MetadataEntry.toMap(metadata));
        } catch (ValidationException e) {
            form.refused(e.getMessage(), e);
            return;
        }
        form.clearError();
        UUID tenant = session.tenantId();
        session.executor().run(() -> contacts.update(tenant, v.id(), draft), saved -> {
            fill(saved);
            session.report("Saved " + saved.title());
            onConversationChanged.accept(conversation.get());
        }, failure -> form.refused(InboxSession.explain(failure), failure));
    }

    public void closeConversation() {
        change(id -> conversations.close(session.tenantId(), id));
    }

    public void archiveConversation() {
        change(id -> conversations.archive(session.tenantId(), id));
    }

    public void reopenConversation() {
        change(id -> conversations.reopen(session.tenantId(), id));
    }

    private void change(java.util.function.Function<UUID, ConversationSummary> action) {
        ConversationSummary c = conversation.get();
        if (c == null) {
            return;
        }
        Supplier<ConversationSummary> work = () -> action.apply(c.id());
        session.executor().run(work, changed -> {
            actions(changed);
            session.report("Conversation " + changed.status().code());
            onConversationChanged.accept(changed);
        }, failure -> session.report(InboxSession.explain(failure)));
    }

    /** One line for another conversation of the contact: status, when, what was said last. */
    public String describe(ConversationSummary c) {
        return c.status().code() + " · " + TimeLabels.relative(c.lastMessageAt(), session.now())
                + (c.lastPreview() == null ? "" : " · " + c.lastPreview().replace('\n', ' '));
    }

    public ContactForm form() {
        return form;
    }

    public ObservableList<MetadataEntry> metadata() {
        return metadata;
    }

    public ObservableList<ConversationSummary> otherConversations() {
        return readOnlyOthers;
    }

    public ReadOnlyObjectProperty<ConversationSummary> conversationProperty() {
        return conversation.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ContactView> contactProperty() {
        return contact.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subheadingProperty() {
        return subheading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty createdProperty() {
        return created.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty updatedProperty() {
        return updated.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCloseProperty() {
        return canClose.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canArchiveProperty() {
        return canArchive.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canReopenProperty() {
        return canReopen.getReadOnlyProperty();
    }
}
