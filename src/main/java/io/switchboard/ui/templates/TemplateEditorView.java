package io.switchboard.ui.templates;

import io.switchboard.template.TemplateDraft;
import io.switchboard.template.TemplateRow;
import io.switchboard.ui.common.FeatureWindows;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The template editor window: binds template-editor.fxml to a {@link TemplateEditorViewModel}. */
public final class TemplateEditorView {
    @FXML private TextField nameField;
    @FXML private Label nameProblem;
    @FXML private ChoiceBox<String> categoryBox;
    @FXML private Label categoryProblem;
    @FXML private TextField languageField;
    @FXML private Label languageProblem;
    @FXML private ChoiceBox<String> headerBox;
    @FXML private TextField headerTextField;
    @FXML private TextField headerExampleField;
    @FXML private Label headerProblem;
    @FXML private TextArea bodyArea;
    @FXML private Label bodyProblem;
    @FXML private TextArea examplesArea;
    @FXML private Label examplesProblem;
    @FXML private TextField footerField;
    @FXML private Label footerProblem;
    @FXML private ChoiceBox<String> buttonTypeBox;
    @FXML private TextField buttonTextField;
    @FXML private TextField buttonValueField;
    @FXML private TextField buttonExampleField;
    @FXML private ListView<TemplateDraft.Button> buttonList;
    @FXML private Label buttonsProblem;
    @FXML private Label previewBubble;
    @FXML private Label message;
    @FXML private Button submitButton;

    private TemplateEditorViewModel model;
    private Stage stage;
    private Consumer<TemplateRow> submitted;

    /** Opens an editor, empty or filled from {@code draft} (Duplicate); {@code submitted} hears of the stored template. */
    public static Stage open(Window owner, TemplateActions actions, UUID tenantId, TemplateDraft draft, Executor io, Consumer<TemplateRow> submitted) {
        return open(owner, actions, tenantId, draft, false, io, submitted);
    }

    /** Opens an editor on a stored template to edit it at Meta: name and language are read-only. */
    public static Stage openEdit(Window owner, TemplateActions actions, UUID tenantId, TemplateDraft draft, Executor io, Consumer<TemplateRow> submitted) {
        return open(owner, actions, tenantId, draft, true, io, submitted);
    }

    private static Stage open(Window owner, TemplateActions actions, UUID tenantId, TemplateDraft draft, boolean edit, Executor io,
                              Consumer<TemplateRow> submitted) {
        TemplateEditorViewModel model = new TemplateEditorViewModel(actions, tenantId, io, Platform::runLater);
        if (draft != null && edit) {
            model.loadForEdit(draft);
        } else if (draft != null) {
            model.load(draft);
        }
        FeatureWindows.Loaded<TemplateEditorView> loaded = FeatureWindows.load("/fxml/templates/template-editor.fxml");
        TemplateEditorView view = loaded.controller();
        String title = draft == null ? "New template" : edit ? "Edit " + draft.name() + " (" + draft.language() + ")" : "New template from " + draft.name();
        Stage stage = FeatureWindows.stage(owner, title, loaded.root(), TemplatesView.SHEETS);
        view.model = model;
        view.stage = stage;
        view.submitted = submitted;
        view.bind();
        stage.show();
        return stage;
    }

    private void bind() {
        nameField.textProperty().bindBidirectional(model.name());
        categoryBox.getItems().setAll(TemplateEditorViewModel.CATEGORIES);
        categoryBox.valueProperty().bindBidirectional(model.category());
        languageField.textProperty().bindBidirectional(model.language());
        nameField.editableProperty().bind(model.editing().not());
        languageField.editableProperty().bind(model.editing().not());
        if (model.editing().get()) {
            submitButton.setText("Submit edit to Meta");
        }
        headerBox.getItems().setAll(TemplateEditorViewModel.HEADERS);
        headerBox.valueProperty().bindBidirectional(model.headerFormat());
        headerTextField.textProperty().bindBidirectional(model.headerText());
        headerTextField.disableProperty().bind(model.headerFormat().isNotEqualTo("TEXT"));
        headerExampleField.textProperty().bindBidirectional(model.headerExample());
        headerExampleField.disableProperty().bind(model.headerFormat().isEqualTo("NONE"));
        bodyArea.textProperty().bindBidirectional(model.body());
        examplesArea.textProperty().bindBidirectional(model.bodyExamples());
        footerField.textProperty().bindBidirectional(model.footer());
        buttonTypeBox.getItems().setAll("QUICK_REPLY", "URL", "PHONE_NUMBER", "COPY_CODE");
        buttonTypeBox.setValue("QUICK_REPLY");
        buttonList.setItems(model.buttons());
        buttonList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(TemplateDraft.Button b, boolean empty) {
                super.updateItem(b, empty);
                setText(empty || b == null ? null : b.type() + "  " + (b.text() == null ? "" : b.text())
                        + (b.url() != null ? "  " + b.url() : b.phoneNumber() != null ? "  " + b.phoneNumber() : b.example() != null ? "  " + b.example() : ""));
            }
        });
        bindProblem(nameProblem, "name");
        bindProblem(categoryProblem, "category");
        bindProblem(languageProblem, "language");
        bindProblem(headerProblem, "header");
        bindProblem(bodyProblem, "body");
        bindProblem(examplesProblem, "body.examples");
        bindProblem(footerProblem, "footer");
        bindProblem(buttonsProblem, "buttons");
        previewBubble.textProperty().bind(model.preview());
        message.textProperty().bind(model.message());
        submitButton.disableProperty().bind(model.valid().not().or(model.busy()));
    }

    private void bindProblem(Label label, String field) {
        String own = field.equals("body") ? "body" : field;
        label.textProperty().bind(Bindings.createStringBinding(() -> field.equals("body") ? model.problems().getOrDefault(own, "") : model.problemOf(field),
                model.problems()));
    }

    @FXML
    private void addButton() {
        String type = buttonTypeBox.getValue();
        String text = buttonTextField.getText();
        String value = buttonValueField.getText();
        String example = buttonExampleField.getText();
        model.addButton(switch (type) {
            case "URL" -> TemplateDraft.Button.url(text, value, example == null || example.isBlank() ? null : example);
            case "PHONE_NUMBER" -> TemplateDraft.Button.phone(text, value);
            case "COPY_CODE" -> TemplateDraft.Button.copyCode(value);
            default -> TemplateDraft.Button.quickReply(text);
        });
        List.of(buttonTextField, buttonValueField, buttonExampleField).forEach(TextField::clear);
    }

    @FXML
    private void removeButton() {
        model.removeButton(buttonList.getSelectionModel().getSelectedIndex());
    }

    @FXML
    private void submit() {
        model.submit(row -> {
            submitted.accept(row);
            stage.close();
        });
    }

    @FXML
    private void cancel() {
        stage.close();
    }
}
