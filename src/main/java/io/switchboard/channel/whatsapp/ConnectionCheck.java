package io.switchboard.channel.whatsapp;

import io.switchboard.common.ValidationException;
import java.util.Optional;
import java.util.UUID;

/**
 * "Test connection": asks the Cloud API (or the sandbox) for a number's profile before the agent
 * saves it. Whatever is not typed in (token, base URL) comes from the tenant's stored connection
 * of that number, so a connected number can be re-tested without typing its secret again.
 */
public final class ConnectionCheck {
    private final WhatsAppAccountService accounts;
    private final CloudApiClient client;

    public ConnectionCheck(WhatsAppAccountService accounts, CloudApiClient client) {
        this.accounts = accounts;
        this.client = client;
    }

    /** {@code accessToken} and {@code apiBaseUrl} may be null: the stored ones are used. */
    public CloudApiClient.PhoneNumberInfo check(UUID tenantId, String phoneNumberId, String accessToken, String apiBaseUrl) {
        if (phoneNumberId == null || phoneNumberId.isBlank()) {
            throw new ValidationException("phone_number_id", "fill it in (or pick a connected number) to test it");
        }
        Optional<AccountCredentials> stored = accounts.credentials(phoneNumberId).filter(c -> c.tenantId().equals(tenantId));
        String token = accessToken != null ? accessToken : stored.map(AccountCredentials::accessToken)
                .orElseThrow(() -> new ValidationException("access_token", "type it in: this number is not connected to this tenant yet"));
        String base = apiBaseUrl != null ? apiBaseUrl : stored.map(AccountCredentials::apiBaseUrl).orElse(WhatsAppAccountService.DEFAULT_API_BASE_URL);
        return client.phoneNumberInfo(base, phoneNumberId, token);
    }
}
