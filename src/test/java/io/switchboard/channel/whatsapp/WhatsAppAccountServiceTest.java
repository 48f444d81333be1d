package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.tenant.TenantService;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhatsAppAccountServiceTest {
    private static final String TOKEN = "EAAGm0PX4ZCpsBAKZAlongaccesstoken9f2c";
    private static final String APP_SECRET = "0123456789abcdef0123456789abcdef";
    private InboundKit kit;
    private WhatsAppAccountService accounts;
    private UUID tenant;

    @BeforeEach
    void start() {
        kit = new InboundKit();
        accounts = kit.accounts;
        tenant = new TenantService(kit.db).create("Bakery").id();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private WhatsAppConnection connection(String phoneNumberId, String baseUrl, Integer rate) {
        return new WhatsAppConnection(phoneNumberId, TOKEN, APP_SECRET, "my-verify-token", "+1 555 0100", "102290129340398", baseUrl, rate);
    }

    @Test
    void connectsANumberWithDefaultsAndStoresSecretsEncrypted() {
        WhatsAppAccountView view = accounts.connect(tenant, connection("300000000000001", null, null));
        assertThat(view.tenantId()).isEqualTo(tenant);
        assertThat(view.apiBaseUrl()).isEqualTo("https://graph.facebook.com/v24.0");
        assertThat(view.ratePerSecond()).isEqualTo(80);
        assertThat(view.displayPhone()).isEqualTo("+1 555 0100");
        assertThat(view.wabaId()).isEqualTo("102290129340398");
        assertThat(view.accessTokenMasked()).isEqualTo("••••9f2c").doesNotContain(TOKEN);
        assertThat(view.appSecretMasked()).isEqualTo("••••cdef");
        assertThat(view.verifyTokenMasked()).as("15 characters: the last 4 only").isEqualTo("••••oken");
        assertThat(view.toString()).doesNotContain(TOKEN, APP_SECRET, "my-verify-token");

        var stored = kit.row("SELECT access_token_enc, app_secret_enc, verify_token_enc FROM whatsapp_accounts WHERE id = ?", view.id());
        assertThat(stored.values()).allSatisfy(v -> assertThat((String) v).startsWith("v1:").doesNotContain(TOKEN, APP_SECRET, "my-verify-token"));

        AccountCredentials credentials = accounts.credentials("300000000000001").orElseThrow();
        assertThat(credentials).extracting(AccountCredentials::accessToken, AccountCredentials::appSecret, AccountCredentials::verifyToken,
                AccountCredentials::tenantId, AccountCredentials::ratePerSecond)
                .containsExactly(TOKEN, APP_SECRET, "my-verify-token", tenant, 80);
        assertThat(credentials.toString()).doesNotContain(TOKEN, APP_SECRET);
    }

    @Test
    void listsAndGetsOnlyTheTenantsNumbersMasked() {
        WhatsAppAccountView a = accounts.connect(tenant, connection("300000000000001", "http://127.0.0.1:8080/v24.0/", 500));
        assertThat(a.apiBaseUrl()).isEqualTo("http://127.0.0.1:8080/v24.0");
        assertThat(accounts.list(tenant)).extracting(WhatsAppAccountView::phoneNumberId).containsExactly("300000000000001");
        assertThat(accounts.list(kit.tenantId)).extracting(WhatsAppAccountView::phoneNumberId).containsExactly(InboundKit.PHONE_NUMBER_ID);
        assertThat(accounts.get(tenant, a.id())).hasValueSatisfying(v -> assertThat(v.ratePerSecond()).isEqualTo(500));
        assertThat(accounts.get(kit.tenantId, a.id())).isEmpty();
        assertThat(accounts.allCredentials()).extracting(AccountCredentials::phoneNumberId)
                .containsExactlyInAnyOrder("300000000000001", InboundKit.PHONE_NUMBER_ID);
    }

    @Test
    void reconnectingReplacesTheSecretsButAnotherTenantCannotTakeTheNumber() {
        WhatsAppAccountView first = accounts.connect(tenant, connection("300000000000001", null, null));
        WhatsAppAccountView again = accounts.connect(tenant, new WhatsAppConnection("300000000000001", "EAAGnewtoken00000001", "new-app-secret",
                "new-verify", null, null, null, 10));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(accounts.credentials("300000000000001").orElseThrow().appSecret()).isEqualTo("new-app-secret");
        assertThat(again.ratePerSecond()).isEqualTo(10);

        assertThatThrownBy(() -> accounts.connect(kit.tenantId, connection("300000000000001", null, null)))
                .isInstanceOf(ValidationException.class).hasMessage("phone_number_id: is already connected to another tenant");
        assertThat(accounts.credentials("300000000000001").orElseThrow().tenantId()).isEqualTo(tenant);
    }

    @Test
    void namesTheFieldAndTheRuleForBadInputAndStoresNothing() {
        assertField(() -> accounts.connect(tenant, connection("12ab", null, null)), "phone_number_id");
        assertField(() -> accounts.connect(tenant, connection("", null, null)), "phone_number_id");
        assertField(() -> accounts.connect(tenant, connection("300000000000001", "ftp://graph.facebook.com", null)), "api_base_url");
        assertField(() -> accounts.connect(tenant, connection("300000000000001", "graph.facebook.com/v24.0", null)), "api_base_url");
        assertField(() -> accounts.connect(tenant, connection("300000000000001", null, 0)), "rate");
        assertField(() -> accounts.connect(tenant, connection("300000000000001", null, 1001)), "rate");
        assertField(() -> accounts.connect(UUID.randomUUID(), connection("300000000000001", null, null)), "tenant");
        assertField(() -> accounts.connect(tenant, new WhatsAppConnection("300000000000001", " ", APP_SECRET, "v", null, null, null, null)), "access_token");
        assertField(() -> accounts.connect(tenant, new WhatsAppConnection("300000000000001", TOKEN, null, "v", null, null, null, null)), "app_secret");
        assertField(() -> accounts.connect(tenant, new WhatsAppConnection("300000000000001", TOKEN, APP_SECRET, "", null, null, null, null)), "verify_token");
        assertField(() -> accounts.connect(tenant, new WhatsAppConnection("300000000000001", TOKEN, APP_SECRET, "v", "call me", null, null, null)), "display_phone");
        assertField(() -> accounts.connect(tenant, new WhatsAppConnection("300000000000001", TOKEN, APP_SECRET, "v", null, "waba-1", null, null)), "waba_id");
        assertThat(accounts.list(tenant)).isEmpty();
    }

    @Test
    void aSecretNeverAppearsInAValidationMessage() {
        String secretWithSpace = "super secret value";
        assertThatThrownBy(() -> accounts.connect(tenant, new WhatsAppConnection("300000000000001", secretWithSpace, APP_SECRET, "v", null, null, null, null)))
                .isInstanceOf(ValidationException.class).hasMessageNotContaining(secretWithSpace).hasMessageStartingWith("access_token:");
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
