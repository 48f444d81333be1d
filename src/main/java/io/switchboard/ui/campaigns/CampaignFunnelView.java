package io.switchboard.ui.campaigns;

import io.switchboard.app.Services;
import io.switchboard.campaign.CampaignStatus;
import io.switchboard.campaign.Funnel;
import io.switchboard.campaign.FunnelBucket;
import io.switchboard.campaign.FunnelContact;
import io.switchboard.ui.common.FeatureWindows;
import io.switchboard.ui.common.FxExecutor;
import java.io.File;
import java.util.UUID;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/** One campaign's live funnel: binds campaign-funnel.fxml to a {@link CampaignFunnelViewModel}. */
public final class CampaignFunnelView {
    @FXML private Label title;
    @FXML private Label state;
    @FXML private Label rates;
    @FXML private Label definitions;
    @FXML private Button pauseButton;
    @FXML private TableView<CampaignFunnelViewModel.Line> linesTable;
    @FXML private TableColumn<CampaignFunnelViewModel.Line, String> lineLabelColumn;
    @FXML private TableColumn<CampaignFunnelViewModel.Line, Integer> lineCountColumn;
    @FXML private TableView<Funnel.Failure> failuresTable;
    @FXML private TableColumn<Funnel.Failure, String> failureCodeColumn;
    @FXML private TableColumn<Funnel.Failure, Integer> failureCountColumn;
    @FXML private TableColumn<Funnel.Failure, String> failureTitleColumn;
    @FXML private TableColumn<Funnel.Failure, String> failureReasonColumn;
    @FXML private Label drilledLabel;
    @FXML private TableView<FunnelContact> contactsTable;
    @FXML private TableColumn<FunnelContact, String> phoneColumn;
    @FXML private TableColumn<FunnelContact, String> contactNameColumn;
    @FXML private TableColumn<FunnelContact, String> messageStatusColumn;
    @FXML private TableColumn<FunnelContact, String> errorColumn;
    @FXML private Label message;

    private CampaignFunnelViewModel model;
    private Stage stage;

    public static Stage open(Window owner, Services services, UUID tenantId, UUID campaignId, String name) {
        FxExecutor executor = new FxExecutor();
        CampaignFunnelViewModel model = new CampaignFunnelViewModel(services.campaigns(), tenantId, campaignId, executor);
        FeatureWindows.Loaded<CampaignFunnelView> loaded = FeatureWindows.load("/fxml/campaigns/campaign-funnel.fxml");
        CampaignFunnelView view = loaded.controller();
        Stage stage = FeatureWindows.stage(owner, "Funnel — " + name, loaded.root(), CampaignsView.SHEETS);
        view.bind(model, stage);
        LiveRefresh live = new LiveRefresh(services, tenantId, model::refresh);
        stage.setOnHidden(e -> {
            live.close();
            executor.close();
        });
        stage.show();
        model.refresh();
        return stage;
    }

    private void bind(CampaignFunnelViewModel m, Stage owner) {
        this.model = m;
        this.stage = owner;
        m.summary().addListener((obs, old, s) -> {
            if (s == null) {
                return;
            }
            title.setText(s.name() + " — " + s.template());
            String why = s.status() == CampaignStatus.PAUSED && s.pauseReason() != null ? ": " + s.pauseReason()
                    : s.waitingReason() != null ? ": " + s.waitingReason() : "";
            state.setText(s.status().code() + why);
            pauseButton.setText(s.status() == CampaignStatus.PAUSED ? "Resume" : "Pause");
            pauseButton.setDisable(s.status() != CampaignStatus.PAUSED && s.status() != CampaignStatus.RUNNING);
        });
        rates.textProperty().bind(m.rates());
        definitions.setText(m.definitions());
        message.textProperty().bind(m.message());
        linesTable.setItems(m.lines());
        lineLabelColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        lineCountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count()));
        linesTable.getSelectionModel().selectedItemProperty().addListener((obs, old, line) -> {
            if (line != null && (m.drilled().get() == null || m.drilled().get().bucket() != line.bucket() || m.drilled().get().code() != null)) {
                m.drill(line);
            }
        });
        failuresTable.setItems(m.failures());
        failureCodeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().code()));
        failureCountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count()));
        failureTitleColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().title()));
        failureReasonColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        failuresTable.setRowFactory(tv -> {
            var row = new javafx.scene.control.TableRow<Funnel.Failure>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty()) {
                    m.drillFailure(row.getItem());
                }
            });
            return row;
        });
        m.drilled().addListener((obs, old, line) -> drilledLabel.setText(line == null ? "" : "Contacts: " + line.label()
                + " (" + line.count() + (line.count() > CampaignFunnelViewModel.DRILL_LIMIT ? "; the first " + CampaignFunnelViewModel.DRILL_LIMIT
                + " shown, Export CSV… writes all" : "") + ")"));
        contactsTable.setItems(m.contacts());
        phoneColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().phone()));
        contactNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        messageStatusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().messageStatus() == null ? c.getValue().state()
                : c.getValue().messageStatus()));
        errorColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().errorCode() == null ? (c.getValue().error() == null ? "" : c.getValue().error())
                : c.getValue().errorCode() + " " + (c.getValue().error() == null ? "" : c.getValue().error())));
    }

    @FXML
    private void pauseOrResume() {
        model.pauseOrResume();
    }

    @FXML
    private void retargetFailed() {
        model.retarget(FunnelBucket.FAILED);
    }

    @FXML
    private void retargetUnread() {
        model.retarget(FunnelBucket.UNREAD);
    }

    @FXML
    private void retargetNotReplied() {
        model.retarget(FunnelBucket.NOT_REPLIED);
    }

    @FXML
    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("campaign-contacts.csv");
        File file = chooser.showSaveDialog(stage);
        if (file != null) {
            model.export(file.toPath());
        }
    }
}
