package io.switchboard.ui.automations;

import io.switchboard.app.Services;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.ui.common.FeatureWindows;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/** The Automations window: binds automations.fxml to an {@link AutomationsViewModel}; the rules live in the services. */
public final class AutomationsView {
    static final List<String> SHEETS = List.of("/styles/app.css", "/styles/inbox.css");

    @FXML private Button editButton;
    @FXML private MenuButton recipesButton;
    @FXML private Button runButton;
    @FXML private Button deleteButton;
    @FXML private TableView<AutomationView> table;
    @FXML private TableColumn<AutomationView, AutomationView> activeColumn;
    @FXML private TableColumn<AutomationView, String> nameColumn;
    @FXML private TableColumn<AutomationView, String> triggerColumn;
    @FXML private TableColumn<AutomationView, String> actionColumn;
    @FXML private TableColumn<AutomationView, String> countsColumn;
    @FXML private TableColumn<AutomationView, String> lastRunColumn;
    @FXML private TableColumn<AutomationView, String> statusColumn;
    @FXML private Label message;

    private AutomationsViewModel model;
    private ExecutorService io;
    private Stage stage;

    /** Opens the tenant's Automations window; Run… starts with {@code openPhone} (the open conversation's contact) when given. */
    public static Stage open(Window owner, Services services, UUID tenantId, String tenantName, String openPhone) {
        ExecutorService io = FeatureWindows.io("automations-screen");
        AutomationsViewModel model = new AutomationsViewModel(services.automations(), tenantId, io, Platform::runLater);
        if (openPhone != null) {
            model.runPhones().set(openPhone);
        }
        Stage stage = open(owner, model, io);
        stage.setTitle("Automations — " + tenantName);
        return stage;
    }

    /** Opens the window on a view model (the app's, or a test's). */
    public static Stage open(Window owner, AutomationsViewModel model, ExecutorService io) {
        FeatureWindows.Loaded<AutomationsView> loaded = FeatureWindows.load("/fxml/automations/automations.fxml");
        AutomationsView view = loaded.controller();
        Stage stage = FeatureWindows.stage(owner, "Automations", loaded.root(), SHEETS);
        view.bind(model, io, stage);
        // runs happen in workers of any process: the counts and last runs are re-read every few seconds while open
        Timeline poll = new Timeline(new KeyFrame(Duration.seconds(3), e -> model.refresh()));
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
        stage.setOnHidden(e -> {
            poll.stop();
            io.shutdownNow();
        });
        stage.show();
        model.refresh();
        return stage;
    }

    private void bind(AutomationsViewModel m, ExecutorService executor, Stage owner) {
        this.model = m;
        this.io = executor;
        this.stage = owner;
        table.setItems(m.rows());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null || !m.rows().isEmpty()) {
                m.selected().set(row);
            }
        });
        m.selected().addListener((o, was, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                if (row == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(row);
                }
            }
        });
        message.textProperty().bind(m.message());
        editButton.disableProperty().bind(m.selected().isNull());
        runButton.disableProperty().bind(m.selected().isNull().or(m.busy()));
        deleteButton.disableProperty().bind(m.selected().isNull().or(m.busy()));
        for (String recipe : m.recipes()) {
            MenuItem item = new MenuItem(switch (recipe) {
                case "greeting" -> "Greeting on a customer's first message";
                case "away" -> "Away message outside business hours";
                case "stop" -> "STOP → opt-out with confirmation";
                default -> "Failed-message alert to an HTTP endpoint";
            });
            item.setOnAction(e -> m.enableRecipe(recipe));
            recipesButton.getItems().add(item);
        }
        activeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        activeColumn.setCellFactory(col -> new SwitchCell());
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        triggerColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(AutomationsText.trigger(c.getValue())));
        actionColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().actionType().code()));
        countsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().executionCount() + " / " + c.getValue().successCount() + " / "
                + c.getValue().failureCount()));
        lastRunColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().lastRunAt() == null ? "never"
                : RunLogView.WHEN.format(c.getValue().lastRunAt()) + " " + c.getValue().lastRunStatus()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status().code()
                + (c.getValue().statusReason() == null ? "" : ": " + c.getValue().statusReason())));
    }

    /** The status switch: on = active; off = inactive. */
    private final class SwitchCell extends TableCell<AutomationView, AutomationView> {
        private final CheckBox box = new CheckBox();

        SwitchCell() {
            box.setOnAction(e -> {
                AutomationView row = getItem();
                if (row != null) {
                    model.setActive(row, box.isSelected());
                }
            });
        }

        @Override
        protected void updateItem(AutomationView item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
            } else {
                box.setSelected(item.status() == AutomationStatus.ACTIVE);
                setGraphic(box);
            }
        }
    }

    private AutomationEditorViewModel editorModel() {
        return new AutomationEditorViewModel(model.service(), model.tenantId(), io, Platform::runLater);
    }

    @FXML
    private void newAutomation() {
        AutomationEditorView.open(stage, editorModel(), null, saved -> model.refresh());
    }

    @FXML
    private void edit() {
        AutomationView v = model.selected().get();
        if (v != null) {
            AutomationEditorView.open(stage, editorModel(), v, saved -> model.refresh());
        }
    }

    @FXML
    private void run() {
        AutomationView v = model.selected().get();
        if (v == null) {
            return;
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(stage);
        dialog.setTitle("Run " + v.name());
        TextField phones = new TextField(model.runPhones().get());
        phones.setPromptText("+5511987654321, +4915112345678");
        TextField vars = new TextField();
        vars.setPromptText("order_id=A-17, city=Lisbon");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Contacts (phones)"), phones);
        grid.addRow(1, new Label("Variables ({{trigger.KEY}})"), vars);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            model.runPhones().set(phones.getText());
            model.runSelected(phones.getText(), vars.getText());
        });
    }

    @FXML
    private void log() {
        AutomationView v = model.selected().get();
        RunLogViewModel log = new RunLogViewModel(model.service(), model.tenantId(), v == null ? null : v.id(), io, Platform::runLater);
        RunLogView.open(stage, log, List.copyOf(model.rows()));
    }

    @FXML
    private void delete() {
        model.deleteSelected();
    }
}
