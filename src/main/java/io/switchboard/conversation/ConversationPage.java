package io.switchboard.conversation;

import java.util.List;

/** One page of the conversation list; {@code next} is null at the end. */
public record ConversationPage(List<ConversationSummary> items, ConversationCursor next) {
}
