package io.switchboard.ui.templates;

import io.switchboard.app.Services;
import io.switchboard.db.Notifications;
import io.switchboard.live.Change;
import io.switchboard.live.ChangeListener;
import io.switchboard.template.TemplateRow;
import io.switchboard.ui.common.FeatureWindows;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The Templates screen: binds templates.fxml to a {@link TemplatesViewModel}; every rule lives in the view model and the services. */
public final class TemplatesView {
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    static final List<String> SHEETS = List.of("/styles/app.css", "/styles/inbox.css", "/styles/templates.css");

    @FXML private TextField searchField;
    @FXML private ChoiceBox<String> statusFilter;
    @FXML private Button syncButton;
    @FXML private Button duplicateButton;
    @FXML private Button editButton;
    @FXML private Button deleteButton;
    @FXML private TableView<TemplateRow> table;
    @FXML private TableColumn<TemplateRow, String> nameColumn;
    @FXML private TableColumn<TemplateRow, String> languageColumn;
    @FXML private TableColumn<TemplateRow, TemplateRow> statusColumn;
    @FXML private TableColumn<TemplateRow, String> categoryColumn;
    @FXML private TableColumn<TemplateRow, String> qualityColumn;
    @FXML private TableColumn<TemplateRow, TemplateRow> visibleColumn;
    @FXML private TableColumn<TemplateRow, String> updatedColumn;
    @FXML private Label message;

    private TemplatesViewModel model;
    private TemplateActions actions;
    private ExecutorService io;
    private Stage stage;

    /** Opens the tenant's Templates window; it refreshes itself whenever any process changes the tenant's templates. */
    public static Stage open(Window owner, Services services, UUID tenantId, String tenantName) {
        TemplateActions actions = TemplateActions.of(services.templates(), services.templateSync(), services.templateSubmission());
        ExecutorService io = FeatureWindows.io("templates-screen");
        TemplatesViewModel model = new TemplatesViewModel(actions, tenantId, io, Platform::runLater);
        FeatureWindows.Loaded<TemplatesView> loaded = FeatureWindows.load("/fxml/templates/templates.fxml");
        TemplatesView view = loaded.controller();
        Stage stage = FeatureWindows.stage(owner, "Templates — " + tenantName, loaded.root(), SHEETS);
        view.bind(model, actions, io, stage);
        ChangeListener listener = services.listenForChanges(new ChangeListener.Events() {
            @Override
            public void changed(List<Change> changes) {
                if (changes.stream().anyMatch(c -> c.kind() == Notifications.Kind.TEMPLATES && c.concerns(tenantId))) {
                    Platform.runLater(model::refresh);
                }
            }

            @Override
            public void connection(boolean connected, boolean afterLoss, String detail) {
                if (connected && afterLoss) {
                    Platform.runLater(model::refresh);
                }
            }
        });
        stage.setOnHidden(e -> {
            listener.close();
            io.shutdownNow();
        });
        stage.show();
        model.refresh();
        return stage;
    }

    private void bind(TemplatesViewModel m, TemplateActions a, ExecutorService executor, Stage owner) {
        this.model = m;
        this.actions = a;
        this.io = executor;
        this.stage = owner;
        searchField.textProperty().bindBidirectional(m.search());
        statusFilter.getItems().setAll(TemplatesViewModel.FILTERS);
        statusFilter.valueProperty().bindBidirectional(m.statusFilter());
        table.setItems(m.rows());
        // both ways, not bound: a reload replaces the rows and the view model keeps the same template selected
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null || !m.rows().isEmpty()) {
                m.selected().set(row);
            }
        });
        m.selected().addListener((obs, old, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                if (row == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(row);
                }
            }
        });
        message.textProperty().bind(m.message());
        syncButton.disableProperty().bind(m.busy());
        duplicateButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        editButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !m.selectedEditable(), m.selected()).or(m.busy()));
        deleteButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(m.busy()));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        languageColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().language()));
        categoryColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().category()
                + (c.getValue().metaCategory() == null ? "" : " (" + c.getValue().metaCategory() + ")")));
        qualityColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().qualityScore() == null ? "—" : c.getValue().qualityScore()));
        updatedColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().updatedAt() == null ? "" : UPDATED.format(c.getValue().updatedAt())));
        statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        statusColumn.setCellFactory(col -> new BadgeCell());
        visibleColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        visibleColumn.setCellFactory(col -> new VisibleCell());
    }

    /** The status badge; the reason of a rejection, pause or disablement shows on hover. */
    private static final class BadgeCell extends TableCell<TemplateRow, TemplateRow> {
        @Override
        protected void updateItem(TemplateRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            Label badge = new Label(row.badge());
            badge.getStyleClass().addAll("template-badge", "badge-" + row.badge().toLowerCase(Locale.ROOT).replace(' ', '-'));
            setGraphic(badge);
            String reason = row.usable() ? null : row.unusableReason();
            setTooltip(reason == null ? null : new Tooltip(reason));
        }
    }

    /** The "visible to agents" switch. */
    private final class VisibleCell extends TableCell<TemplateRow, TemplateRow> {
        private final CheckBox box = new CheckBox();

        VisibleCell() {
            box.setOnAction(e -> {
                TemplateRow row = getItem();
                if (row != null) {
                    model.setAgentVisible(row, box.isSelected());
                }
            });
        }

        @Override
        protected void updateItem(TemplateRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            box.setSelected(row.agentVisible());
            box.setId("visible-" + row.name() + "-" + row.language());
            setGraphic(box);
        }
    }

    @FXML
    private void sync() {
        model.sync();
    }

    @FXML
    private void newTemplate() {
        TemplateEditorView.open(stage, actions, model.tenantId(), null, io, row -> model.refresh());
    }

    @FXML
    private void duplicate() {
        model.duplicateSelected(draft -> TemplateEditorView.open(stage, actions, model.tenantId(), draft, io, row -> model.refresh()));
    }

    @FXML
    private void edit() {
        model.editSelected(draft -> TemplateEditorView.openEdit(stage, actions, model.tenantId(), draft, io, row -> model.refresh()));
    }

    @FXML
    private void delete() {
        model.deleteSelected();
    }
}
