package io.switchboard.ui.contacts;

import io.switchboard.contact.ContactDraft;
import io.switchboard.contact.ContactService;
import io.switchboard.contact.ContactView;
import io.switchboard.ui.common.InboxSession;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/** Adds a contact or edits one; a refused save names the field and keeps what was typed. */
public final class ContactEditorViewModel {
    private final ContactService contacts;
    private final InboxSession session;
    private final ContactView editing;
    private final ContactForm form = new ContactForm();
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");

    /** {@code existing} null: a new contact. */
    public ContactEditorViewModel(ContactService contacts, InboxSession session, ContactView existing) {
        this.contacts = contacts;
        this.session = session;
        this.editing = existing;
        if (existing != null) {
            form.fill(existing);
        }
    }

    public String title() {
        return editing == null ? "New contact" : "Edit " + editing.title();
    }

    /** Saves; {@code onSaved} hears the stored contact (the dialog then closes). */
    public void save(Consumer<ContactView> onSaved) {
        form.clearError();
        UUID tenant = session.tenantId();
        ContactDraft draft = form.draft(editing == null ? null : editing.metadata());
        saving.set(true);
        session.executor().run(() -> editing == null ? contacts.create(tenant, draft) : contacts.update(tenant, editing.id(), draft), saved -> {
            saving.set(false);
            onSaved.accept(saved);
        }, failure -> {
            saving.set(false);
            form.refused(InboxSession.explain(failure), failure);
        });
    }

    public ContactForm form() {
        return form;
    }

    /** True while a save is on its way: the save button waits. */
    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }
}
