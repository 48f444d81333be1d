package io.switchboard.contact;

import java.util.UUID;

/** Where the next page of contacts starts: after this sort value and id. Opaque to callers. */
public record ContactCursor(Object sortValue, UUID id) {
}
