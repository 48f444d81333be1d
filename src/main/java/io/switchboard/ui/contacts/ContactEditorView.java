package io.switchboard.ui.contacts;

import io.switchboard.contact.ContactView;
import io.switchboard.ui.common.Dialogs;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Shows a {@link ContactEditorViewModel} in a dialog. */
public class ContactEditorView {
    @FXML private TextField nameField;
    @FXML private TextField phoneField;
    @FXML private TextField refField;
    @FXML private Label error;
    @FXML private Button saveButton;

    private ContactEditorViewModel model;
    private ContactFields fields;
    private Stage stage;
    private Consumer<ContactView> onSaved;

    static void open(Window owner, ContactEditorViewModel model, Consumer<ContactView> onSaved) {
        Dialogs.Opened<ContactEditorView> d = Dialogs.open(owner, "contacts/contact-editor.fxml", model.title(), true);
        ContactEditorView v = d.controller();
        v.model = model;
        v.stage = d.stage();
        v.onSaved = onSaved;
        v.fields = new ContactFields(v.nameField, v.phoneField, v.refField);
        v.fields.bind(model.form());
        v.error.textProperty().bind(model.form().errorProperty());
        v.saveButton.disableProperty().bind(model.savingProperty());
        // A refusal names a field: the cursor goes there.
        model.form().invalidFieldProperty().addListener((obs, old, field) -> {
            TextField named = v.fields.input(field);
            if (named != null) {
                named.requestFocus();
            }
        });
        d.stage().show();
        v.nameField.requestFocus();
    }

    @FXML
    private void save() {
        model.save(saved -> {
            stage.close();
            onSaved.accept(saved);
        });
    }

    @FXML
    private void cancel() {
        stage.close();
    }
}
