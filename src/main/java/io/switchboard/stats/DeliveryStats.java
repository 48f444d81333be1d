package io.switchboard.stats;

import java.math.BigDecimal;
import java.util.UUID;

/** One row of the guide's "message delivery statistics by tenant". */
public record DeliveryStats(UUID tenantId, String tenant, long totalMessages, long sent, long delivered, long read, long failed,
                            BigDecimal deliveryRate) {
}
