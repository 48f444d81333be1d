package io.switchboard.team;

import java.util.UUID;

/** A canned reply: typed as /shortcut in the composer, its body may hold variables such as {{contact.name}}. */
public record CannedReply(UUID id, String shortcut, String body) {
}
