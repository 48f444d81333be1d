package io.switchboard.template;

import java.time.Instant;
import java.util.UUID;

/**
 * A template as the Templates screen and {@code template list} show it: the guide's status and category,
 * Meta's exact values beside them, quality, the reason for a rejection or pause, the agents switch.
 */
public record TemplateRow(UUID id, String name, String language, String status, String metaStatus, String category, String metaCategory,
                          String qualityScore, String reason, boolean agentVisible, boolean deletedAtMeta, String metaTemplateId,
                          String headerText, String body, String footerText, String componentsJson, Instant updatedAt) {

    /** The badge: Meta's status when known (PAUSED says more than disabled), else the guide's. */
    public String badge() {
        if (deletedAtMeta) {
            return "deleted";
        }
        return metaStatus != null ? metaStatus.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : status;
    }

    /** Whether an agent may send it now. */
    public boolean usable() {
        return "approved".equals(status) && agentVisible && !deletedAtMeta;
    }

    /** Why an agent may not send it (null when usable). */
    public String unusableReason() {
        if (deletedAtMeta) {
            return "Deleted at Meta";
        }
        if (!"approved".equals(status)) {
            String what = switch (status) {
                case "pending" -> "IN_APPEAL".equals(metaStatus) ? "In appeal at Meta" : "Waiting for Meta's review";
                case "rejected" -> "Rejected by Meta";
                default -> metaStatus == null ? "Disabled" : switch (metaStatus) {
                    case "PAUSED" -> "Paused by Meta";
                    case "DISABLED" -> "Disabled by Meta";
                    case "DELETED", "PENDING_DELETION" -> "Deleted at Meta";
                    default -> "Not usable (" + metaStatus + ")";
                };
            };
            return reason == null || reason.isBlank() ? what : what + ": " + reason;
        }
        if (!agentVisible) {
            return "Hidden from agents by an admin";
        }
        return null;
    }
}
