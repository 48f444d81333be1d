package io.switchboard.ui.automations;

import io.switchboard.automation.AutomationView;
import io.switchboard.ui.common.FeatureWindows;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The automation editor window: binds automation-editor.fxml to an {@link AutomationEditorViewModel}. */
public final class AutomationEditorView {
    @FXML private TextField nameField;
    @FXML private TextField descriptionField;
    @FXML private CheckBox rawBox;
    @FXML private ScrollPane formPane;
    @FXML private TextArea rawArea;
    @FXML private ChoiceBox<String> triggerChoice;
    @FXML private GridPane webhookPane;
    @FXML private ChoiceBox<String> eventChoice;
    @FXML private TextField keywordsField;
    @FXML private TextField containsField;
    @FXML private TextField regexField;
    @FXML private CheckBox firstMessageBox;
    @FXML private CheckBox outsideHoursBox;
    @FXML private TextField messageTypesField;
    @FXML private TextField conversationStatusField;
    @FXML private TextArea contactMetadataArea;
    @FXML private TextField deliveryStatusField;
    @FXML private TextField errorCodesField;
    @FXML private ChoiceBox<String> oncePerChoice;
    @FXML private GridPane schedulePane;
    @FXML private TextField cronField;
    @FXML private ChoiceBox<String> audienceChoice;
    @FXML private TextArea audienceFilterArea;
    @FXML private TextField audiencePhoneField;
    @FXML private Label manualHint;
    @FXML private ChoiceBox<String> actionChoice;
    @FXML private GridPane messagePane;
    @FXML private Label textLabel;
    @FXML private TextArea textArea;
    @FXML private Label templateLabel;
    @FXML private TextField templateNameField;
    @FXML private TextField templateLanguageField;
    @FXML private TextArea templateParamsArea;
    @FXML private GridPane contactPane;
    @FXML private TextField contactNameField;
    @FXML private TextField externalRefField;
    @FXML private TextArea metadataArea;
    @FXML private ChoiceBox<String> optOutChoice;
    @FXML private ChoiceBox<String> conversationChoice;
    @FXML private TextField replyField;
    @FXML private GridPane httpPane;
    @FXML private ChoiceBox<String> methodChoice;
    @FXML private TextField urlField;
    @FXML private TextArea headersArea;
    @FXML private TextArea secretHeadersArea;
    @FXML private TextArea bodyArea;
    @FXML private CheckBox privateBox;
    @FXML private TextField sampleTextField;
    @FXML private TextField samplePhoneField;
    @FXML private Button testButton;
    @FXML private TextArea testResultArea;
    @FXML private Label message;
    @FXML private Button saveButton;

    private AutomationEditorViewModel model;
    private Stage stage;

    /** Opens the editor on {@code existing} (null: a new automation); {@code onSaved} hears each save. */
    public static Stage open(Window owner, AutomationEditorViewModel model, AutomationView existing, Consumer<AutomationView> onSaved) {
        FeatureWindows.Loaded<AutomationEditorView> loaded = FeatureWindows.load("/fxml/automations/automation-editor.fxml");
        AutomationEditorView view = loaded.controller();
        String title = existing == null ? "New automation" : "Automation — " + existing.name();
        Stage stage = FeatureWindows.stage(owner, title, loaded.root(), AutomationsView.SHEETS);
        if (existing != null) {
            model.load(existing);
        }
        view.bind(model, stage);
        model.saved().addListener((o, was, now) -> {
            if (now != null) {
                onSaved.accept(now);
            }
        });
        stage.show();
        return stage;
    }

    private void bind(AutomationEditorViewModel m, Stage owner) {
        this.model = m;
        this.stage = owner;
        nameField.textProperty().bindBidirectional(m.name);
        descriptionField.textProperty().bindBidirectional(m.description);
        rawBox.selectedProperty().bindBidirectional(m.rawMode);
        rawArea.textProperty().bindBidirectional(m.rawJson);
        rawArea.visibleProperty().bind(m.rawMode);
        formPane.visibleProperty().bind(m.rawMode.not());
        choice(triggerChoice, AutomationEditorViewModel.TRIGGERS, m.triggerType);
        choice(eventChoice, AutomationEditorViewModel.EVENTS, m.event);
        keywordsField.textProperty().bindBidirectional(m.keywords);
        containsField.textProperty().bindBidirectional(m.contains);
        regexField.textProperty().bindBidirectional(m.regex);
        firstMessageBox.selectedProperty().bindBidirectional(m.firstMessage);
        outsideHoursBox.selectedProperty().bindBidirectional(m.outsideBusinessHours);
        messageTypesField.textProperty().bindBidirectional(m.messageTypes);
        conversationStatusField.textProperty().bindBidirectional(m.conversationStatus);
        contactMetadataArea.textProperty().bindBidirectional(m.contactMetadata);
        deliveryStatusField.textProperty().bindBidirectional(m.deliveryStatus);
        errorCodesField.textProperty().bindBidirectional(m.errorCodes);
        choice(oncePerChoice, AutomationEditorViewModel.ONCE_PER, m.oncePer);
        cronField.textProperty().bindBidirectional(m.cron);
        choice(audienceChoice, AutomationEditorViewModel.AUDIENCES, m.audience);
        audienceFilterArea.textProperty().bindBidirectional(m.audienceFilter);
        audiencePhoneField.textProperty().bindBidirectional(m.audiencePhone);
        choice(actionChoice, AutomationEditorViewModel.ACTIONS, m.actionType);
        textArea.textProperty().bindBidirectional(m.text);
        templateNameField.textProperty().bindBidirectional(m.templateName);
        templateLanguageField.textProperty().bindBidirectional(m.templateLanguage);
        templateParamsArea.textProperty().bindBidirectional(m.templateParams);
        contactNameField.textProperty().bindBidirectional(m.contactName);
        externalRefField.textProperty().bindBidirectional(m.externalRef);
        metadataArea.textProperty().bindBidirectional(m.metadata);
        choice(optOutChoice, AutomationEditorViewModel.OPT_OUT, m.optOut);
        choice(conversationChoice, AutomationEditorViewModel.CONVERSATION, m.conversation);
        replyField.textProperty().bindBidirectional(m.reply);
        choice(methodChoice, AutomationEditorViewModel.METHODS, m.method);
        urlField.textProperty().bindBidirectional(m.url);
        headersArea.textProperty().bindBidirectional(m.headers);
        secretHeadersArea.textProperty().bindBidirectional(m.secretHeaders);
        bodyArea.textProperty().bindBidirectional(m.body);
        privateBox.selectedProperty().bindBidirectional(m.allowPrivateNetwork);
        sampleTextField.textProperty().bindBidirectional(m.sampleText);
        samplePhoneField.textProperty().bindBidirectional(m.samplePhone);
        testResultArea.textProperty().bind(m.testResult);
        message.textProperty().bind(m.message);
        testButton.disableProperty().bind(m.busy);
        saveButton.disableProperty().bind(m.busy);
        // one form part per trigger and action type
        shownWhen(webhookPane, m.triggerType.isEqualTo("webhook"));
        shownWhen(schedulePane, m.triggerType.isEqualTo("schedule"));
        shownWhen(manualHint, m.triggerType.isEqualTo("manual").or(m.triggerType.isEqualTo("api")));
        shownWhen(messagePane, m.actionType.isEqualTo("send_message").or(m.actionType.isEqualTo("send_template")));
        shownWhen(contactPane, m.actionType.isEqualTo("update_contact"));
        shownWhen(httpPane, m.actionType.isEqualTo("http_request"));
        textLabel.visibleProperty().bind(m.actionType.isEqualTo("send_message"));
        textArea.visibleProperty().bind(m.actionType.isEqualTo("send_message"));
        templateLabel.textProperty().bind(Bindings.when(m.actionType.isEqualTo("send_template"))
                .then("Template (name, language)").otherwise("Fallback template outside 24 h (optional)"));
    }

    private static void choice(ChoiceBox<String> box, List<String> items, javafx.beans.property.StringProperty value) {
        box.getItems().setAll(items);
        box.valueProperty().bindBidirectional(value);
    }

    private static void shownWhen(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    @FXML
    private void save() {
        model.save();
    }

    @FXML
    private void test() {
        model.test();
    }

    @FXML
    private void close() {
        stage.close();
    }
}
