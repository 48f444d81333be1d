package io.switchboard.media;

import java.util.UUID;

/**
 * A message's file as the thread shows it. {@code state}: WAITING (inbound, not downloaded yet), READY (bytes
 * stored, {@code sha256} set), FAILED (download failed for good, {@code problem} says why), UPLOADING
 * (outbound, stored here, not yet accepted by Meta), or REMOTE (sent by link; no bytes here).
 */
public record MessageMedia(UUID messageId, MediaKind kind, State state, String sha256, String mimeType, long size, String filename,
                           String problem, boolean voice) {
    public enum State { WAITING, READY, FAILED, UPLOADING, REMOTE }

    public boolean ready() {
        return state == State.READY || state == State.UPLOADING;
    }
}
