package io.switchboard.ui.contacts;

import io.switchboard.common.ValidationException;
import io.switchboard.contact.ContactDraft;
import io.switchboard.contact.ContactView;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The name, phone and external-ref inputs that the contact editor and the contact panel share,
 * and what a refused save says: the message, and which of the inputs it names.
 */
public final class ContactForm {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty phone = new SimpleStringProperty(this, "phone", "");
    private final StringProperty externalRef = new SimpleStringProperty(this, "externalRef", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper invalidField = new ReadOnlyStringWrapper(this, "invalidField", "");

    void fill(ContactView v) {
        name.set(v.name() == null ? "" : v.name());
        phone.set(v.phone() == null ? "" : v.phone());
        externalRef.set(v.externalRef() == null ? "" : v.externalRef());
        clearError();
    }

    ContactDraft draft(Map<String, String> metadata) {
        return new ContactDraft(name.get(), phone.get(), externalRef.get(), metadata);
    }

    void refused(String message, Throwable failure) {
        error.set(message);
        invalidField.set(failure instanceof ValidationException v && v.field() != null ? v.field() : "");
    }

    void clearError() {
        error.set("");
        invalidField.set("");
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty phoneProperty() {
        return phone;
    }

    public StringProperty externalRefProperty() {
        return externalRef;
    }

    /** Why the last save was refused; empty when it was not. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The field the refusal names (name, phone, external_ref, metadata…), empty if none. */
    public ReadOnlyStringProperty invalidFieldProperty() {
        return invalidField.getReadOnlyProperty();
    }
}
