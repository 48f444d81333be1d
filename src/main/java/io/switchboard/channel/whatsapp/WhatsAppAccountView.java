package io.switchboard.channel.whatsapp;

import java.time.Instant;
import java.util.UUID;

/** A connected number as admins and the UI see it: secrets only ever masked. */
public record WhatsAppAccountView(UUID id, UUID tenantId, String phoneNumberId, String displayPhone, String wabaId,
                                  String apiBaseUrl, int ratePerSecond, String status,
                                  String accessTokenMasked, String appSecretMasked, String verifyTokenMasked,
                                  Instant createdAt, Instant updatedAt) {
}
