package io.switchboard.ui.contacts;

import io.switchboard.contact.ContactSort;
import io.switchboard.contact.ContactView;
import io.switchboard.contact.ImportReport;
import io.switchboard.ui.common.Dialogs;
import io.switchboard.ui.common.TimeLabels;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Shows a {@link ContactsViewModel} in its own window: the table, the buttons, the import area. */
public class ContactsView {
    @FXML private TextField searchField;
    @FXML private TableView<ContactView> table;
    @FXML private Button editButton;
    @FXML private Button deleteButton;
    @FXML private Button importButton;
    @FXML private javafx.scene.layout.HBox selectionBar;
    @FXML private Button campaignButton;
    @FXML private Button automationButton;
    @FXML private VBox importPane;
    @FXML private ProgressBar importProgress;
    @FXML private Label importSummary;
    @FXML private ListView<ImportReport.LineError> importErrors;
    @FXML private Label footer;

    private final PauseTransition searchDebounce = new PauseTransition(javafx.util.Duration.millis(220));
    private ContactsViewModel model;
    private Stage stage;

    /** Opens the window; returns its stage (the inbox brings it to the front instead of opening a second one). */
    public static Stage open(Window owner, ContactsViewModel model) {
        Dialogs.Opened<ContactsView> d = Dialogs.open(owner, "contacts/contacts.fxml", model.titleBinding().get(), false);
        d.stage().titleProperty().bind(model.titleBinding());
        d.controller().bind(model, d.stage());
        d.stage().show();
        model.reload();
        return d.stage();
    }

    @FXML
    private void initialize() {
        table.getColumns().setAll(List.of(
                column("Name", ContactSort.NAME, v -> v.name() == null ? "" : v.name()),
                column("Phone", ContactSort.PHONE, ContactView::phone),
                column("External ref", null, v -> v.externalRef() == null ? "" : v.externalRef()),
                column("Metadata", null, v -> v.metadata().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))),
                column("Created", ContactSort.CREATED, v -> TimeLabels.date(v.createdAt())),
                column("Updated", ContactSort.UPDATED, v -> TimeLabels.date(v.updatedAt()))));
        table.setPlaceholder(new Label("No contacts"));
        table.setRowFactory(t -> {
            TableRow<ContactView> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    edit();
                }
            });
            return row;
        });
        editButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        deleteButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        importErrors.setPlaceholder(new Label("No errors"));
    }

    private void bind(ContactsViewModel vm, Stage window) {
        this.model = vm;
        this.stage = window;
        table.setItems(vm.rows());
        // The database sorts (the table only ever holds a page or a few), so a header click reloads.
        table.setSortPolicy(t -> {
            TableColumn<ContactView, ?> by = t.getSortOrder().isEmpty() ? null : t.getSortOrder().get(0);
            vm.sortProperty().set(by == null ? ContactSort.NAME : (ContactSort) by.getUserData());
            vm.ascendingProperty().set(by == null || by.getSortType() == TableColumn.SortType.ASCENDING);
            vm.reload();
            return true;
        });
        table.skinProperty().addListener((obs, old, skin) -> Platform.runLater(this::watchEnd));
        vm.searchProperty().bind(searchField.textProperty());
        searchField.textProperty().addListener((obs, old, text) -> searchDebounce.playFromStart());
        searchDebounce.setOnFinished(e -> vm.reload());
        footer.textProperty().bind(vm.footerProperty());
        importPane.visibleProperty().bind(vm.importShownProperty());
        importPane.managedProperty().bind(vm.importShownProperty());
        importProgress.progressProperty().bind(vm.importProgressProperty());
        importSummary.textProperty().bind(vm.importSummaryProperty());
        importErrors.setItems(vm.importErrors());
        importButton.disableProperty().bind(vm.importingProperty());
        bindSelectionActions(vm);
    }

    /** Several rows can be selected; the campaign and automation actions work on all of them (button and context menu). */
    private void bindSelectionActions(ContactsViewModel vm) {
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        javafx.beans.binding.Bindings.bindContent(vm.selection(), table.getSelectionModel().getSelectedItems());
        selectionBar.setVisible(vm.hasSelectionActions());
        selectionBar.setManaged(vm.hasSelectionActions());
        if (!vm.hasSelectionActions()) {
            return;
        }
        campaignButton.disableProperty().bind(vm.anySelectedBinding().not());
        automationButton.disableProperty().bind(vm.anySelectedBinding().not());
        javafx.scene.control.MenuItem campaign = new javafx.scene.control.MenuItem(campaignButton.getText());
        campaign.setOnAction(e -> campaignToSelected());
        campaign.disableProperty().bind(vm.anySelectedBinding().not());
        javafx.scene.control.MenuItem automation = new javafx.scene.control.MenuItem(automationButton.getText());
        automation.setOnAction(e -> automationOnSelected());
        automation.disableProperty().bind(vm.anySelectedBinding().not());
        table.setContextMenu(new javafx.scene.control.ContextMenu(campaign, automation));
    }

    @FXML
    private void campaignToSelected() {
        var wizard = model.campaignToSelected();
        if (wizard != null) {
            io.switchboard.ui.campaigns.CampaignWizardView.open(stage, wizard, tenantName(), id -> { });
        }
    }

    @FXML
    private void automationOnSelected() {
        var run = model.automationOnSelected();
        if (run != null) {
            io.switchboard.ui.automations.RunOnContactsView.open(stage, run, tenantName());
        }
    }

    private String tenantName() {
        return model.tenantName();
    }

    private TableColumn<ContactView, String> column(String title, ContactSort sort, Function<ContactView, String> value) {
        TableColumn<ContactView, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(sort != null);
        c.setUserData(sort);
        return c;
    }

    private void watchEnd() {
        if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.positionProperty().addListener((obs, old, position) -> {
                if (position.doubleValue() >= 0.85) {
                    model.loadMore();
                }
            });
        }
    }

    @FXML
    private void add() {
        ContactEditorView.open(stage, model.editor(null), saved -> model.reload());
    }

    @FXML
    private void edit() {
        ContactView selected = table.getSelectionModel().getSelectedItem();
        if (selected != null) {
            ContactEditorView.open(stage, model.editor(selected), saved -> model.reload());
        }
    }

    @FXML
    private void delete() {
        ContactView selected = table.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Delete " + selected.title() + "? Their conversations and messages are deleted with them.", ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(stage);
        confirm.setHeaderText("Delete contact");
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.delete(selected));
    }

    @FXML
    private void chooseImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import contacts from CSV");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            model.importFile(file.toPath());
        }
    }

    @FXML
    private void chooseExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export contacts to CSV");
        chooser.setInitialFileName("contacts.csv");
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            model.export(file.toPath());
        }
    }
}
