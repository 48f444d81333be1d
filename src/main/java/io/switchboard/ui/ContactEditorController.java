package io.switchboard.ui;

import io.switchboard.contact.ContactDraft;
import io.switchboard.contact.ContactView;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Add or edit one contact; a refused save says which field and why, and keeps what was typed. */
public class ContactEditorController {
    @FXML private TextField nameField;
    @FXML private TextField phoneField;
    @FXML private TextField refField;
    @FXML private Label error;
    @FXML private Button saveButton;

    private InboxSession session;
    private Stage stage;
    private ContactView editing;
    private Consumer<ContactView> onSaved;

    static void open(InboxSession session, Window owner, ContactView existing, Consumer<ContactView> onSaved) {
        Dialogs.Opened<ContactEditorController> d = Dialogs.open(owner, "contact-editor.fxml", existing == null ? "New contact" : "Edit " + existing.title(), true);
        ContactEditorController c = d.controller();
        c.session = session;
        c.stage = d.stage();
        c.editing = existing;
        c.onSaved = onSaved;
        if (existing != null) {
            c.nameField.setText(existing.name());
            c.phoneField.setText(existing.phone());
            c.refField.setText(existing.externalRef());
        }
        d.stage().show();
        c.nameField.requestFocus();
    }

    @FXML
    private void save() {
        clear();
        UUID tenant = session.tenantId();
        ContactDraft draft = new ContactDraft(nameField.getText(), phoneField.getText(), refField.getText(),
                editing == null ? null : editing.metadata());
        saveButton.setDisable(true);
        session.background.run(() -> editing == null ? session.services().contacts().create(tenant, draft)
                : session.services().contacts().update(tenant, editing.id(), draft), saved -> {
            stage.close();
            onSaved.accept(saved);
        }, failure -> {
            saveButton.setDisable(false);
            error.setText(InboxSession.explain(failure));
            fields().markInvalid(failure).ifPresent(TextField::requestFocus);
        });
    }

    private void clear() {
        error.setText("");
        fields().clearInvalid();
    }

    private ContactFields fields() {
        return new ContactFields(nameField, phoneField, refField);
    }

    @FXML
    private void cancel() {
        stage.close();
    }
}
