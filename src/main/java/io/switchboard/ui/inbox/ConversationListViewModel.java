package io.switchboard.ui.inbox;

import io.switchboard.conversation.ConversationCursor;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationPage;
import io.switchboard.conversation.ConversationScope;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.common.UuidOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conversation list: the first page for the chosen filter and search, more pages as the agent
 * scrolls (keyset), and after a change only the first page again, merged in front of what is
 * already loaded. Every load remembers which query it answers; an answer to an older query
 * (the agent typed on, or switched tenant) is dropped.
 */
public final class ConversationListViewModel {
    public static final int PAGE = 50;
    /** Rows from the end at which walking down the list loads the next page. */
    private static final int PREFETCH = 5;

    private final ConversationService conversations;
    private final InboxSession session;
    private final ObservableList<ConversationSummary> rows = FXCollections.observableArrayList();
    private final ObservableList<ConversationSummary> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ObjectProperty<ConversationFilter> filter = new SimpleObjectProperty<>(this, "filter", ConversationFilter.ALL);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    /** Whose conversations and which label (the team's Mine / Unassigned / All and label filter). */
    private final ObjectProperty<ConversationScope> scope = new SimpleObjectProperty<>(this, "scope", ConversationScope.EVERYONE);
    private final ReadOnlyStringWrapper footer = new ReadOnlyStringWrapper(this, "footer", "");
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    /** The row of the open conversation, -1 when none is open or its row is not loaded. */
    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(this, "selectedIndex", -1);
    private Supplier<ConversationSummary> open = () -> null;
    private Consumer<ConversationSummary> onOpen = c -> { };
    private Consumer<List<ConversationSummary>> onFirstPage = first -> { };
    private ConversationCursor next;
    private boolean loading;
    private long generation;

    public ConversationListViewModel(ConversationService conversations, InboxSession session) {
        this.conversations = conversations;
        this.session = session;
        filter.addListener((obs, old, f) -> reload());
        scope.addListener((obs, old, now) -> reload());
    }

    /**
     * {@code open} tells which conversation the thread shows (its row stays selected across reloads),
     * {@code onOpen} opens one, {@code onFirstPage} hears every fresh first page (desktop notifications).
     */
    public void follow(Supplier<ConversationSummary> open, Consumer<ConversationSummary> onOpen, Consumer<List<ConversationSummary>> onFirstPage) {
        this.open = open;
        this.onOpen = onOpen;
        this.onFirstPage = onFirstPage;
    }

    /** The agent picked the row at {@code index}: it is opened. */
    public void select(int index) {
        if (index >= 0 && index < rows.size()) {
            selectedIndex.set(index);
            onOpen.accept(rows.get(index));
        }
    }

    /** Opens {@code c}: through its row when it is loaded, else directly (from the contact panel or a notification). */
    public void reveal(ConversationSummary c) {
        int index = indexOf(c.id());
        if (index >= 0) {
            select(index);
        } else {
            onOpen.accept(c);
        }
    }

    /** From the top for the current tenant, filter and search, replacing everything. */
    public void reload() {
        UUID tenant = session.tenantId();
        long mine = ++generation;
        if (tenant == null) {
            next = null;
            rows.clear();
            changed();
            return;
        }
        loading = true;
        ConversationFilter f = filter.get();
        String s = searchText();
        ConversationScope sc = scope.get();
        Consumer<Throwable> report = session.reloadFailure("Could not load conversations: ");
        session.executor().now(() -> conversations.list(tenant, f, sc, s, null, PAGE), page -> {
            if (mine != generation) {
                return;
            }
            loading = false;
            next = page.next();
            rows.setAll(page.items());
            onFirstPage.accept(page.items());
            changed();
        }, failure -> {
            if (mine == generation) {
                loading = false;
            }
            report.accept(failure);
        });
    }

    /** The next page, when the agent scrolls near the end. */
    public void loadMore() {
        if (next == null || loading) {
            return;
        }
        loading = true;
        long mine = generation;
        UUID tenant = session.tenantId();
        ConversationCursor cursor = next;
        ConversationFilter f = filter.get();
        String s = searchText();
        ConversationScope sc = scope.get();
        session.executor().now(() -> conversations.list(tenant, f, sc, s, cursor, PAGE), page -> {
            if (mine != generation) {
                return;
            }
            loading = false;
            next = page.next();
            Set<UUID> have = new HashSet<>();
            rows.forEach(r -> have.add(r.id()));
            rows.addAll(page.items().stream().filter(r -> !have.contains(r.id())).toList());
            changed();
        }, failure -> {
            if (mine == generation) {
                loading = false;
            }
            session.report("Could not load more conversations: " + InboxSession.explain(failure));
        });
    }

    /**
     * After a change: the first page again. Anything with new activity is in it; rows that were
     * above its last row but are not in it no longer match the filter and go; older rows stay.
     */
    public void refreshTop() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        long mine = generation;
        ConversationFilter f = filter.get();
        String s = searchText();
        ConversationScope sc = scope.get();
        session.executor().run(() -> conversations.list(tenant, f, sc, s, null, PAGE), page -> {
            if (mine != generation) {
                return;
            }
            rows.setAll(merge(page, rows));
            if (page.next() == null) {
                next = null;
            }
            onFirstPage.accept(page.items());
            changed();
        }, session.reloadFailure("Could not refresh conversations: "));
    }

    /** Alt+Up / Alt+Down: opens the row {@code delta} rows away, loading the next page when that is near the end of what is loaded. */
    public void move(int delta) {
        int size = rows.size();
        if (size == 0) {
            return;
        }
        int from = selectedIndex.get();
        int to = from < 0 ? 0 : Math.max(0, Math.min(size - 1, from + delta));
        select(to);
        if (to >= size - PREFETCH) {
            loadMore();
        }
    }

    int indexOf(UUID id) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private void changed() {
        hasMore.set(next != null);
        ConversationSummary opened = open.get();
        selectedIndex.set(opened == null ? -1 : indexOf(opened.id()));
        int n = rows.size();
        footer.set(n == 0 ? "" : next != null ? n + " loaded · scroll for more" : n + (n == 1 ? " conversation" : " conversations"));
    }

    private String searchText() {
        return search.get() == null ? "" : search.get().strip();
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
                return UuidOrder.compare(a.id(), b.id()) < 0;
            }
            return x == null;
        }
        int c = x.compareTo(y);
        return c != 0 ? c < 0 : UuidOrder.compare(a.id(), b.id()) < 0;
    }

    public ObservableList<ConversationSummary> rows() {
        return readOnlyRows;
    }

    public ObjectProperty<ConversationFilter> filterProperty() {
        return filter;
    }

    public ObjectProperty<ConversationScope> scopeProperty() {
        return scope;
    }

    /** The search text; {@link #reload()} applies it (the view waits until the agent pauses typing). */
    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyStringProperty footerProperty() {
        return footer.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedIndexProperty() {
        return selectedIndex.getReadOnlyProperty();
    }
}
