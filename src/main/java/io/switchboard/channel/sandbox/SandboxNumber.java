package io.switchboard.channel.sandbox;

import io.switchboard.config.SecretBox;
import java.net.URI;

/**
 * A business number the sandbox serves: the token it expects in Authorization, the app secret it signs
 * webhooks with, and where it posts them ({@code webhookUrl} null: it posts none).
 */
public record SandboxNumber(String phoneNumberId, String displayPhone, String verifiedName, String wabaId, String accessToken, String appSecret,
                            URI webhookUrl) {

    @Override
    public String toString() {
        return "SandboxNumber[" + phoneNumberId + ", " + displayPhone + ", token=" + SecretBox.mask(accessToken) + ", webhook=" + webhookUrl + "]";
    }
}
