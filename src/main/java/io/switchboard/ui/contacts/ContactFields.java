package io.switchboard.ui.contacts;

import java.util.List;
import javafx.scene.control.TextField;

/**
 * The name, phone and external-ref inputs of a contact form, which both the contact editor and the
 * contact panel have: they edit a {@link ContactForm}, and the input a refusal names is marked.
 */
record ContactFields(TextField name, TextField phone, TextField externalRef) {

    void bind(ContactForm form) {
        name.textProperty().bindBidirectional(form.nameProperty());
        phone.textProperty().bindBidirectional(form.phoneProperty());
        externalRef.textProperty().bindBidirectional(form.externalRefProperty());
        form.invalidFieldProperty().addListener((obs, old, field) -> mark(field));
    }

    /** Marks the input {@code field} names, and only that one. */
    private void mark(String field) {
        for (TextField f : List.of(name, phone, externalRef)) {
            f.getStyleClass().remove("invalid");
        }
        TextField input = input(field);
        if (input != null) {
            input.getStyleClass().add("invalid");
        }
    }

    /** The input for a field name of {@link io.switchboard.common.ValidationException}; null when it is none of these. */
    TextField input(String field) {
        return switch (field) {
            case "name" -> name;
            case "phone" -> phone;
            case "external_ref" -> externalRef;
            default -> null;
        };
    }
}
