package io.switchboard.channel.whatsapp;

import io.switchboard.tenant.TenantStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;

/** A Cloud API number of one tenant. Secret columns hold AES-GCM ciphertext, never plain text. */
@Entity
@Table(name = "whatsapp_accounts")
public class WhatsAppAccount {
    @Id
    @GeneratedValue
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(name = "phone_number_id", nullable = false, length = 64)
    private String phoneNumberId;

    @Column(name = "display_phone", length = 32)
    private String displayPhone;

    @Column(name = "waba_id", length = 64)
    private String wabaId;

    @Column(name = "access_token_enc", nullable = false, columnDefinition = "text")
    private String accessTokenEnc;

    @Column(name = "app_secret_enc", nullable = false, columnDefinition = "text")
    private String appSecretEnc;

    @Column(name = "verify_token_enc", nullable = false, columnDefinition = "text")
    private String verifyTokenEnc;

    @Column(name = "api_base_url", nullable = false, length = 300)
    private String apiBaseUrl;

    @Column(name = "send_rate_per_second", nullable = false)
    private int sendRatePerSecond;

    @Column(length = 20)
    private TenantStatus status = TenantStatus.ACTIVE;

    @Column(name = "created_at")
    private LocalDateTime createdAt;

    @Column(name = "updated_at")
    private LocalDateTime updatedAt;

    protected WhatsAppAccount() {
    }

    public WhatsAppAccount(UUID tenantId, String phoneNumberId, LocalDateTime now) {
        this.tenantId = tenantId;
        this.phoneNumberId = phoneNumberId;
        // The schema's defaults, so a new account is valid before anyone sets them.
        this.apiBaseUrl = WhatsAppAccountService.DEFAULT_API_BASE_URL;
        this.sendRatePerSecond = WhatsAppAccountService.DEFAULT_RATE_PER_SECOND;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getTenantId() { return tenantId; }
    public String getPhoneNumberId() { return phoneNumberId; }
    public String getDisplayPhone() { return displayPhone; }
    public void setDisplayPhone(String displayPhone) { this.displayPhone = displayPhone; }
    public String getWabaId() { return wabaId; }
    public void setWabaId(String wabaId) { this.wabaId = wabaId; }
    public String getAccessTokenEnc() { return accessTokenEnc; }
    public String getAppSecretEnc() { return appSecretEnc; }
    public String getVerifyTokenEnc() { return verifyTokenEnc; }
    public void setSecrets(String accessTokenEnc, String appSecretEnc, String verifyTokenEnc) {
        this.accessTokenEnc = accessTokenEnc;
        this.appSecretEnc = appSecretEnc;
        this.verifyTokenEnc = verifyTokenEnc;
    }
    public String getApiBaseUrl() { return apiBaseUrl; }
    public void setApiBaseUrl(String apiBaseUrl) { this.apiBaseUrl = apiBaseUrl; }
    public int getSendRatePerSecond() { return sendRatePerSecond; }
    public void setSendRatePerSecond(int rate) { this.sendRatePerSecond = rate; }
    public TenantStatus getStatus() { return status; }
    public void touch(LocalDateTime now) { this.updatedAt = now; }
}
