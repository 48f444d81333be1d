package io.switchboard.ui.tenants;

import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.Dialogs;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/** Shows a {@link TenantsViewModel} in a dialog. */
public class TenantsView {
    @FXML private ListView<TenantView> tenantList;
    @FXML private TextField nameField;
    @FXML private Button createButton;
    @FXML private Button renameButton;
    @FXML private Button statusButton;
    @FXML private Button whatsappButton;
    @FXML private Label error;

    private TenantsViewModel model;

    public static void open(Window owner, TenantsViewModel model) {
        Dialogs.Opened<TenantsView> d = Dialogs.open(owner, "tenants/tenants.fxml", "Tenants", true);
        d.controller().bind(model);
        d.stage().show();
        model.reload(null);
    }

    @FXML
    private void initialize() {
        tenantList.setCellFactory(list -> new TenantCell());
        tenantList.setPlaceholder(new Label("No tenants yet — name one below and press Create"));
    }

    private void bind(TenantsViewModel vm) {
        this.model = vm;
        tenantList.setItems(vm.tenants());
        tenantList.getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> vm.selectedProperty().set(t));
        vm.selectedProperty().addListener((obs, old, t) -> {
            if (t != null && t != tenantList.getSelectionModel().getSelectedItem()) {
                tenantList.getSelectionModel().select(t);
            }
        });
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        for (Button b : new Button[] {renameButton, statusButton, whatsappButton}) {
            b.disableProperty().bind(vm.selectedProperty().isNull());
        }
        statusButton.textProperty().bind(vm.statusActionBinding());
        error.textProperty().bind(vm.errorProperty());
    }

    @FXML
    private void whatsapp() {
        WhatsAppConnectionViewModel connection = model.whatsApp();
        if (connection != null) {
            WhatsAppConnectionView.open(tenantList.getScene().getWindow(), connection);
        }
    }

    @FXML
    private void create() {
        model.create();
    }

    @FXML
    private void rename() {
        model.rename();
    }

    @FXML
    private void toggleStatus() {
        model.toggleStatus();
    }
}
