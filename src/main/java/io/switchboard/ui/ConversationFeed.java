package io.switchboard.ui;

import io.switchboard.conversation.ConversationCursor;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationPage;
import io.switchboard.conversation.ConversationSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conversation list's rows: the first page, more pages as the agent scrolls (keyset), and on
 * a change only the first page again, merged in front of what is already loaded.
 */
final class ConversationFeed {
    static final int PAGE = 50;
    final ObservableList<ConversationSummary> rows = FXCollections.observableArrayList();
    private final InboxSession session;
    private ConversationFilter filter = ConversationFilter.ALL;
    private String search = "";
    private ConversationCursor next;
    private boolean loading;
    private long generation;
    private Consumer<List<ConversationSummary>> onFresh = rows -> { };
    private Runnable onChanged = () -> { };

    ConversationFeed(InboxSession session) {
        this.session = session;
    }

    /** Told the fresh first page after every load or refresh (for notifications), then that rows changed. */
    void listen(Consumer<List<ConversationSummary>> onFresh, Runnable onChanged) {
        this.onFresh = onFresh;
        this.onChanged = onChanged;
    }

    void query(ConversationFilter filter, String search) {
        this.filter = filter;
        this.search = search == null ? "" : search.strip();
        reload();
    }

    boolean hasMore() {
        return next != null;
    }

    /** From the top, replacing everything. */
    void reload() {
        UUID tenant = session.tenantId();
        long mine = ++generation;
        if (tenant == null) {
            rows.clear();
            next = null;
            onChanged.run();
            return;
        }
        loading = true;
        ConversationFilter f = filter;
        String s = search;
        session.background.now(() -> session.services().conversations().list(tenant, f, s, null, PAGE), page -> {
            loading = false;
            if (mine != generation) {
                return;
            }
            next = page.next();
            rows.setAll(page.items());
            onFresh.accept(page.items());
            onChanged.run();
        }, failure -> {
            loading = false;
            session.report("Could not load conversations: " + InboxSession.explain(failure));
        });
    }

    /** The next page, when the agent scrolls near the end. */
    void loadMore() {
        if (next == null || loading) {
            return;
        }
        loading = true;
        long mine = generation;
        UUID tenant = session.tenantId();
        ConversationCursor cursor = next;
        ConversationFilter f = filter;
        String s = search;
        session.background.now(() -> session.services().conversations().list(tenant, f, s, cursor, PAGE), page -> {
            loading = false;
            if (mine != generation) {
                return;
            }
            next = page.next();
            Set<UUID> have = new HashSet<>();
            rows.forEach(r -> have.add(r.id()));
            rows.addAll(page.items().stream().filter(r -> !have.contains(r.id())).toList());
            onChanged.run();
        }, failure -> {
            loading = false;
            session.report("Could not load more conversations: " + InboxSession.explain(failure));
        });
    }

    /**
     * After a change: the first page again. Anything with new activity is in it; rows that were
     * above its last row but are not in it no longer match the filter and go; older rows stay.
     */
    void refreshTop() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        long mine = generation;
        ConversationFilter f = filter;
        String s = search;
        session.background.run(() -> session.services().conversations().list(tenant, f, s, null, PAGE), page -> {
            if (mine != generation) {
                return;
            }
            rows.setAll(merge(page, rows));
            if (page.next() == null) {
                next = null;
            }
            onFresh.accept(page.items());
            onChanged.run();
        }, failure -> session.report("Could not refresh conversations: " + InboxSession.explain(failure)));
    }

    static List<ConversationSummary> merge(ConversationPage first, List<ConversationSummary> old) {
        List<ConversationSummary> merged = new ArrayList<>(first.items());
        if (first.next() == null || first.items().isEmpty()) {
            return merged;
        }
        Set<UUID> fresh = new HashSet<>();
        first.items().forEach(r -> fresh.add(r.id()));
        ConversationSummary last = first.items().get(first.items().size() - 1);
        for (ConversationSummary r : old) {
            if (!fresh.contains(r.id()) && olderThan(r, last)) {
                merged.add(r);
            }
        }
        return merged;
    }

    /** The list's order: last activity descending (never-active last), then id descending as PostgreSQL compares uuids. */
    private static boolean olderThan(ConversationSummary a, ConversationSummary b) {
        Instant x = a.lastMessageAt();
        Instant y = b.lastMessageAt();
        if (x == null || y == null) {
            if (x == null && y == null) {
                return ThreadController.compareLikePostgres(a.id(), b.id()) < 0;
            }
            return x == null;
        }
        int c = x.compareTo(y);
        return c != 0 ? c < 0 : ThreadController.compareLikePostgres(a.id(), b.id()) < 0;
    }
}
