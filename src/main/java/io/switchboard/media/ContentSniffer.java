package io.switchboard.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Says what a file's first bytes are, whatever its declared MIME type claims: a "photo" that is really
 * an executable or an HTML page is never handed to a decoder or to the system's "open". Only magic
 * numbers are read; nothing is parsed.
 */
public final class ContentSniffer {
    /** Bytes enough for every signature below. */
    public static final int HEAD = 64;

    private ContentSniffer() {
    }

    /** The MIME type the content shows, or null when it shows none of the known ones. */
    public static String detect(byte[] head) {
        if (head == null) {
            return null;
        }
        if (starts(head, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(head, 'R', 'I', 'F', 'F') && at(head, 8, "WEBP")) {
            return "image/webp";
        }
        if (starts(head, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(head, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (starts(head, 'O', 'g', 'g', 'S')) {
            return "audio/ogg";
        }
        if (starts(head, 'I', 'D', '3') || (head.length > 1 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0)) {
            return "audio/mpeg";
        }
        if (starts(head, '#', '!', 'A', 'M', 'R')) {
            return "audio/amr";
        }
        if (head.length > 1 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xF6) == 0xF0) {
            return "audio/aac";
        }
        if (at(head, 4, "ftyp")) {
            String brand = head.length >= 12 ? new String(head, 8, 4, StandardCharsets.ISO_8859_1) : "";
            if (brand.startsWith("3gp")) {
                return "video/3gpp";
            }
            return brand.startsWith("M4A") ? "audio/mp4" : "video/mp4";
        }
        if (starts(head, 'P', 'K', 3, 4)) {
            return "application/zip";
        }
        if (starts(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return "application/x-ole-storage";
        }
        if (starts(head, 'M', 'Z') || starts(head, 0x7F, 'E', 'L', 'F') || starts(head, 0xCF, 0xFA, 0xED, 0xFE) || starts(head, '#', '!')) {
            return "application/x-executable";
        }
        return null;
    }

    /**
     * True when the content can be what {@code declaredMime} says. Office files are ZIP (OOXML) or OLE
     * containers; plain text has no signature, so it passes only when no binary signature was found and the
     * head has no NUL byte.
     */
    public static boolean consistent(String declaredMime, byte[] head) {
        String declared = MediaKind.baseMime(declaredMime);
        String seen = detect(head);
        if (declared == null) {
            return false;
        }
        if ("application/x-executable".equals(seen)) {
            return false;
        }
        if (declared.equals(seen)) {
            return true;
        }
        return switch (declared) {
            case "text/plain" -> seen == null && !hasNul(head);
            case "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint" -> "application/x-ole-storage".equals(seen);
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "application/zip".equals(seen);
            case "audio/mp4", "video/mp4", "video/3gpp" -> seen != null && (seen.equals("audio/mp4") || seen.equals("video/mp4") || seen.equals("video/3gpp"));
            case "audio/opus" -> "audio/ogg".equals(seen);
            default -> false;
        };
    }

    private static boolean hasNul(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean starts(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != (signature[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean at(byte[] head, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.ISO_8859_1);
        return head.length >= offset + expected.length && Arrays.equals(head, offset, offset + expected.length, expected, 0, expected.length);
    }
}
