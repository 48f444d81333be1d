package io.switchboard.media;

import io.switchboard.common.ValidationException;
import java.util.List;
import java.util.Locale;

/**
 * WhatsApp's media kinds with Meta's "Supported media types" rules: the MIME types each kind accepts
 * and the most bytes it may have (audio 16 MB, document 100 MB, image 5 MB, sticker 100 KB static /
 * 500 KB animated, video 16 MB). The same limits are checked on the way in (a download bigger than this
 * is refused) and on the way out (before anything is uploaded).
 */
public enum MediaKind {
    IMAGE("image", 5L * 1024 * 1024, List.of("image/jpeg", "image/png")),
    DOCUMENT("document", 100L * 1024 * 1024, List.of("text/plain", "application/pdf", "application/vnd.ms-powerpoint",
            "application/msword", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    AUDIO("audio", 16L * 1024 * 1024, List.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg")),
    VIDEO("video", 16L * 1024 * 1024, List.of("video/mp4", "video/3gpp")),
    STICKER("sticker", 100L * 1024, List.of("image/webp"));

    static final long ANIMATED_STICKER_MAX = 500L * 1024;

    private final String code;
    private final long maxBytes;
    private final List<String> mimeTypes;

    MediaKind(String code, long maxBytes, List<String> mimeTypes) {
        this.code = code;
        this.maxBytes = maxBytes;
        this.mimeTypes = mimeTypes;
    }

    /** WhatsApp's name: the message type and the upload's kind (image, document, audio, video, sticker). */
    public String code() {
        return code;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Animated stickers may be bigger than static ones. */
    public long maxBytes(boolean animated) {
        return this == STICKER && animated ? ANIMATED_STICKER_MAX : maxBytes;
    }

    public List<String> mimeTypes() {
        return mimeTypes;
    }

    /** The kind of a message's content_type; null when it is not media. */
    public static MediaKind ofWhatsAppType(String type) {
        if (type == null) {
            return null;
        }
        for (MediaKind k : values()) {
            if (k.code.equals(type)) {
                return k;
            }
        }
        return type.equals("doc") ? DOCUMENT : null;
    }

    /** "audio/ogg; codecs=opus" → "audio/ogg": parameters do not decide the type. */
    public static String baseMime(String mime) {
        if (mime == null) {
            return null;
        }
        int semicolon = mime.indexOf(';');
        return (semicolon < 0 ? mime : mime.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    public boolean accepts(String mime) {
        return mimeTypes.contains(baseMime(mime));
    }

    /** The kind an agent's file is sent as: images and stickers by type, audio and video by type, anything else Meta takes as a document. */
    public static MediaKind forOutgoing(String mime) {
        String base = baseMime(mime);
        for (MediaKind k : List.of(IMAGE, AUDIO, VIDEO, DOCUMENT, STICKER)) {
            if (k.accepts(base)) {
                return k;
            }
        }
        throw new ValidationException("file", "WhatsApp cannot send " + (base == null ? "this kind of file" : base)
                + "; it takes images (JPEG, PNG), stickers (WebP), audio (AAC, AMR, MP3, M4A, OGG), video (MP4, 3GP) and documents (PDF, TXT, Office)");
    }

    /** Refuses a file over this kind's limit, in words an agent understands. */
    public void requireSize(long bytes, String field) {
        if (bytes > maxBytes) {
            String size = MediaSizes.human(bytes);
            String limit = MediaSizes.human(maxBytes);
            if (size.replace(".0 ", " ").equals(limit)) {
                // Just over the limit: rounded figures would read the same, so the bytes say it.
                size = bytes + " bytes";
                limit = maxBytes + " bytes";
            }
            throw new ValidationException(field, "is " + size + "; WhatsApp takes " + code + " files up to " + limit);
        }
        if (bytes == 0) {
            throw new ValidationException(field, "is empty");
        }
    }
}
