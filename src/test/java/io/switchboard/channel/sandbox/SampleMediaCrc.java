package io.switchboard.channel.sandbox;

/** Ogg's page checksum, for tests outside the sandbox package. */
public final class SampleMediaCrc {
    private SampleMediaCrc() {
    }

    public static int of(byte[] page) {
        return SampleMedia.oggCrc(page);
    }
}
