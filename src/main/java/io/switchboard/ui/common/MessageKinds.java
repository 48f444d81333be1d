package io.switchboard.ui.common;

/** Icons and words for WhatsApp's message kinds, shared by list previews and bubbles. */
public final class MessageKinds {
    private MessageKinds() {
    }

    /** The Feather icon for a kind, or null for plain text. */
    public static String icon(String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "text" -> null;
            case "image" -> "fth-image";
            case "doc", "document" -> "fth-file";
            case "template" -> "fth-layout";
            case "audio" -> "fth-mic";
            case "video" -> "fth-video";
            case "sticker" -> "fth-smile";
            case "location" -> "fth-map-pin";
            case "contacts" -> "fth-user";
            case "reaction" -> "fth-heart";
            case "interactive", "button" -> "fth-mouse-pointer";
            case "order" -> "fth-shopping-cart";
            default -> "fth-help-circle";
        };
    }

    /** What to say when a message has no text of its own. */
    public static String noun(String kind) {
        if (kind == null) {
            return "Message";
        }
        return switch (kind) {
            case "image" -> "Photo";
            case "doc", "document" -> "Document";
            case "template" -> "Template";
            case "audio" -> "Voice message";
            case "video" -> "Video";
            case "sticker" -> "Sticker";
            case "location" -> "Location";
            case "contacts" -> "Contact card";
            case "reaction" -> "Reaction";
            case "text" -> "Message";
            default -> "Unsupported message (" + kind + ")";
        };
    }
}
