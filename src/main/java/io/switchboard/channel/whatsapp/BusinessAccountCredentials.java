package io.switchboard.channel.whatsapp;

import io.switchboard.config.SecretBox;
import java.util.UUID;

/** A tenant's WhatsApp Business Account (WABA) and a token that may manage its templates. Never log it unmasked. */
public record BusinessAccountCredentials(UUID tenantId, String wabaId, String accessToken, String apiBaseUrl) {
    @Override
    public String toString() {
        return "BusinessAccountCredentials[tenantId=" + tenantId + ", wabaId=" + wabaId + ", accessToken=" + SecretBox.mask(accessToken)
                + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
