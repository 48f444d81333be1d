package io.switchboard.ui.thread;

import io.switchboard.conversation.ThreadMessage;
import io.switchboard.ui.common.TimeLabels;
import io.switchboard.ui.common.UuidOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The thread's rows: loaded messages in the database's order, then the ones still pending, a day separator before each new day. */
final class ThreadRows {
    private static final Comparator<ThreadMessage> CHRONOLOGICAL = Comparator.comparing(ThreadMessage::createdAt)
            .thenComparing(ThreadMessage::id, UuidOrder::compare);

    private ThreadRows() {
    }

    static List<ThreadItem> of(Collection<ThreadMessage> loaded, Collection<ThreadMessage> pending) {
        return of(loaded, pending, List.of());
    }

    /** The same with the team's notes placed among the messages by time (pending messages stay last). */
    static List<ThreadItem> of(Collection<ThreadMessage> loaded, Collection<ThreadMessage> pending, List<ThreadItem.Note> notes) {
        List<ThreadMessage> all = new ArrayList<>(loaded);
        all.sort(CHRONOLOGICAL);
        int confirmed = all.size();
        all.addAll(pending);
        List<ThreadItem> rows = new ArrayList<>(all.size() + 8);
        LocalDate day = null;
        int n = 0;
        for (int i = 0; i < all.size(); i++) {
            ThreadMessage m = all.get(i);
            while (i < confirmed && n < notes.size() && !notes.get(n).createdAt().isAfter(m.createdAt())) {
                day = note(rows, notes.get(n++), day);
            }
            if (i == confirmed) {
                while (n < notes.size()) {
                    day = note(rows, notes.get(n++), day);
                }
            }
            LocalDate d = TimeLabels.day(m.createdAt());
            if (!d.equals(day)) {
                rows.add(new ThreadItem.Day(d));
                day = d;
            }
            rows.add(new ThreadItem.Bubble(m, i >= confirmed));
        }
        while (n < notes.size()) {
            day = note(rows, notes.get(n++), day);
        }
        return rows;
    }

    private static LocalDate note(List<ThreadItem> rows, ThreadItem.Note note, LocalDate day) {
        LocalDate d = TimeLabels.day(note.createdAt());
        if (!d.equals(day)) {
            rows.add(new ThreadItem.Day(d));
        }
        rows.add(note);
        return d;
    }
}
