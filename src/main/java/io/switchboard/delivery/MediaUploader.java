package io.switchboard.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * Turns a message's file from the tenant's media store into a Meta media id, for the sender: called on the
 * sender's thread for a message whose media has {@code stored_sha256} and no {@code id}. The media package
 * implements it (upload, or reuse of an earlier upload of the same bytes to the same number).
 */
public interface MediaUploader {
    /** Why a file could not be uploaded; {@code retryable} like a failed send. */
    final class UploadFailed extends Exception {
        private final boolean retryable;
        private final String code;

        public UploadFailed(String code, String message, boolean retryable) {
            super(message);
            this.code = code;
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }

        public String code() {
            return code;
        }
    }

    /**
     * Puts Meta's media id into {@code media} (the message's stored media object) for {@code account}'s number.
     * {@code messageId} and {@code attempt} identify the claimed message (an upload may take longer than a send).
     */
    void resolve(SendingAccount account, UUID tenantId, UUID messageId, int attempt, ObjectNode media) throws UploadFailed;

    /** For processes without a media store: a stored file cannot leave. */
    MediaUploader NONE = (account, tenantId, messageId, attempt, media) -> {
        throw new UploadFailed("no_media_store", "This process has no media store to upload the file from", false);
    };

    /** True when the message's media is a stored file that still needs an id. */
    static boolean needsUpload(com.fasterxml.jackson.databind.JsonNode metadata) {
        com.fasterxml.jackson.databind.JsonNode media = metadata == null ? null : metadata.get("media");
        return media != null && media.isObject() && media.path("stored_sha256").isTextual() && !media.path("id").isTextual();
    }
}
