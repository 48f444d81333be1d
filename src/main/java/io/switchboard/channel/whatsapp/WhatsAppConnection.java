package io.switchboard.channel.whatsapp;

/**
 * What an admin types to connect a Cloud API number (the fields of {@code whatsapp connect} and
 * the connection dialog). Optional fields may be null; {@code ratePerSecond} null means the default.
 */
public record WhatsAppConnection(String phoneNumberId, String accessToken, String appSecret, String verifyToken,
                                 String displayPhone, String wabaId, String apiBaseUrl, Integer ratePerSecond) {

    /** The required fields only; everything else takes its default. */
    public static WhatsAppConnection of(String phoneNumberId, String accessToken, String appSecret, String verifyToken) {
        return new WhatsAppConnection(phoneNumberId, accessToken, appSecret, verifyToken, null, null, null, null);
    }

    @Override
    public String toString() {
        return "WhatsAppConnection[phoneNumberId=" + phoneNumberId + ", secrets masked]";
    }
}
