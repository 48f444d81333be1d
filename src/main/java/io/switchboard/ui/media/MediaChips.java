package io.switchboard.ui.media;

import io.switchboard.media.MediaKind;
import io.switchboard.media.MediaSizes;
import io.switchboard.media.MessageMedia;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The words and the icon chip a media bubble is made of: a file's kind, format and size as a person says them. */
final class MediaChips {
    private MediaChips() {
    }

    static String describe(MessageMedia m) {
        return format(m.mimeType()) + (m.size() >= 0 ? " · " + MediaSizes.human(m.size()) : "");
    }

    /** "application/pdf" → "PDF", "audio/ogg; codecs=opus" → "OGG/Opus". */
    static String format(String mime) {
        String base = MediaKind.baseMime(mime);
        if (base == null) {
            return "File";
        }
        if (base.equals("audio/ogg")) {
            return "OGG/Opus";
        }
        String sub = base.substring(base.indexOf('/') + 1);
        return switch (sub) {
            case "vnd.openxmlformats-officedocument.wordprocessingml.document", "msword" -> "Word";
            case "vnd.openxmlformats-officedocument.spreadsheetml.sheet", "vnd.ms-excel" -> "Excel";
            case "vnd.openxmlformats-officedocument.presentationml.presentation", "vnd.ms-powerpoint" -> "PowerPoint";
            case "plain" -> "Text";
            case "mpeg" -> base.startsWith("audio") ? "MP3" : "MPEG";
            default -> sub.toUpperCase(java.util.Locale.ROOT);
        };
    }

    static String noun(MediaKind kind, String filename) {
        if (filename != null) {
            return filename;
        }
        if (kind == null) {
            return "File";
        }
        return switch (kind) {
            case IMAGE -> "Photo";
            case STICKER -> "Sticker";
            case DOCUMENT -> "Document";
            case AUDIO -> "Audio";
            case VIDEO -> "Video";
        };
    }

    static String icon(MediaKind kind) {
        if (kind == null) {
            return "fth-file";
        }
        return switch (kind) {
            case IMAGE, STICKER -> "fth-image";
            case DOCUMENT -> "fth-file-text";
            case AUDIO -> "fth-mic";
            case VIDEO -> "fth-film";
        };
    }

    static HBox chip(String icon, String title, String detail) {
        Label t = new Label(title);
        t.getStyleClass().add("chip-title");
        t.setWrapText(true);
        VBox words = new VBox(1, t);
        if (detail != null && !detail.isBlank()) {
            Label d = new Label(detail);
            d.getStyleClass().add("chip-detail");
            d.setWrapText(true);
            words.getChildren().add(d);
        }
        HBox chip = new HBox(8, new FontIcon(icon), words);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("media-chip");
        return chip;
    }
}
