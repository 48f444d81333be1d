package io.switchboard.ui;

import io.switchboard.common.ValidationException;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TextField;

/**
 * The name, phone and external-ref inputs of a contact form, which both the contact editor and the
 * contact panel have: a validation error names a field, and the matching input is marked.
 */
record ContactFields(TextField name, TextField phone, TextField externalRef) {

    /** Marks the input the failure names, if it names one, and returns it. */
    Optional<TextField> markInvalid(Throwable failure) {
        if (!(failure instanceof ValidationException v)) {
            return Optional.empty();
        }
        TextField field = switch (v.field()) {
            case "name" -> name;
            case "phone" -> phone;
            case "external_ref" -> externalRef;
            default -> null;
        };
        if (field != null) {
            field.getStyleClass().add("invalid");
        }
        return Optional.ofNullable(field);
    }

    void clearInvalid() {
        for (TextField f : List.of(name, phone, externalRef)) {
            f.getStyleClass().remove("invalid");
        }
    }
}
