package io.switchboard.media;

/** A file in a tenant's media store: its content hash (hex), declared type and size. */
public record StoredMedia(String sha256, String mimeType, long size) {
}
