package io.switchboard.ui.automations;

import io.switchboard.automation.AutomationView;
import io.switchboard.automation.RunView;
import io.switchboard.ui.common.FeatureWindows;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The run log window: binds run-log.fxml to a {@link RunLogViewModel}. */
public final class RunLogView {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    @FXML private ComboBox<AutomationView> automationFilter;
    @FXML private ChoiceBox<String> outcomeFilter;
    @FXML private Button retryButton;
    @FXML private TableView<RunView> table;
    @FXML private TableColumn<RunView, String> timeColumn;
    @FXML private TableColumn<RunView, String> automationColumn;
    @FXML private TableColumn<RunView, String> triggerColumn;
    @FXML private TableColumn<RunView, String> contactColumn;
    @FXML private TableColumn<RunView, String> outcomeColumn;
    @FXML private TableColumn<RunView, String> durationColumn;
    @FXML private TableColumn<RunView, String> resultColumn;
    @FXML private TextArea details;
    @FXML private Label message;
    private RunLogViewModel model;

    /** Opens the log, filtered to {@code automations}' {@code first} when given; the filter lists them all ("all" is null). */
    public static Stage open(Window owner, RunLogViewModel model, List<AutomationView> automations) {
        FeatureWindows.Loaded<RunLogView> loaded = FeatureWindows.load("/fxml/automations/run-log.fxml");
        RunLogView view = loaded.controller();
        Stage stage = FeatureWindows.stage(owner, "Automation runs", loaded.root(), AutomationsView.SHEETS);
        view.bind(model, automations);
        stage.show();
        model.refresh();
        return stage;
    }

    private void bind(RunLogViewModel m, List<AutomationView> automations) {
        this.model = m;
        automationFilter.getItems().add(null);
        automationFilter.getItems().addAll(automations);
        StringConverter<AutomationView> names = new StringConverter<>() {
            @Override
            public String toString(AutomationView a) {
                return a == null ? "All automations" : a.name();
            }

            @Override
            public AutomationView fromString(String s) {
                return null;
            }
        };
        automationFilter.setConverter(names);
        UUID first = m.automation().get();
        automationFilter.setValue(automations.stream().filter(a -> a.id().equals(first)).findFirst().orElse(null));
        automationFilter.valueProperty().addListener((o, was, a) -> m.automation().set(a == null ? null : a.id()));
        outcomeFilter.getItems().setAll(RunLogViewModel.OUTCOMES);
        outcomeFilter.valueProperty().bindBidirectional(m.outcome());
        table.setItems(m.rows());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, run) -> m.selected().set(run));
        details.textProperty().bind(m.details());
        message.textProperty().bind(m.message());
        retryButton.disableProperty().bind(m.canRetry().not());
        timeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().createdAt() == null ? "" : WHEN.format(c.getValue().createdAt())));
        automationColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().automationName()));
        triggerColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().triggerType()));
        contactColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().contactPhone() == null ? "—" : c.getValue().contactPhone()));
        outcomeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status()));
        durationColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().durationMs() == null ? "" : c.getValue().durationMs() + " ms"));
        resultColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().error() != null ? c.getValue().error()
                : c.getValue().result() == null ? "" : c.getValue().result()));
    }

    @FXML
    private void refresh() {
        model.refresh();
    }

    @FXML
    private void retry() {
        model.retrySelected();
    }
}
