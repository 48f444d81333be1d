package io.switchboard.ui.thread;

import io.switchboard.template.TemplateView;
import io.switchboard.ui.common.Dialogs;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The template dialog: a choice of approved templates, an input per {{n}}, the preview; the rules are in {@link TemplatePickerViewModel}. */
public class TemplatePickerView {
    @FXML private ComboBox<TemplateView> templateBox;
    @FXML private Label noTemplates;
    @FXML private GridPane paramGrid;
    @FXML private Label preview;
    @FXML private Label error;
    @FXML private Button sendButton;

    private TemplatePickerViewModel model;
    private Stage stage;

    static void open(Window owner, String title, TemplatePickerViewModel model) {
        Dialogs.Opened<TemplatePickerView> d = Dialogs.open(owner, "thread/template-picker.fxml", title, true);
        d.controller().bind(model, d.stage());
        d.stage().show();
        model.load();
    }

    @FXML
    private void initialize() {
        templateBox.setCellFactory(list -> new TemplateNameCell());
        templateBox.setButtonCell(new TemplateNameCell());
    }

    private void bind(TemplatePickerViewModel vm, Stage owner) {
        this.model = vm;
        this.stage = owner;
        templateBox.setItems(vm.templates());
        templateBox.valueProperty().bindBidirectional(vm.selectedProperty());
        templateBox.promptTextProperty().bind(vm.choicePromptProperty());
        noTemplates.visibleProperty().bind(vm.noTemplatesProperty());
        noTemplates.managedProperty().bind(vm.noTemplatesProperty());
        preview.textProperty().bind(vm.previewProperty());
        error.textProperty().bind(vm.errorProperty());
        sendButton.disableProperty().bind(vm.sendableProperty().not());
        vm.parameters().addListener((ListChangeListener<TemplatePickerViewModel.Parameter>) c -> fields());
        preview.textProperty().addListener((obs, before, now) -> {
            if (before != null && now != null && before.split("\n", -1).length != now.split("\n", -1).length) {
                stage.sizeToScene();
            }
        });
    }

    private void fields() {
        paramGrid.getChildren().clear();
        int row = 0;
        TextField first = null;
        for (TemplatePickerViewModel.Parameter p : model.parameters()) {
            TextField field = new TextField();
            field.setId(p.id());
            field.setPromptText(p.prompt());
            field.textProperty().bindBidirectional(p.value());
            paramGrid.add(new Label(p.label()), 0, row);
            paramGrid.add(field, 1, row++);
            first = first == null ? field : first;
        }
        stage.sizeToScene();
        if (first != null) {
            first.requestFocus();
        }
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

    private final class TemplateNameCell extends ListCell<TemplateView> {
        @Override
        protected void updateItem(TemplateView t, boolean empty) {
            super.updateItem(t, empty);
            String reason = model == null ? null : model.unusableReason(t);
            setText(empty || t == null ? null : t.label() + " · " + t.category() + (reason == null ? "" : " — " + reason));
            setDisable(reason != null);
        }
    }
}
