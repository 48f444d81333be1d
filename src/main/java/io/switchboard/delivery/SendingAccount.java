package io.switchboard.delivery;

import io.switchboard.config.SecretBox;
import java.util.UUID;

/** What the sender needs to send for a tenant: the number, where its API is, its token and its rate. */
public record SendingAccount(UUID tenantId, String phoneNumberId, String apiBaseUrl, String accessToken, int sendRatePerSecond) {

    /** Never prints the token whole. */
    @Override
    public String toString() {
        return "SendingAccount[tenant=" + tenantId + ", phoneNumberId=" + phoneNumberId + ", apiBaseUrl=" + apiBaseUrl
                + ", accessToken=" + SecretBox.mask(accessToken) + ", rate=" + sendRatePerSecond + "/s]";
    }
}
