package io.switchboard.delivery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * WhatsApp's 24-hour customer-service window: it opens with the contact's last inbound message;
 * outside it only an approved template may be sent.
 */
public final class ServiceWindow {
    public static final Duration LENGTH = Duration.ofHours(24);
    public static final String CLOSED_REASON =
            "The customer's last message was more than 24 hours ago (or they never wrote): WhatsApp only allows an approved template until they write again.";

    private ServiceWindow() {
    }

    public static boolean isOpen(LocalDateTime lastInboundUtc, LocalDateTime nowUtc) {
        return lastInboundUtc != null && lastInboundUtc.plus(LENGTH).isAfter(nowUtc);
    }

    /** Time left in the window, or empty when it is closed. */
    public static Optional<Duration> remaining(LocalDateTime lastInboundUtc, LocalDateTime nowUtc) {
        return isOpen(lastInboundUtc, nowUtc) ? Optional.of(Duration.between(nowUtc, lastInboundUtc.plus(LENGTH))) : Optional.empty();
    }
}
