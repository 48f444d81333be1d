package io.switchboard.ui.thread;

import io.switchboard.ui.common.Dialogs;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The attachment dialog; the rules are in {@link AttachViewModel}. */
public class AttachView {
    @FXML private Label heading;
    @FXML private TextField linkField;
    @FXML private TextField captionField;
    @FXML private Label filenameLabel;
    @FXML private TextField filenameField;
    @FXML private Label error;

    private AttachViewModel model;
    private Stage stage;

    static void open(Window owner, AttachViewModel model) {
        Dialogs.Opened<AttachView> d = Dialogs.open(owner, "thread/attach.fxml", model.title(), true);
        AttachView v = d.controller();
        v.model = model;
        v.stage = d.stage();
        v.heading.setText(model.heading());
        v.filenameLabel.setVisible(!model.isImage());
        v.filenameField.setVisible(!model.isImage());
        v.linkField.textProperty().bindBidirectional(model.linkProperty());
        v.captionField.textProperty().bindBidirectional(model.captionProperty());
        v.filenameField.textProperty().bindBidirectional(model.filenameProperty());
        v.error.textProperty().bind(model.errorProperty());
        d.stage().show();
        v.linkField.requestFocus();
    }

    @FXML
    private void send() {
        if (model.send()) {
            stage.close();
        }
    }

    @FXML
    private void cancel() {
        stage.close();
    }
}
