package io.switchboard.media;

import java.util.Locale;

/** Byte counts as people read them: 512 B, 48 KB, 3.4 MB, 1.2 GB (1024-based, as file managers show them). */
public final class MediaSizes {
    private MediaSizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value >= 100 || value == Math.floor(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value))
                + " " + units[unit];
    }
}
