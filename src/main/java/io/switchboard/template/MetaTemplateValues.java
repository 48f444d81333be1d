package io.switchboard.template;

import java.util.Locale;

/**
 * How Meta's template status and category land in the guide's check values. Meta's exact value is
 * always kept beside them ({@code meta_status}, {@code meta_category}); these columns only say what the
 * guide's vocabulary can: is the template usable (approved), waiting (pending), refused (rejected), or
 * out of use (disabled).
 */
public final class MetaTemplateValues {
    private MetaTemplateValues() {
    }

    /**
     * PENDING and IN_APPEAL are pending; APPROVED (and FLAGGED, which Meta still delivers, and REINSTATED) is
     * approved; REJECTED is rejected; PAUSED, DISABLED, DELETED, PENDING_DELETION, ARCHIVED, LIMIT_EXCEEDED and
     * any value newer than this code are disabled, so an unknown state is never offered as sendable.
     */
    public static TemplateStatus guideStatus(String metaStatus) {
        return switch (upper(metaStatus)) {
            case "PENDING", "IN_APPEAL" -> TemplateStatus.PENDING;
            case "APPROVED", "FLAGGED", "REINSTATED" -> TemplateStatus.APPROVED;
            case "REJECTED" -> TemplateStatus.REJECTED;
            default -> TemplateStatus.DISABLED;
        };
    }

    /** MARKETING is marketing, UTILITY (and the legacy TRANSACTIONAL) transactional, AUTHENTICATION (legacy OTP) otp; anything else text. */
    public static TemplateCategory guideCategory(String metaCategory) {
        return switch (upper(metaCategory)) {
            case "MARKETING" -> TemplateCategory.MARKETING;
            case "UTILITY", "TRANSACTIONAL" -> TemplateCategory.TRANSACTIONAL;
            case "AUTHENTICATION", "OTP" -> TemplateCategory.OTP;
            default -> TemplateCategory.TEXT;
        };
    }

    /** Meta's category for a guide value (the editor offers Meta's three). */
    public static String metaCategory(TemplateCategory category) {
        return switch (category) {
            case MARKETING -> "MARKETING";
            case TRANSACTIONAL -> "UTILITY";
            case OTP -> "AUTHENTICATION";
            case TEXT -> "UTILITY";
        };
    }

    /** Meta's status as the webhook event states it, for statuses only; null for events that change no status (LOCKED, UNLOCKED…). */
    public static String statusOfEvent(String event) {
        return switch (upper(event)) {
            case "APPROVED", "REJECTED", "PENDING", "PAUSED", "DISABLED", "IN_APPEAL", "DELETED", "PENDING_DELETION", "ARCHIVED", "FLAGGED" -> upper(event);
            case "REINSTATED" -> "APPROVED";
            default -> null;
        };
    }

    static String upper(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }
}
