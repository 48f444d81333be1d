package io.switchboard.ui;

import io.switchboard.common.ValidationException;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.template.TemplateChoice;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;

/** Pick an approved template, fill a field per {{n}}, watch the preview, send when every field is filled. */
public class TemplatePickerController {
    @FXML private ComboBox<TemplateView> templateBox;
    @FXML private Label noTemplates;
    @FXML private GridPane paramGrid;
    @FXML private Label preview;
    @FXML private Label error;
    @FXML private Button sendButton;

    private final List<TextField> headerFields = new ArrayList<>();
    private final List<TextField> bodyFields = new ArrayList<>();
    private final java.util.Map<TemplateView, String> unusable = new java.util.HashMap<>();
    private Consumer<OutboundContent> onSend;
    private Stage stage;

    static void open(InboxSession session, ConversationSummary conversation, Consumer<OutboundContent> onSend) {
        Dialogs.Opened<TemplatePickerController> d = Dialogs.open(session.window(), "template-picker.fxml", "Send a template to " + conversation.title(), true);
        d.controller().stage = d.stage();
        d.controller().onSend = onSend;
        d.stage().show();
        session.background.run(() -> session.services().templates().choices(session.tenantId()), d.controller()::templatesLoaded,
                failure -> d.controller().error.setText("Could not load templates: " + InboxSession.explain(failure)));
    }

    @FXML
    private void initialize() {
        templateBox.setCellFactory(list -> new TemplateNameCell());
        templateBox.setButtonCell(new TemplateNameCell());
        templateBox.valueProperty().addListener((obs, old, t) -> fields(t));
        sendButton.setDisable(true);
    }

    private void templatesLoaded(List<TemplateChoice> choices) {
        unusable.clear();
        choices.stream().filter(c -> !c.usable()).forEach(c -> unusable.put(c.template(), c.reason()));
        List<TemplateView> templates = choices.stream().map(TemplateChoice::template).toList();
        boolean none = choices.stream().noneMatch(TemplateChoice::usable);
        templateBox.getItems().setAll(templates);
        templateBox.setPromptText(none ? "No approved templates" : "Choose a template");
        noTemplates.setVisible(none);
        noTemplates.setManaged(none);
        templates.stream().filter(t -> !unusable.containsKey(t)).findFirst().ifPresent(templateBox.getSelectionModel()::select);
    }

    private void fields(TemplateView t) {
        paramGrid.getChildren().clear();
        headerFields.clear();
        bodyFields.clear();
        if (t == null) {
            update();
            return;
        }
        int row = 0;
        row = addFields(t.headerPlaceholders(), "Header {{%d}}", headerFields, row);
        addFields(t.bodyPlaceholders(), "{{%d}}", bodyFields, row);
        update();
        if (stage != null) {
            stage.sizeToScene();
        }
        if (!bodyFields.isEmpty() || !headerFields.isEmpty()) {
            (headerFields.isEmpty() ? bodyFields : headerFields).get(0).requestFocus();
        }
    }

    private int addFields(List<Integer> placeholders, String label, List<TextField> into, int row) {
        int max = placeholders.isEmpty() ? 0 : placeholders.get(placeholders.size() - 1);
        for (int n = 1; n <= max; n++) {
            TextField field = new TextField();
            field.setId("param-" + (label.startsWith("Header") ? "header-" : "") + n);
            field.setPromptText("Value for {{" + n + "}}");
            field.textProperty().addListener((obs, old, v) -> update());
            into.add(field);
            paramGrid.add(new Label(String.format(label, n)), 0, row);
            paramGrid.add(field, 1, row++);
        }
        return row;
    }

    private void update() {
        TemplateView t = templateBox.getValue();
        if (t != null && unusable.containsKey(t)) {
            templateBox.setValue(null); // a paused or disabled template is shown, never picked
            return;
        }
        if (t == null) {
            preview.setText("");
            sendButton.setDisable(true);
            return;
        }
        String before = preview.getText();
        preview.setText(TemplateService.preview(t, values(headerFields), values(bodyFields)));
        if (stage != null && before != null && before.split("\n", -1).length != preview.getText().split("\n", -1).length) {
            stage.sizeToScene();
        }
        try {
            TemplateService.content(t, values(headerFields), values(bodyFields));
            error.setText("");
            sendButton.setDisable(false);
        } catch (ValidationException e) {
            // Nothing typed yet is not an error; say what is missing once the agent has started.
            boolean untouched = Stream.concat(headerFields.stream(), bodyFields.stream()).allMatch(f -> f.getText() == null || f.getText().isEmpty());
            error.setText(untouched ? "" : e.getMessage());
            sendButton.setDisable(true);
        }
    }

    private static List<String> values(List<TextField> fields) {
        return fields.stream().map(TextField::getText).map(s -> s == null ? "" : s.strip()).toList();
    }

    @FXML
    private void send() {
        TemplateView t = templateBox.getValue();
        if (t == null) {
            return;
        }
        try {
            OutboundContent content = TemplateService.content(t, values(headerFields), values(bodyFields));
            stage.close();
            onSend.accept(content);
        } catch (ValidationException e) {
            error.setText(e.getMessage());
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
            String reason = t == null ? null : unusable.get(t);
            setText(empty || t == null ? null : t.label() + " · " + t.category() + (reason == null ? "" : " — " + reason));
            setDisable(reason != null);
        }
    }
}
