package io.switchboard.ui;

import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppAccountView;
import io.switchboard.channel.whatsapp.WhatsAppConnection;
import io.switchboard.common.ValidationException;
import io.switchboard.tenant.TenantView;
import java.util.UUID;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/**
 * A tenant's WhatsApp Cloud API numbers: the fields of {@code whatsapp connect}, secrets typed into
 * password fields and only ever shown masked, and "Test connection", which asks Meta (or the
 * sandbox) for the number's profile and shows what it answered.
 */
public class WhatsAppConnectionController {
    @FXML private ListView<WhatsAppAccountView> accounts;
    @FXML private TextField phoneNumberId;
    @FXML private PasswordField accessToken;
    @FXML private PasswordField appSecret;
    @FXML private PasswordField verifyToken;
    @FXML private TextField displayPhone;
    @FXML private TextField wabaId;
    @FXML private TextField apiBaseUrl;
    @FXML private TextField rate;
    @FXML private Label result;
    @FXML private Button testButton;
    @FXML private Button saveButton;

    private InboxSession session;
    private TenantView tenant;
    private Stage stage;
    private Runnable onSaved;

    static void open(InboxSession session, javafx.stage.Window owner, TenantView tenant, Runnable onSaved) {
        Dialogs.Opened<WhatsAppConnectionController> d = Dialogs.open(owner, "whatsapp-connection.fxml",
                "WhatsApp connection — " + tenant.name(), true);
        WhatsAppConnectionController c = d.controller();
        c.session = session;
        c.tenant = tenant;
        c.stage = d.stage();
        c.onSaved = onSaved;
        d.stage().show();
        c.reload();
    }

    @FXML
    private void initialize() {
        apiBaseUrl.setPromptText(WhatsAppAccountService.DEFAULT_API_BASE_URL);
        rate.setPromptText(WhatsAppAccountService.DEFAULT_RATE_PER_SECOND + " (default)");
        accounts.setPlaceholder(new Label("No number connected yet"));
        accounts.setCellFactory(list -> new AccountCell());
        accounts.getSelectionModel().selectedItemProperty().addListener((obs, old, a) -> {
            if (a != null) {
                // Secrets stay empty: they are never read back; leave them empty to test with the stored ones.
                phoneNumberId.setText(a.phoneNumberId());
                displayPhone.setText(a.displayPhone() == null ? "" : a.displayPhone());
                wabaId.setText(a.wabaId() == null ? "" : a.wabaId());
                apiBaseUrl.setText(a.apiBaseUrl());
                rate.setText(Integer.toString(a.ratePerSecond()));
            }
        });
    }

    private void reload() {
        UUID id = tenant.id();
        session.background.run(() -> session.services().whatsAppAccounts().list(id), list -> accounts.getItems().setAll(list),
                failure -> show(false, InboxSession.explain(failure)));
    }

    @FXML
    private void test() {
        String base = blank(apiBaseUrl.getText()) ? null : apiBaseUrl.getText().strip();
        String id = phoneNumberId.getText() == null ? "" : phoneNumberId.getText().strip();
        String token = accessToken.getText();
        if (id.isEmpty()) {
            show(false, "phone_number_id: fill it in (or pick a connected number) to test it");
            return;
        }
        testButton.setDisable(true);
        result.setText("Asking " + (base == null ? "Meta" : base) + "…");
        result.getStyleClass().removeAll("field-error", "muted");
        session.background.run(() -> session.services().testWhatsAppConnection(tenant.id(), id, blank(token) ? null : token, base), info -> {
            testButton.setDisable(false);
            show(info.ok(), info.summary());
        }, failure -> {
            testButton.setDisable(false);
            show(false, InboxSession.explain(failure));
        });
    }

    @FXML
    private void save() {
        Integer perSecond;
        try {
            perSecond = blank(rate.getText()) ? null : Integer.valueOf(rate.getText().strip());
        } catch (NumberFormatException e) {
            show(false, "rate: must be a whole number of messages per second");
            return;
        }
        WhatsAppConnection fields = new WhatsAppConnection(phoneNumberId.getText(), accessToken.getText(), appSecret.getText(),
                verifyToken.getText(), blankToNull(displayPhone.getText()), blankToNull(wabaId.getText()), blankToNull(apiBaseUrl.getText()), perSecond);
        UUID id = tenant.id();
        saveButton.setDisable(true);
        session.background.run(() -> session.services().whatsAppAccounts().connect(id, fields), saved -> {
            saveButton.setDisable(false);
            accessToken.clear();
            appSecret.clear();
            verifyToken.clear();
            show(true, "Saved " + (saved.displayPhone() == null ? saved.phoneNumberId() : saved.displayPhone())
                    + "; access token " + saved.accessTokenMasked() + ", app secret " + saved.appSecretMasked() + ".");
            reload();
            onSaved.run();
        }, failure -> {
            saveButton.setDisable(false);
            show(false, failure instanceof ValidationException v ? v.getMessage() : InboxSession.explain(failure));
        });
    }

    @FXML
    private void close() {
        stage.close();
    }

    private void show(boolean ok, String text) {
        result.setText(text);
        result.getStyleClass().removeAll("field-error", "ok-text");
        result.getStyleClass().add(ok ? "ok-text" : "field-error");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }

    private static final class AccountCell extends ListCell<WhatsAppAccountView> {
        @Override
        protected void updateItem(WhatsAppAccountView a, boolean empty) {
            super.updateItem(a, empty);
            setText(empty || a == null ? null : (a.displayPhone() == null ? "" : a.displayPhone() + " · ") + "id " + a.phoneNumberId()
                    + " · " + a.status() + " · token " + a.accessTokenMasked() + " · " + a.ratePerSecond() + "/s · " + a.apiBaseUrl());
        }
    }
}
