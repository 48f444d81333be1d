package io.switchboard.ui.campaigns;

import io.switchboard.app.Services;
import io.switchboard.campaign.CampaignSummary;
import io.switchboard.ui.common.FeatureWindows;
import io.switchboard.ui.common.FxExecutor;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The campaign list: binds campaigns.fxml to a {@link CampaignsViewModel}; opens the wizard and the funnel. */
public final class CampaignsView {
    static final List<String> SHEETS = List.of("/styles/app.css", "/styles/inbox.css", "/styles/templates.css");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @FXML private ChoiceBox<String> statusFilter;
    @FXML private Button startButton;
    @FXML private Button pauseButton;
    @FXML private Button resumeButton;
    @FXML private Button cancelButton;
    @FXML private Button duplicateButton;
    @FXML private Button funnelButton;
    @FXML private TableView<CampaignSummary> table;
    @FXML private TableColumn<CampaignSummary, String> nameColumn;
    @FXML private TableColumn<CampaignSummary, String> statusColumn;
    @FXML private TableColumn<CampaignSummary, Double> progressColumn;
    @FXML private TableColumn<CampaignSummary, String> progressTextColumn;
    @FXML private TableColumn<CampaignSummary, String> templateColumn;
    @FXML private TableColumn<CampaignSummary, String> scheduleColumn;
    @FXML private TableColumn<CampaignSummary, String> countsColumn;
    @FXML private Label message;

    private CampaignsViewModel model;
    private Services services;
    private Supplier<List<UUID>> selectedContacts;
    private Stage stage;
    private String tenantName;

    /**
     * Opens the tenant's campaign list. {@code selectedContacts} gives the contacts selected in the Contacts view at
     * the moment the wizard opens (for "Selected contacts"); it may give an empty list.
     */
    public static Stage open(Window owner, Services services, UUID tenantId, String tenantName, Supplier<List<UUID>> selectedContacts) {
        FxExecutor executor = new FxExecutor();
        CampaignsViewModel model = new CampaignsViewModel(services.campaigns(), tenantId, executor);
        FeatureWindows.Loaded<CampaignsView> loaded = FeatureWindows.load("/fxml/campaigns/campaigns.fxml");
        CampaignsView view = loaded.controller();
        Stage stage = FeatureWindows.stage(owner, "Campaigns — " + tenantName, loaded.root(), SHEETS);
        view.bind(model, services, selectedContacts, stage, tenantName);
        LiveRefresh live = new LiveRefresh(services, tenantId, model::refresh);
        stage.setOnHidden(e -> {
            live.close();
            executor.close();
        });
        stage.show();
        model.refresh();
        return stage;
    }

    private void bind(CampaignsViewModel m, Services s, Supplier<List<UUID>> contacts, Stage owner, String tenant) {
        this.model = m;
        this.services = s;
        this.selectedContacts = contacts;
        this.stage = owner;
        this.tenantName = tenant;
        statusFilter.getItems().setAll(CampaignsViewModel.FILTERS);
        statusFilter.valueProperty().bindBidirectional(m.statusFilter());
        table.setItems(m.rows());
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
        table.setRowFactory(tv -> {
            TableRow<CampaignSummary> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openFunnel();
                }
            });
            return row;
        });
        message.textProperty().bind(m.message());
        startButton.disableProperty().bind(m.canStart().not());
        pauseButton.disableProperty().bind(m.canPause().not());
        resumeButton.disableProperty().bind(m.canResume().not());
        cancelButton.disableProperty().bind(m.canCancel().not());
        duplicateButton.disableProperty().bind(m.selected().isNull());
        funnelButton.disableProperty().bind(m.selected().isNull());
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status().code()));
        progressColumn.setCellValueFactory(c -> new ReadOnlyDoubleWrapper(c.getValue().progress()).asObject());
        progressColumn.setCellFactory(ProgressBarTableCell.forTableColumn());
        progressTextColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(CampaignsViewModel.progressText(c.getValue())));
        templateColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().template()));
        scheduleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().scheduledAt() == null ? "—" : WHEN.format(c.getValue().scheduledAt())));
        countsColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().recipients() + " · " + c.getValue().sent() + " · "
                + c.getValue().delivered() + " · " + c.getValue().read() + " · " + c.getValue().failed()
                + (c.getValue().limited() > 0 ? " (+" + c.getValue().limited() + " limited)" : "")));
    }

    @FXML
    private void newCampaign() {
        CampaignWizardView.open(stage, services, model.tenantId(), tenantName, selectedContacts.get(), id -> model.refresh());
    }

    @FXML
    private void start() {
        model.start();
    }

    @FXML
    private void pause() {
        model.pause();
    }

    @FXML
    private void resume() {
        model.resume();
    }

    @FXML
    private void cancel() {
        model.cancel();
    }

    @FXML
    private void duplicate() {
        model.duplicate();
    }

    @FXML
    private void openFunnel() {
        CampaignSummary s = model.selected().get();
        if (s != null) {
            CampaignFunnelView.open(stage, services, model.tenantId(), s.id(), s.name());
        }
    }
}
