package io.switchboard.ui.campaigns;

import io.switchboard.app.Services;
import io.switchboard.template.TemplateView;
import io.switchboard.ui.common.FeatureWindows;
import io.switchboard.ui.common.FxExecutor;
import java.io.File;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The New campaign wizard: binds campaign-wizard.fxml to a {@link CampaignWizardViewModel}. */
public final class CampaignWizardView {
    @FXML private TextField nameField;
    @FXML private TextField descriptionField;
    @FXML private ComboBox<TemplateView> templateBox;
    @FXML private VBox variablesBox;
    @FXML private ChoiceBox<String> audienceBox;
    @FXML private TextField filterField;
    @FXML private TextField csvField;
    @FXML private TextField startField;
    @FXML private TextField capField;
    @FXML private TextArea previewArea;
    @FXML private Label message;
    @FXML private Button previewButton;
    @FXML private Button createButton;

    private CampaignWizardViewModel model;
    private Stage stage;
    private Consumer<UUID> created;

    public static Stage open(Window owner, Services services, UUID tenantId, String tenantName, List<UUID> selectedContacts, Consumer<UUID> created) {
        FxExecutor executor = new FxExecutor();
        CampaignWizardViewModel model = new CampaignWizardViewModel(services.campaigns(), tenantId, selectedContacts, executor);
        Stage stage = open(owner, model, tenantName, created);
        stage.setOnHidden(e -> executor.close());
        return stage;
    }

    /** Opens the wizard on a ready view model (the Contacts window's "New campaign to selected…" builds one). */
    public static Stage open(Window owner, CampaignWizardViewModel model, String tenantName, Consumer<UUID> created) {
        FeatureWindows.Loaded<CampaignWizardView> loaded = FeatureWindows.load("/fxml/campaigns/campaign-wizard.fxml");
        CampaignWizardView view = loaded.controller();
        Stage stage = FeatureWindows.stage(owner, "New campaign — " + tenantName, loaded.root(), CampaignsView.SHEETS);
        view.bind(model, stage, created);
        stage.show();
        model.load();
        return stage;
    }

    private void bind(CampaignWizardViewModel m, Stage owner, Consumer<UUID> onCreated) {
        this.model = m;
        this.stage = owner;
        this.created = onCreated;
        nameField.textProperty().bindBidirectional(m.name());
        descriptionField.textProperty().bindBidirectional(m.description());
        templateBox.setItems(m.templates());
        templateBox.valueProperty().bindBidirectional(m.template());
        templateBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(TemplateView t) {
                return t == null ? "" : t.label() + " — " + t.body();
            }

            @Override
            public TemplateView fromString(String s) {
                return null;
            }
        });
        m.variables().addListener((ListChangeListener<CampaignWizardViewModel.Variable>) c -> showVariables());
        showVariables();
        audienceBox.getItems().setAll(m.audiences());
        audienceBox.valueProperty().bindBidirectional(m.audience());
        filterField.textProperty().bindBidirectional(m.filter());
        csvField.textProperty().bindBidirectional(m.csvFile());
        filterField.disableProperty().bind(m.audience().isNotEqualTo("Filter"));
        csvField.disableProperty().bind(m.audience().isNotEqualTo("CSV file"));
        startField.textProperty().bindBidirectional(m.startAt());
        capField.textProperty().bindBidirectional(m.cap());
        previewArea.textProperty().bind(m.previewText());
        message.textProperty().bind(m.message());
        previewButton.disableProperty().bind(m.busy());
        createButton.disableProperty().bind(m.busy());
    }

    private void showVariables() {
        variablesBox.getChildren().clear();
        for (CampaignWizardViewModel.Variable v : model.variables()) {
            Label label = new Label(v.label());
            label.setMinWidth(80);
            TextField field = new TextField();
            field.textProperty().bindBidirectional(v.source());
            field.setPromptText("name|there, metadata.order, or a text");
            HBox.setHgrow(field, Priority.ALWAYS);
            HBox row = new HBox(6, label, field);
            row.setAlignment(Pos.CENTER_LEFT);
            variablesBox.getChildren().add(row);
        }
        if (model.variables().isEmpty()) {
            variablesBox.getChildren().add(new Label("This template has no variables."));
        }
    }

    @FXML
    private void chooseCsv() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            model.csvFile().set(file.getPath());
        }
    }

    @FXML
    private void preview() {
        model.preview();
    }

    @FXML
    private void create() {
        model.create(id -> {
            created.accept(id);
            stage.close();
        });
    }
}
