package io.switchboard.ui.automations;

import io.switchboard.automation.AutomationView;
import io.switchboard.ui.common.Dialogs;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** "Run automation on selected…": binds run-on-contacts.fxml to a {@link RunOnContactsViewModel}. */
public final class RunOnContactsView {
    @FXML private Label heading;
    @FXML private ComboBox<AutomationView> automationBox;
    @FXML private TextField variablesField;
    @FXML private Button runButton;
    @FXML private ListView<String> outcomeList;
    @FXML private Label message;

    private RunOnContactsViewModel model;
    private Stage stage;

    public static Stage open(Window owner, RunOnContactsViewModel model, String tenantName) {
        Dialogs.Opened<RunOnContactsView> d = Dialogs.open(owner, "automations/run-on-contacts.fxml", "Run automation — " + tenantName, false);
        d.controller().bind(model, d.stage());
        d.stage().show();
        model.load();
        return d.stage();
    }

    private void bind(RunOnContactsViewModel m, Stage window) {
        this.model = m;
        this.stage = window;
        heading.setText(m.heading());
        automationBox.setItems(m.choices());
        automationBox.valueProperty().bindBidirectional(m.chosen());
        automationBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(AutomationView a) {
                return a == null ? "" : a.name() + " — " + a.actionType().code();
            }

            @Override
            public AutomationView fromString(String s) {
                return null;
            }
        });
        variablesField.textProperty().bindBidirectional(m.variables());
        runButton.disableProperty().bind(m.canRunBinding().not());
        outcomeList.setItems(m.outcomes());
        outcomeList.setPlaceholder(new Label("Each run's outcome shows here."));
        message.textProperty().bind(m.message());
    }

    @FXML
    private void run() {
        model.run();
    }

    @FXML
    private void close() {
        stage.close();
    }
}
