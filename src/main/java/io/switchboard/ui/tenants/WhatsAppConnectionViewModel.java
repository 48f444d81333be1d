package io.switchboard.ui.tenants;

import io.switchboard.channel.whatsapp.ConnectedNumbers;
import io.switchboard.channel.whatsapp.ConnectionCheck;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppAccountView;
import io.switchboard.channel.whatsapp.WhatsAppConnection;
import io.switchboard.common.ValidationException;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.InboxSession;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A tenant's WhatsApp Cloud API numbers: the fields of {@code whatsapp connect}, "Test connection"
 * (Meta's or the sandbox's answer about the number) and save. Secrets are typed, never read back:
 * picking a connected number fills everything else, and a test then uses the stored token.
 * In a team agent's session (any role) the dialog only lists the numbers, secrets shown as
 * {@link ConnectedNumbers#HIDDEN}, and says where numbers are connected instead
 * (docs/decisions/team-access-04-numbers-connected-by-the-service.md).
 */
public final class WhatsAppConnectionViewModel {
    private final Function<UUID, List<WhatsAppAccountView>> lister;
    private final WhatsAppAccountService accounts;
    private final ConnectionCheck check;
    private final InboxSession session;
    private final TenantView tenant;
    private final Runnable onSaved;
    private final ObservableList<WhatsAppAccountView> connected = FXCollections.observableArrayList();
    private final ObservableList<WhatsAppAccountView> readOnlyConnected = FXCollections.unmodifiableObservableList(connected);
    private final StringProperty phoneNumberId = new SimpleStringProperty(this, "phoneNumberId", "");
    private final StringProperty accessToken = new SimpleStringProperty(this, "accessToken", "");
    private final StringProperty appSecret = new SimpleStringProperty(this, "appSecret", "");
    private final StringProperty verifyToken = new SimpleStringProperty(this, "verifyToken", "");
    private final StringProperty displayPhone = new SimpleStringProperty(this, "displayPhone", "");
    private final StringProperty wabaId = new SimpleStringProperty(this, "wabaId", "");
    private final StringProperty apiBaseUrl = new SimpleStringProperty(this, "apiBaseUrl", "");
    private final StringProperty rate = new SimpleStringProperty(this, "rate", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyBooleanWrapper resultOk = new ReadOnlyBooleanWrapper(this, "resultOk");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyBooleanWrapper canConnect = new ReadOnlyBooleanWrapper(this, "canConnect");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    /** The owner's dialog (solo, or the service role): list, test and connect. */
    public WhatsAppConnectionViewModel(WhatsAppAccountService accounts, ConnectionCheck check, InboxSession session, TenantView tenant, Runnable onSaved) {
        this(accounts == null ? null : accounts::list, accounts, check, session, tenant, onSaved, null);
    }

    private WhatsAppConnectionViewModel(Function<UUID, List<WhatsAppAccountView>> lister, WhatsAppAccountService accounts, ConnectionCheck check,
            InboxSession session, TenantView tenant, Runnable onSaved, String listOnlyBecause) {
        this.lister = lister;
        this.accounts = accounts;
        this.check = check;
        this.session = session;
        this.tenant = tenant;
        this.onSaved = onSaved;
        canConnect.set(listOnlyBecause == null);
        notice.set(listOnlyBecause == null ? "" : listOnlyBecause);
    }

    /**
     * A team agent's dialog, whatever their role: the numbers without their secrets, and why connecting is not
     * done here. Secrets are sealed with the key only the service (`serve`) holds; a desktop sealing them with a
     * key of its own would store secrets the sender cannot open.
     */
    public static WhatsAppConnectionViewModel listOnly(ConnectedNumbers numbers, InboxSession session, TenantView tenant) {
        return new WhatsAppConnectionViewModel(numbers::list, null, null, session, tenant, () -> { }, listOnlyNotice(tenant));
    }

    /** What a team agent reads instead of the form: who connects numbers, and the exact command to give them. */
    static String listOnlyNotice(TenantView tenant) {
        return "Numbers are connected by the service owner, on the host that runs `switchboard serve`: their access token, app secret"
                + " and verify token are sealed with the service's key, which no agent's desktop holds (nor may read back, not even"
                + " the last 4 characters). Ask them to run there: switchboard whatsapp connect --tenant " + tenant.id()
                + " --phone-number-id P --access-token T --app-secret S --verify-token V";
    }

    public String title() {
        return "WhatsApp connection — " + tenant.name();
    }

    public void reload() {
        UUID id = tenant.id();
        session.executor().run(() -> lister.apply(id), connected::setAll, failure -> show(false, InboxSession.explain(failure)));
    }

    /** Fills the fields from a connected number; the secrets stay empty (left empty, a test uses the stored ones). */
    public void pick(WhatsAppAccountView a) {
        if (a != null) {
            phoneNumberId.set(a.phoneNumberId());
            displayPhone.set(a.displayPhone() == null ? "" : a.displayPhone());
            wabaId.set(a.wabaId() == null ? "" : a.wabaId());
            apiBaseUrl.set(a.apiBaseUrl());
            rate.set(Integer.toString(a.ratePerSecond()));
        }
    }

    /** Asks the Cloud API about the number with what is typed (or stored), and shows the answer. */
    public void test() {
        if (!canConnect.get()) {
            show(false, notice.get());
            return;
        }
        String base = blankToNull(apiBaseUrl.get());
        String id = phoneNumberId.get() == null ? "" : phoneNumberId.get().strip();
        String token = blankToNull(accessToken.get()) == null ? null : accessToken.get();
        if (id.isEmpty()) {
            show(false, new ValidationException("phone_number_id", "fill it in (or pick a connected number) to test it").getMessage());
            return;
        }
        testing.set(true);
        result.set("Asking " + (base == null ? "Meta" : base) + "…");
        resultOk.set(false);
        UUID tenantId = tenant.id();
        session.executor().run(() -> check.check(tenantId, id, token, base), info -> {
            testing.set(false);
            show(info.ok(), info.summary());
        }, failure -> {
            testing.set(false);
            show(false, InboxSession.explain(failure));
        });
    }

    /** Connects (or reconnects) the number; every field is checked before anything is stored. */
    public void save() {
        if (!canConnect.get()) {
            show(false, notice.get());
            return;
        }
        Integer perSecond;
        try {
            perSecond = rate(rate.get());
        } catch (ValidationException e) {
            show(false, e.getMessage());
            return;
        }
        WhatsAppConnection fields = new WhatsAppConnection(phoneNumberId.get(), accessToken.get(), appSecret.get(), verifyToken.get(),
                blankToNull(displayPhone.get()), blankToNull(wabaId.get()), blankToNull(apiBaseUrl.get()), perSecond);
        UUID id = tenant.id();
        saving.set(true);
        session.executor().run(() -> accounts.connect(id, fields), saved -> {
            saving.set(false);
            accessToken.set("");
            appSecret.set("");
            verifyToken.set("");
            show(true, "Saved " + (saved.displayPhone() == null ? saved.phoneNumberId() : saved.displayPhone())
                    + "; access token " + saved.accessTokenMasked() + ", app secret " + saved.appSecretMasked() + ".");
            reload();
            onSaved.run();
        }, failure -> {
            saving.set(false);
            show(false, InboxSession.explain(failure));
        });
    }

    /** The rate field: empty means the default; anything else must be a whole number. */
    static Integer rate(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(typed.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException("rate", "must be a whole number of messages per second");
        }
    }

    private void show(boolean ok, String text) {
        resultOk.set(ok);
        result.set(text);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** One line for a connected number: phone, id, status, masked token, rate, API. */
    public static String describe(WhatsAppAccountView a) {
        return (a.displayPhone() == null ? "" : a.displayPhone() + " · ") + "id " + a.phoneNumberId() + " · " + a.status()
                + " · token " + a.accessTokenMasked() + " · " + a.ratePerSecond() + "/s · " + a.apiBaseUrl();
    }

    public ObservableList<WhatsAppAccountView> accounts() {
        return readOnlyConnected;
    }

    public StringProperty phoneNumberIdProperty() {
        return phoneNumberId;
    }

    public StringProperty accessTokenProperty() {
        return accessToken;
    }

    public StringProperty appSecretProperty() {
        return appSecret;
    }

    public StringProperty verifyTokenProperty() {
        return verifyToken;
    }

    public StringProperty displayPhoneProperty() {
        return displayPhone;
    }

    public StringProperty wabaIdProperty() {
        return wabaId;
    }

    public StringProperty apiBaseUrlProperty() {
        return apiBaseUrl;
    }

    public StringProperty rateProperty() {
        return rate;
    }

    /** What the last test or save answered. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Whether {@link #resultProperty()} is good news. */
    public ReadOnlyBooleanProperty resultOkProperty() {
        return resultOk.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** False in a team agent's session: the form is shown disabled and {@link #noticeProperty()} says why. */
    public ReadOnlyBooleanProperty canConnectProperty() {
        return canConnect.getReadOnlyProperty();
    }

    /** Why the numbers can only be listed here (empty when they can be connected). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
