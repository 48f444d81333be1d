package io.switchboard.ui.tenants;

import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppAccountView;
import io.switchboard.ui.common.Dialogs;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Shows a {@link WhatsAppConnectionViewModel} in a dialog; secrets go into password fields and are never shown back. */
public class WhatsAppConnectionView {
    @FXML private ListView<WhatsAppAccountView> accounts;
    @FXML private TextField phoneNumberId;
    @FXML private PasswordField accessToken;
    @FXML private PasswordField appSecret;
    @FXML private PasswordField verifyToken;
    @FXML private TextField displayPhone;
    @FXML private TextField wabaId;
    @FXML private TextField apiBaseUrl;
    @FXML private TextField rate;
    @FXML private Label notice;
    @FXML private javafx.scene.layout.GridPane form;
    @FXML private Label result;
    @FXML private Button testButton;
    @FXML private Button saveButton;

    private WhatsAppConnectionViewModel model;
    private Stage stage;

    static void open(Window owner, WhatsAppConnectionViewModel model) {
        Dialogs.Opened<WhatsAppConnectionView> d = Dialogs.open(owner, "tenants/whatsapp-connection.fxml", model.title(), true);
        d.controller().bind(model, d.stage());
        d.stage().show();
        model.reload();
    }

    @FXML
    private void initialize() {
        apiBaseUrl.setPromptText(WhatsAppAccountService.DEFAULT_API_BASE_URL);
        rate.setPromptText(WhatsAppAccountService.DEFAULT_RATE_PER_SECOND + " (default)");
        accounts.setPlaceholder(new Label("No number connected yet"));
        accounts.setCellFactory(list -> new AccountCell());
    }

    private void bind(WhatsAppConnectionViewModel vm, Stage window) {
        this.model = vm;
        this.stage = window;
        accounts.setItems(vm.accounts());
        accounts.getSelectionModel().selectedItemProperty().addListener((obs, old, a) -> vm.pick(a));
        phoneNumberId.textProperty().bindBidirectional(vm.phoneNumberIdProperty());
        accessToken.textProperty().bindBidirectional(vm.accessTokenProperty());
        appSecret.textProperty().bindBidirectional(vm.appSecretProperty());
        verifyToken.textProperty().bindBidirectional(vm.verifyTokenProperty());
        displayPhone.textProperty().bindBidirectional(vm.displayPhoneProperty());
        wabaId.textProperty().bindBidirectional(vm.wabaIdProperty());
        apiBaseUrl.textProperty().bindBidirectional(vm.apiBaseUrlProperty());
        rate.textProperty().bindBidirectional(vm.rateProperty());
        result.textProperty().bind(vm.resultProperty());
        testButton.disableProperty().bind(vm.testingProperty().or(vm.canConnectProperty().not()));
        saveButton.disableProperty().bind(vm.savingProperty().or(vm.canConnectProperty().not()));
        // A team agent's session: the form stays visible (what a connection needs) but disabled, with the reason above it.
        form.disableProperty().bind(vm.canConnectProperty().not());
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        vm.resultProperty().addListener((obs, old, text) -> style());
        vm.testingProperty().addListener((obs, old, now) -> style());
    }

    /** Good news green, a refusal red, nothing while the question is on its way. */
    private void style() {
        result.getStyleClass().removeAll("field-error", "ok-text");
        if (!model.testingProperty().get() && !model.resultProperty().get().isEmpty()) {
            result.getStyleClass().add(model.resultOkProperty().get() ? "ok-text" : "field-error");
        }
    }

    @FXML
    private void test() {
        model.test();
    }

    @FXML
    private void save() {
        model.save();
    }

    @FXML
    private void close() {
        stage.close();
    }

    private static final class AccountCell extends ListCell<WhatsAppAccountView> {
        @Override
        protected void updateItem(WhatsAppAccountView a, boolean empty) {
            super.updateItem(a, empty);
            setText(empty || a == null ? null : WhatsAppConnectionViewModel.describe(a));
        }
    }
}
