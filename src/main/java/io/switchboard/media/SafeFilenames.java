package io.switchboard.media;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Names for customers' files on this computer. A customer chooses the filename; it may hold path separators,
 * "..", control characters, reserved Windows names or a misleading extension ("invoice.pdf.exe"). The
 * name kept is letters, digits and a few safe signs, at most 100 characters, and the extension always
 * comes from the file's checked type.
 */
public final class SafeFilenames {
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/webp", "webp"), Map.entry("application/pdf", "pdf"),
            Map.entry("text/plain", "txt"), Map.entry("application/msword", "doc"), Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.ms-powerpoint", "ppt"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
            Map.entry("audio/ogg", "ogg"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"), Map.entry("audio/aac", "aac"),
            Map.entry("audio/amr", "amr"), Map.entry("video/mp4", "mp4"), Map.entry("video/3gpp", "3gp"));
    private static final java.util.Set<String> RESERVED = java.util.Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5",
            "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private SafeFilenames() {
    }

    /** A safe name for saving: the customer's name cleaned, with the extension of {@code mimeType}; {@code fallback} when nothing is left. */
    public static String forSaving(String customerName, String mimeType, String fallback) {
        String ext = EXTENSIONS.getOrDefault(MediaKind.baseMime(mimeType), "bin");
        String base = customerName == null ? "" : customerName;
        base = base.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = Normalizer.normalize(base, Normalizer.Form.NFKC);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("[^\\p{L}\\p{N} ._()-]", "_").replaceAll("\\.+", ".").replaceAll("_+", "_").strip();
        base = base.replaceAll("^[.\\s_-]+", "").replaceAll("[.\\s]+$", "");
        if (base.isEmpty() || RESERVED.contains(base.toLowerCase(Locale.ROOT))) {
            base = (fallback == null || fallback.isBlank() ? "file" : fallback) + (base.isEmpty() ? "" : "_" + base);
        }
        if (base.length() > 100) {
            base = base.substring(0, 100).strip();
        }
        return base + "." + ext;
    }
}
