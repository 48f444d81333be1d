package io.switchboard.ui.thread;

import io.switchboard.conversation.ThreadMessage;
import java.time.LocalDate;

/** A row of the thread: a day separator or a message (pending = shown before the outbox confirmed it). */
public sealed interface ThreadItem {
    record Day(LocalDate day) implements ThreadItem {
    }

    record Bubble(ThreadMessage message, boolean pending) implements ThreadItem {
    }
}
