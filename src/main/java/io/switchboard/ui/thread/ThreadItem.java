package io.switchboard.ui.thread;

import io.switchboard.conversation.ThreadMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of the thread: a day separator, a message (pending = shown before the outbox confirmed it), or a team's private note. */
public sealed interface ThreadItem {
    record Day(LocalDate day) implements ThreadItem {
    }

    record Bubble(ThreadMessage message, boolean pending) implements ThreadItem {
    }

    /** A private note: the team sees it among the messages; the customer never does. */
    record Note(UUID id, String author, String body, Instant createdAt) implements ThreadItem {
    }
}
