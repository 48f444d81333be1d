package io.switchboard.channel.whatsapp;

import java.util.UUID;

/**
 * A connected number's decrypted secrets, for the sender and the receiver only. Never log it:
 * {@link #toString()} masks every secret.
 */
public record AccountCredentials(String phoneNumberId, UUID tenantId, String accessToken, String appSecret,
                                 String verifyToken, String apiBaseUrl, int ratePerSecond) {

    @Override
    public String toString() {
        return "AccountCredentials[phoneNumberId=" + phoneNumberId + ", tenantId=" + tenantId
                + ", accessToken=" + io.switchboard.config.SecretBox.mask(accessToken)
                + ", appSecret=" + io.switchboard.config.SecretBox.mask(appSecret)
                + ", verifyToken=" + io.switchboard.config.SecretBox.mask(verifyToken)
                + ", apiBaseUrl=" + apiBaseUrl + ", ratePerSecond=" + ratePerSecond + "]";
    }
}
