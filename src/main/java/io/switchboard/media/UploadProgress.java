package io.switchboard.media;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far this process's uploads have come, by message: the sender reports bytes sent, the thread's
 * bubble reads a fraction. Only uploads running in this process are known (in solo mode the desktop runs
 * the sender itself); for others the bubble shows an indeterminate "Uploading…".
 */
public final class UploadProgress {
    private static final UploadProgress PROCESS = new UploadProgress();
    private final Map<UUID, double[]> running = new ConcurrentHashMap<>();

    private UploadProgress() {
    }

    /** The uploads of this process. */
    public static UploadProgress ofThisProcess() {
        return PROCESS;
    }

    void sent(UUID messageId, long bytes, long total) {
        running.put(messageId, new double[] {bytes, Math.max(1, total)});
    }

    void finished(UUID messageId) {
        running.remove(messageId);
    }

    /** Between 0 and 1 while this process uploads the message's file; empty otherwise. */
    public OptionalDouble of(UUID messageId) {
        double[] p = running.get(messageId);
        return p == null ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1, p[0] / p[1]));
    }
}
