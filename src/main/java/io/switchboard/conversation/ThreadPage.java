package io.switchboard.conversation;

import java.util.List;

/** Messages of a thread, newest first; {@code older} is null when there are no older ones. */
public record ThreadPage(List<ThreadMessage> items, MessageCursor older) {
}
