package io.switchboard.media;

/** A tenant's media storage: bytes used by its files against its cap. */
public record MediaUsage(long usedBytes, long quotaBytes, long files) {
    /** "312 MB of 2 GB (15%)". */
    public String describe() {
        long percent = quotaBytes == 0 ? 0 : Math.round(100.0 * usedBytes / quotaBytes);
        return MediaSizes.human(usedBytes) + " of " + MediaSizes.human(quotaBytes) + " (" + percent + "%)";
    }
}
