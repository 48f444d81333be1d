package io.switchboard.campaign;

import java.time.Instant;
import java.util.UUID;

/** A contact behind a funnel number: who, where their message stands, and why it failed or was left out. */
public record FunnelContact(UUID contactId, String name, String phone, String state, String messageStatus, String errorCode, String error,
                            Instant queuedAt) {
}
