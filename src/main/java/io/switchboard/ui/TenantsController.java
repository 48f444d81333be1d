package io.switchboard.ui;

import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;

/** Tenants: create, rename, activate and deactivate. */
public class TenantsController {
    @FXML private ListView<TenantView> tenantList;
    @FXML private TextField nameField;
    @FXML private Button createButton;
    @FXML private Button renameButton;
    @FXML private Button statusButton;
    @FXML private Button whatsappButton;
    @FXML private Label error;

    private InboxSession session;
    private Consumer<TenantView> onCreated;
    private Runnable onChanged;

    static void open(InboxSession session, Consumer<TenantView> onCreated, Runnable onChanged) {
        Dialogs.Opened<TenantsController> d = Dialogs.open(session.window(), "tenants.fxml", "Tenants", true);
        TenantsController c = d.controller();
        c.session = session;
        c.onCreated = onCreated;
        c.onChanged = onChanged;
        d.stage().show();
        c.reload(null);
    }

    @FXML
    private void initialize() {
        tenantList.setCellFactory(list -> new TenantCell());
        tenantList.setPlaceholder(new Label("No tenants yet — name one below and press Create"));
        tenantList.getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> {
            renameButton.setDisable(t == null);
            statusButton.setDisable(t == null);
            whatsappButton.setDisable(t == null);
            if (t != null) {
                statusButton.setText(t.status() == TenantStatus.ACTIVE ? "Deactivate" : "Activate");
                nameField.setText(t.name());
            }
        });
        renameButton.setDisable(true);
        statusButton.setDisable(true);
        whatsappButton.setDisable(true);
    }

    @FXML
    private void whatsapp() {
        TenantView t = tenantList.getSelectionModel().getSelectedItem();
        if (t != null) {
            WhatsAppConnectionController.open(session, tenantList.getScene().getWindow(), t, onChanged);
        }
    }

    private void reload(TenantView select) {
        session.background.run(() -> session.services().tenants().list(), tenants -> {
            tenantList.getItems().setAll(tenants);
            if (select != null) {
                tenants.stream().filter(t -> t.id().equals(select.id())).findFirst().ifPresent(t -> tenantList.getSelectionModel().select(t));
            }
        }, failure -> error.setText(InboxSession.explain(failure)));
    }

    @FXML
    private void create() {
        String name = nameField.getText();
        run(() -> session.services().tenants().create(name), created -> {
            nameField.clear();
            onCreated.accept(created);
        });
    }

    @FXML
    private void rename() {
        TenantView t = tenantList.getSelectionModel().getSelectedItem();
        if (t != null) {
            String name = nameField.getText();
            run(() -> session.services().tenants().rename(t.id(), name), renamed -> onChanged.run());
        }
    }

    @FXML
    private void toggleStatus() {
        TenantView t = tenantList.getSelectionModel().getSelectedItem();
        if (t != null) {
            TenantStatus next = t.status() == TenantStatus.ACTIVE ? TenantStatus.INACTIVE : TenantStatus.ACTIVE;
            run(() -> session.services().tenants().setStatus(t.id(), next), changed -> onChanged.run());
        }
    }

    private void run(java.util.function.Supplier<TenantView> action, Consumer<TenantView> then) {
        error.setText("");
        session.background.run(action, done -> {
            reload(done);
            then.accept(done);
        }, failure -> error.setText(InboxSession.explain(failure)));
    }
}
