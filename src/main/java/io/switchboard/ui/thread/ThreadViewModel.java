package io.switchboard.ui.thread;

import io.switchboard.common.ValidationException;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationStatus;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.conversation.MessageCursor;
import io.switchboard.conversation.ThreadMessage;
import io.switchboard.conversation.ThreadPage;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import io.switchboard.message.Direction;
import io.switchboard.message.MessageStatus;
import io.switchboard.template.TemplateService;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.common.TimeLabels;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open conversation: its rows (day separators, loaded messages, then the ones sent but not yet
 * confirmed by the outbox), its header, and the composer with the 24-hour and archived rules.
 * Older pages load on request; a result that arrives after the agent opened another conversation
 * is dropped.
 */
public final class ThreadViewModel {
    public static final int PAGE = 50;

    private final ConversationService conversations;
    private final OutboxService outbox;
    private final TemplateService templates;
    private final InboxSession session;
    private final Runnable activity;

    private final ObservableList<ThreadItem> rows = FXCollections.observableArrayList();
    private final ObservableList<ThreadItem> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    /** Loaded messages by id, plus bubbles shown before the outbox answered (temporary ids). */
    private final Map<UUID, ThreadMessage> loaded = new HashMap<>();
    private final Map<UUID, ThreadMessage> pending = new LinkedHashMap<>();
    /** The team's private notes in the open conversation, oldest first (the notes part loads them). */
    private List<ThreadItem.Note> notes = List.of();

    private final ReadOnlyObjectWrapper<ConversationSummary> conversation = new ReadOnlyObjectWrapper<>(this, "conversation");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final ReadOnlyStringWrapper windowBadge = new ReadOnlyStringWrapper(this, "windowBadge", "");
    private final ReadOnlyStringWrapper windowBadgeStyle = new ReadOnlyStringWrapper(this, "windowBadgeStyle", "");
    private final ReadOnlyStringWrapper statusBadge = new ReadOnlyStringWrapper(this, "statusBadge", "");
    private final ReadOnlyStringWrapper statusBadgeStyle = new ReadOnlyStringWrapper(this, "statusBadgeStyle", "");
    private final ReadOnlyBooleanWrapper freeTextAllowed = new ReadOnlyBooleanWrapper(this, "freeTextAllowed");
    private final ReadOnlyBooleanWrapper templateAllowed = new ReadOnlyBooleanWrapper(this, "templateAllowed");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper(this, "prompt", ComposerState.OPEN_PROMPT);
    private final StringProperty draft = new SimpleStringProperty(this, "draft", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyLongWrapper lastSwitchMillis = new ReadOnlyLongWrapper(this, "lastSwitchMillis", -1);

    /** Files in this thread (thumbnails, viewer, attach from disk); null where the window has no media service. */
    private io.switchboard.ui.media.ThreadMediaViewModel media;
    private MessageCursor older;
    private boolean loadingOlder;
    /** True while the reader is at the newest message: new rows then keep the view at the bottom. */
    private boolean followNewest = true;
    private boolean scrollToNewest = true;
    private long generation;
    private long openedAtNanos;

    /** {@code activity} is told when the agent's own action (send, read) changed what the list shows. */
    public ThreadViewModel(ConversationService conversations, OutboxService outbox, TemplateService templates, InboxSession session, Runnable activity) {
        this.conversations = conversations;
        this.outbox = outbox;
        this.templates = templates;
        this.session = session;
        this.activity = activity;
        draft.addListener((obs, old, text) -> error.set(""));
    }

    /** Opens a conversation at its newest message and marks it read. */
    public void show(ConversationSummary c) {
        openedAtNanos = System.nanoTime();
        lastSwitchMillis.set(-1);
        long mine = ++generation;
        boolean same = conversation.get() != null && conversation.get().id().equals(c.id());
        describe(c);
        if (!same) {
            followNewest = true;
            loaded.clear();
            pending.clear();
            notes = List.of();
            rows.clear();
            older = null;
            loadingOlder = false;
            draft.set("");
            error.set("");
        }
        UUID tenant = session.tenantId();
        session.executor().now(() -> conversations.thread(tenant, c.id(), null, PAGE), page -> {
            if (mine != generation) {
                return;
            }
            older = page.older();
            merge(page.items(), true);
            // One more turn of the UI loop: the rows are then on screen, not only in the list.
            session.executor().onUi(() -> lastSwitchMillis.set((System.nanoTime() - openedAtNanos) / 1_000_000));
            if (c.unread() > 0 || c.lastReadAt() == null) {
                markRead(tenant, c.id(), failure -> session.report("Could not mark as read: " + InboxSession.explain(failure)));
            }
        }, session.reloadFailure("Could not load the conversation: "));
    }

    /** No conversation open (another tenant, or nothing selected). */
    public void clear() {
        generation++;
        conversation.set(null);
        loaded.clear();
        pending.clear();
        rows.clear();
        older = null;
    }

    /**
     * After a change notification: the newest messages and statuses, and the conversation's own
     * state. It is marked read again only while the agent looks at it ({@code windowFocused}).
     */
    public void refresh(boolean windowFocused) {
        ConversationSummary c = conversation.get();
        if (c == null) {
            return;
        }
        long mine = generation;
        UUID tenant = session.tenantId();
        int size = Math.max(PAGE, Math.min(loaded.size(), 200));
        session.executor().run(() -> new Refreshed(conversations.thread(tenant, c.id(), null, size), conversations.get(tenant, c.id())), r -> {
            if (mine != generation) {
                return;
            }
            r.summary().ifPresent(this::describe);
            merge(r.page().items(), false);
            if (conversation.get().unread() > 0 && windowFocused) {
                markRead(tenant, c.id(), failure -> { });
            }
        }, session.reloadFailure("Could not refresh the conversation: "));
    }

    private record Refreshed(ThreadPage page, Optional<ConversationSummary> summary) {
    }

    private void markRead(UUID tenant, UUID id, java.util.function.Consumer<Throwable> onFailure) {
        session.executor().run(() -> {
            conversations.markRead(tenant, id);
            return null;
        }, done -> activity.run(), onFailure);
    }

    /** The conversation changed elsewhere (the contact panel closed or reopened it): show its new state if it is the open one. */
    public void updated(ConversationSummary c) {
        if (conversation.get() != null && conversation.get().id().equals(c.id())) {
            describe(c);
        }
    }

    /** Re-evaluates the 24-hour window, which can close while the conversation is open. */
    public void tick() {
        if (conversation.get() != null) {
            describe(conversation.get());
        }
    }

    private void describe(ConversationSummary c) {
        conversation.set(c);
        title.set(c.title());
        boolean named = c.contactName() != null && !c.contactName().isBlank();
        String wrote;
        if (c.lastInboundAt() == null) {
            wrote = "has not written yet";
        } else {
            String when = TimeLabels.relative(c.lastInboundAt(), session.now());
            wrote = "last wrote " + when + (when.endsWith("min") ? " ago" : "");
        }
        subtitle.set((named ? c.phone() + " · " : "") + (c.channel() == null ? "whatsapp" : c.channel()) + " · " + wrote);
        Optional<Duration> left = c.windowLeft(session.now());
        windowBadge.set(left.map(d -> "Reply window: " + TimeLabels.left(d)).orElse("Template only"));
        windowBadgeStyle.set(left.map(d -> d.toHours() < 4 ? "window-closing" : "window-open").orElse("window-closed"));
        statusBadge.set(c.status().code());
        statusBadgeStyle.set(c.status() == ConversationStatus.OPEN ? "" : "status-" + c.status().code());
        ComposerState composer = ComposerState.of(c, session.now());
        freeTextAllowed.set(composer.freeText());
        templateAllowed.set(composer.template());
        notice.set(composer.notice());
        prompt.set(composer.prompt());
    }

    /** Sends what the agent typed; a refusal puts the text back and says why. */
    public void send() {
        if (conversation.get() == null || !freeTextAllowed.get()) {
            return;
        }
        String text = draft.get();
        if (text == null || text.isBlank()) {
            return;
        }
        OutboundContent content;
        try {
            content = OutboundContent.text(text.strip());
        } catch (ValidationException e) {
            error.set(e.getMessage());
            return;
        }
        draft.set("");
        queue(content, () -> draft.set(text));
    }

    /** Sends a template or an attachment the agent composed in a dialog. */
    public void send(OutboundContent content) {
        if (conversation.get() != null) {
            queue(content, () -> { });
        }
    }

    /** Shows the message at once as queued, then asks the outbox; a refusal takes the bubble back and says why. */
    private void queue(OutboundContent content, Runnable undo) {
        UUID tenant = session.tenantId();
        UUID id = conversation.get().id();
        UUID temp = UUID.randomUUID();
        ThreadMessage shown = new ThreadMessage(temp, Direction.OUTBOUND, content.type(), content.type().code(), content.content(),
                content.metadata() == null ? Map.of() : content.metadata(), MessageStatus.QUEUED, session.now(),
                null, null, null, null, null, null, null, null);
        pending.put(temp, shown);
        rebuild(true);
        long mine = generation;
        session.executor().run(() -> outbox.queue(tenant, id, content), queued -> {
            ThreadMessage was = pending.remove(temp);
            if (mine == generation && was != null && !loaded.containsKey(queued.messageId())) {
                loaded.put(queued.messageId(), withId(was, queued.messageId()));
            }
            rebuild(true);
            activity.run();
        }, failure -> {
            pending.remove(temp);
            rebuild(false);
            undo.run();
            error.set(InboxSession.explain(failure));
        });
    }

    private static ThreadMessage withId(ThreadMessage m, UUID id) {
        return new ThreadMessage(id, m.direction(), m.type(), m.contentType(), m.content(), m.metadata(), m.status(), m.createdAt(),
                m.sentAt(), m.deliveredAt(), m.readAt(), m.failedAt(), m.errorCode(), m.errorTitle(), m.errorDetail(), m.sentBy());
    }

    /** Queues a new attempt of a failed message. */
    public void retry(ThreadMessage failed) {
        UUID tenant = session.tenantId();
        session.executor().run(() -> outbox.retry(tenant, failed.id()), queued -> {
            session.report("Queued a new attempt");
            refresh(false);
            activity.run();
        }, failure -> error.set("Retry refused: " + InboxSession.explain(failure)));
    }

    /** The template picker for the open conversation; what it sends goes through this thread. */
    public TemplatePickerViewModel templatePicker() {
        return new TemplatePickerViewModel(templates, session, this::send);
    }

    /** The attachment dialog; what it sends goes through this thread. */
    public AttachViewModel attachment(boolean image) {
        return new AttachViewModel(image, this::send);
    }

    /** The next older page, when the reader reached the top. Reading history stops new rows from pulling the view down. */
    public void loadOlder() {
        ConversationSummary c = conversation.get();
        if (older == null || loadingOlder || c == null) {
            return;
        }
        followNewest = false;
        loadingOlder = true;
        long mine = generation;
        UUID tenant = session.tenantId();
        MessageCursor cursor = older;
        session.executor().now(() -> conversations.thread(tenant, c.id(), cursor, PAGE), page -> {
            loadingOlder = false;
            if (mine != generation) {
                return;
            }
            older = page.older();
            merge(page.items(), false);
        }, failure -> {
            loadingOlder = false;
            session.report("Could not load older messages: " + InboxSession.explain(failure));
        });
    }

    public boolean hasOlder() {
        return older != null;
    }

    /** The reader scrolled; only their own scrolling decides whether the view follows new messages. */
    public void readerAtNewest(boolean atNewest) {
        followNewest = atNewest;
    }

    /** Whether the last change of the rows should bring the newest message into view (else keep the reader where they were). */
    public boolean scrollToNewest() {
        return scrollToNewest;
    }

    private void merge(List<ThreadMessage> fetched, boolean opening) {
        for (ThreadMessage m : fetched) {
            loaded.put(m.id(), m);
        }
        rebuild(opening);
    }

    /** The notes of conversation {@code conversationId}, oldest first; ignored if another one is open by now. */
    public void showNotes(UUID conversationId, List<ThreadItem.Note> conversationNotes) {
        ConversationSummary c = conversation.get();
        if (c != null && c.id().equals(conversationId)) {
            notes = List.copyOf(conversationNotes);
            rebuild(false);
        }
    }

    /** Notes older than the loaded messages wait until their page is loaded, so the thread reads in order. */
    private List<ThreadItem.Note> visibleNotes() {
        if (older == null || loaded.isEmpty()) {
            return notes;
        }
        java.time.Instant oldest = loaded.values().stream().map(ThreadMessage::createdAt).min(java.util.Comparator.naturalOrder()).orElseThrow();
        return notes.stream().filter(n -> !n.createdAt().isBefore(oldest)).toList();
    }

    private void rebuild(boolean toNewest) {
        List<ThreadItem> next = ThreadRows.of(loaded.values(), pending.values(), visibleNotes());
        if (next.equals(rows)) {
            // A refresh that changed nothing must not move the reader.
            return;
        }
        scrollToNewest = toNewest || followNewest;
        rows.setAll(next);
    }

    public void useMedia(io.switchboard.ui.media.ThreadMediaViewModel media) {
        this.media = media;
    }

    public io.switchboard.ui.media.ThreadMediaViewModel media() {
        return media;
    }

    public ObservableList<ThreadItem> rows() {
        return readOnlyRows;
    }

    public ReadOnlyObjectProperty<ConversationSummary> conversationProperty() {
        return conversation.getReadOnlyProperty();
    }

    public ConversationSummary conversation() {
        return conversation.get();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty windowBadgeProperty() {
        return windowBadge.getReadOnlyProperty();
    }

    /** window-open, window-closing (under 4 hours left) or window-closed. */
    public ReadOnlyStringProperty windowBadgeStyleProperty() {
        return windowBadgeStyle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusBadgeProperty() {
        return statusBadge.getReadOnlyProperty();
    }

    /** Empty for an open conversation, else status-closed or status-archived. */
    public ReadOnlyStringProperty statusBadgeStyleProperty() {
        return statusBadgeStyle.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty freeTextAllowedProperty() {
        return freeTextAllowed.getReadOnlyProperty();
    }

    public boolean isFreeTextAllowed() {
        return freeTextAllowed.get();
    }

    public ReadOnlyBooleanProperty templateAllowedProperty() {
        return templateAllowed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    /** What the agent is typing. */
    public StringProperty draftProperty() {
        return draft;
    }

    /** Why the last send or retry was refused; empty when there is nothing to say. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Milliseconds from opening the last conversation to its newest page on screen; -1 while loading (the benchmark reads it). */
    public ReadOnlyLongProperty lastSwitchMillisProperty() {
        return lastSwitchMillis.getReadOnlyProperty();
    }
}
