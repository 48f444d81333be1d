package io.switchboard.ui;

import io.switchboard.common.ValidationException;
import io.switchboard.conversation.ConversationStatus;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.conversation.MessageCursor;
import io.switchboard.conversation.ThreadMessage;
import io.switchboard.conversation.ThreadPage;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.QueuedMessage;
import io.switchboard.message.Direction;
import io.switchboard.message.MessageStatus;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The open conversation: bubbles newest at the bottom, older pages loaded when scrolled to the
 * top, and the composer, which knows the 24-hour rule before the agent types.
 */
public class ThreadController {
    static final int PAGE = 50;
    private static final Comparator<ThreadMessage> CHRONOLOGICAL = Comparator.comparing(ThreadMessage::createdAt)
            .thenComparing(ThreadMessage::id, ThreadController::compareLikePostgres);

    @FXML private BorderPane threadPane;
    @FXML private VBox emptyState;
    @FXML private StackPane avatar;
    @FXML private Label avatarText;
    @FXML private Label title;
    @FXML private Label subtitle;
    @FXML private Label windowBadge;
    @FXML private Label statusBadge;
    @FXML private ListView<ThreadItem> messages;
    @FXML private HBox windowNotice;
    @FXML private Label windowNoticeText;
    @FXML private Button noticeTemplateButton;
    @FXML private MenuButton attachButton;
    @FXML private Button templateButton;
    @FXML private TextArea input;
    @FXML private Button sendButton;
    @FXML private Label composerError;

    private final ObservableList<ThreadItem> items = FXCollections.observableArrayList();
    /** Loaded messages by id, plus bubbles shown before the outbox answered (temporary ids). */
    private final Map<UUID, ThreadMessage> loaded = new HashMap<>();
    private final Map<UUID, ThreadMessage> pending = new LinkedHashMap<>();
    private InboxSession session;
    private Runnable onActivity = () -> { };
    private ConversationSummary current;
    private MessageCursor older;
    private boolean loadingOlder;
    /** False while a scroll to the newest message is still settling: the top rows may be drawn on the way. */
    private boolean settled = true;
    /** True while the reader is at the newest message: new messages then keep the view at the bottom. */
    private boolean followNewest = true;
    private boolean watchingTop;
    private boolean topRequested;
    private final javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(javafx.util.Duration.millis(250));
    private long generation;
    private long openedAtNanos;
    private volatile long lastSwitchMillis = -1;

    @FXML
    private void initialize() {
        messages.setItems(items);
        settle.setOnFinished(e -> {
            settled = true;
            // The reader reached the top while rows were still settling: honour it now if they are still there.
            if (topRequested && atTop()) {
                loadOlder();
            }
        });
        messages.setFocusTraversable(false);
        messages.setCellFactory(list -> new BubbleCell(list.widthProperty().multiply(0.66), this::retry, () -> session.clock.get()));
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);
        input.textProperty().addListener((obs, old, text) -> hideError());
    }

    void init(InboxSession session, Runnable onActivity) {
        this.session = session;
        this.onActivity = onActivity;
    }

    ConversationSummary current() {
        return current;
    }

    /** Milliseconds from the click to the newest page on screen, for the last conversation opened. */
    long lastSwitchMillis() {
        return lastSwitchMillis;
    }

    /** Opens a conversation at its newest message and marks it read. */
    void show(ConversationSummary conversation) {
        openedAtNanos = System.nanoTime();
        lastSwitchMillis = -1;
        long mine = ++generation;
        boolean same = current != null && current.id().equals(conversation.id());
        current = conversation;
        header(conversation);
        composerState();
        if (!same) {
            followNewest = true;
            topRequested = false;
            loaded.clear();
            pending.clear();
            items.clear();
            older = null;
            input.clear();
            hideError();
        }
        emptyState.setVisible(false);
        threadPane.setVisible(true);
        UUID tenant = session.tenantId();
        session.background.now(() -> session.services().conversations().thread(tenant, conversation.id(), null, PAGE), page -> {
            if (mine != generation) {
                return;
            }
            older = page.older();
            merge(page.items(), true);
            Platform.runLater(() -> lastSwitchMillis = (System.nanoTime() - openedAtNanos) / 1_000_000);
            if (conversation.unread() > 0 || conversation.lastReadAt() == null) {
                session.background.run(() -> {
                    session.services().conversations().markRead(tenant, conversation.id());
                    return null;
                }, done -> onActivity.run(), failure -> session.report("Could not mark as read: " + InboxSession.explain(failure)));
            }
        }, failure -> session.report("Could not load the conversation: " + InboxSession.explain(failure)));
    }

    void clear() {
        generation++;
        current = null;
        loaded.clear();
        pending.clear();
        items.clear();
        threadPane.setVisible(false);
        emptyState.setVisible(true);
    }

    /** After a change notification: newest messages and statuses, and the conversation's own state. */
    void refresh() {
        if (current == null) {
            return;
        }
        long mine = generation;
        UUID tenant = session.tenantId();
        UUID id = current.id();
        int size = Math.max(PAGE, Math.min(loaded.size(), 200));
        session.background.run(() -> new Refreshed(session.services().conversations().thread(tenant, id, null, size),
                session.services().conversations().get(tenant, id)), r -> {
            if (mine != generation) {
                return;
            }
            r.summary().ifPresent(s -> {
                current = s;
                header(s);
                composerState();
            });
            merge(r.page().items(), false);
            if (current.unread() > 0 && messagesWindowFocused()) {
                session.background.run(() -> {
                    session.services().conversations().markRead(tenant, id);
                    return null;
                }, done -> onActivity.run(), failure -> { });
            }
        }, failure -> session.report("Could not refresh the conversation: " + InboxSession.explain(failure)));
    }

    private record Refreshed(ThreadPage page, Optional<ConversationSummary> summary) {
    }

    private boolean messagesWindowFocused() {
        return messages.getScene() != null && messages.getScene().getWindow() != null && messages.getScene().getWindow().isFocused();
    }

    /** Re-evaluates the 24-hour window (it can close while the conversation is open). */
    void tick() {
        if (current != null) {
            header(current);
            composerState();
        }
    }

    void focusComposer() {
        if (!input.isDisabled()) {
            input.requestFocus();
        }
    }

    private void header(ConversationSummary c) {
        Avatars.show(avatar, avatarText, c.contactName() == null || c.contactName().isBlank() ? null : c.contactName(), c.contactId());
        title.setText(c.title());
        subtitle.setText((c.contactName() == null || c.contactName().isBlank() ? "" : c.phone() + " · ") + (c.channel() == null ? "whatsapp" : c.channel())
                + (c.lastInboundAt() == null ? " · has not written yet" : " · last wrote " + TimeLabels.relative(c.lastInboundAt(), session.clock.get())
                + (TimeLabels.relative(c.lastInboundAt(), session.clock.get()).endsWith("min") ? " ago" : "")));
        Optional<Duration> left = c.windowLeft(session.clock.get());
        windowBadge.getStyleClass().removeAll("window-open", "window-closing", "window-closed");
        if (left.isPresent()) {
            windowBadge.setText("Reply window: " + TimeLabels.left(left.get()));
            windowBadge.getStyleClass().add(left.get().toHours() < 4 ? "window-closing" : "window-open");
        } else {
            windowBadge.setText("Template only");
            windowBadge.getStyleClass().add("window-closed");
        }
        statusBadge.setText(c.status().code());
        statusBadge.getStyleClass().removeAll("status-closed", "status-archived");
        if (c.status() != ConversationStatus.OPEN) {
            statusBadge.getStyleClass().add("status-" + c.status().code());
        }
    }

    private void composerState() {
        boolean archived = current.status() == ConversationStatus.ARCHIVED;
        boolean windowOpen = current.windowLeft(session.clock.get()).isPresent();
        boolean freeText = !archived && windowOpen;
        input.setDisable(!freeText);
        sendButton.setDisable(!freeText);
        attachButton.setDisable(!freeText);
        templateButton.setDisable(archived);
        boolean notice = !freeText;
        windowNotice.setVisible(notice);
        windowNotice.setManaged(notice);
        noticeTemplateButton.setVisible(!archived);
        noticeTemplateButton.setManaged(!archived);
        if (archived) {
            windowNoticeText.setText("This conversation is archived. Reopen it in the contact panel to reply.");
            input.setPromptText("Archived");
        } else if (!windowOpen) {
            windowNoticeText.setText(current.lastInboundAt() == null
                    ? "Free text is off: this customer has never written to you, so WhatsApp only allows an approved template."
                    : "Free text is off: the customer last wrote more than 24 hours ago, so WhatsApp only allows an approved template until they write again.");
            input.setPromptText("Only a template can be sent now");
        } else {
            input.setPromptText("Type a reply — Enter sends, Shift+Enter adds a line");
        }
    }

    private void composerKey(KeyEvent e) {
        if (e.getCode() != KeyCode.ENTER) {
            return;
        }
        e.consume();
        if (e.isShiftDown()) {
            input.insertText(input.getCaretPosition(), "\n");
        } else {
            send();
        }
    }

    @FXML
    void send() {
        if (current == null || input.isDisabled()) {
            return;
        }
        String text = input.getText();
        if (text == null || text.isBlank()) {
            return;
        }
        OutboundContent content;
        try {
            content = OutboundContent.text(text.strip());
        } catch (ValidationException e) {
            showError(e.getMessage());
            return;
        }
        input.clear();
        queue(content, () -> input.setText(text));
    }

    /** Shows the message at once as queued, then asks the outbox; a refusal takes the bubble back and says why. */
    private void queue(OutboundContent content, Runnable undo) {
        UUID tenant = session.tenantId();
        UUID conversation = current.id();
        UUID temp = UUID.randomUUID();
        ThreadMessage shown = new ThreadMessage(temp, Direction.OUTBOUND, content.type(), content.type().code(), content.content(),
                content.metadata() == null ? Map.of() : content.metadata(), MessageStatus.QUEUED, session.clock.get(),
                null, null, null, null, null, null, null);
        pending.put(temp, shown);
        rebuild(true);
        long mine = generation;
        session.background.run(() -> session.services().outbox().queue(tenant, conversation, content), (QueuedMessage queued) -> {
            ThreadMessage was = pending.remove(temp);
            if (mine == generation && was != null && !loaded.containsKey(queued.messageId())) {
                loaded.put(queued.messageId(), withId(was, queued.messageId()));
            }
            rebuild(true);
            onActivity.run();
        }, failure -> {
            pending.remove(temp);
            rebuild(false);
            undo.run();
            showError(InboxSession.explain(failure));
        });
    }

    private static ThreadMessage withId(ThreadMessage m, UUID id) {
        return new ThreadMessage(id, m.direction(), m.type(), m.contentType(), m.content(), m.metadata(), m.status(), m.createdAt(),
                m.sentAt(), m.deliveredAt(), m.readAt(), m.failedAt(), m.errorCode(), m.errorTitle(), m.errorDetail());
    }

    private void retry(ThreadMessage failed) {
        UUID tenant = session.tenantId();
        session.background.run(() -> session.services().outbox().retry(tenant, failed.id()), queued -> {
            session.report("Queued a new attempt");
            refresh();
            onActivity.run();
        }, failure -> showError("Retry refused: " + InboxSession.explain(failure)));
    }

    void pickTemplateForTools() {
        pickTemplate();
    }

    @FXML
    private void pickTemplate() {
        if (current == null) {
            return;
        }
        TemplatePickerController.open(session, current, content -> queue(content, () -> { }));
    }

    @FXML
    private void attachImage() {
        attach(true);
    }

    @FXML
    private void attachDocument() {
        attach(false);
    }

    private void attach(boolean image) {
        if (current == null) {
            return;
        }
        AttachController.open(session, image, content -> queue(content, () -> { }));
    }

    private void merge(List<ThreadMessage> fetched, boolean opening) {
        for (ThreadMessage m : fetched) {
            loaded.put(m.id(), m);
        }
        rebuild(opening);
    }

    /** Rebuilds the rows (day separators between days), keeping the reader where they were or at the bottom. */
    private void rebuild(boolean toBottom) {
        boolean atBottom = toBottom || followNewest;
        List<ThreadMessage> all = new ArrayList<>(loaded.values());
        all.sort(CHRONOLOGICAL);
        all.addAll(pending.values());
        List<ThreadItem> rows = new ArrayList<>(all.size() + 8);
        LocalDate day = null;
        for (ThreadMessage m : all) {
            LocalDate d = TimeLabels.day(m.createdAt());
            if (!d.equals(day)) {
                rows.add(new ThreadItem.Day(d));
                day = d;
            }
            rows.add(new ThreadItem.Bubble(m, pending.containsKey(m.id())));
        }
        if (rows.equals(items)) {
            // A refresh that changed nothing must not move the reader.
            return;
        }
        // Anchor on the first visible message (day separators repeat across pages, messages do not).
        ThreadItem anchor = null;
        for (int i = Math.max(0, firstVisibleIndex()); i < items.size(); i++) {
            if (items.get(i) instanceof ThreadItem.Bubble) {
                anchor = items.get(i);
                break;
            }
        }
        // Replacing the rows redraws the top cell before the scroll below lands; do not take that for the reader reaching the top.
        settled = false;
        settle.playFromStart();
        items.setAll(rows);
        if (!watchingTop) {
            // The list's flow exists once it has been shown; attach to it the first time there is something to show.
            Platform.runLater(this::watchTop);
        }
        if (atBottom) {
            // Cells have different heights; the flow only knows them after a layout pass, so scroll again after it.
            int last = Math.max(0, rows.size() - 1);
            messages.scrollTo(last);
            Platform.runLater(() -> {
                messages.scrollTo(Math.max(0, items.size() - 1));
                Platform.runLater(() -> messages.scrollTo(Math.max(0, items.size() - 1)));
            });
        } else if (anchor != null) {
            int index = indexOf(rows, anchor);
            if (index >= 0) {
                messages.scrollTo(index);
                Platform.runLater(() -> messages.scrollTo(index));
            }
        }
    }

    private static int indexOf(List<ThreadItem> rows, ThreadItem anchor) {
        for (int i = 0; i < rows.size(); i++) {
            ThreadItem r = rows.get(i);
            if (r instanceof ThreadItem.Bubble b && anchor instanceof ThreadItem.Bubble a && b.message().id().equals(a.message().id())) {
                return i;
            }
        }
        return -1;
    }

    private void loadOlder() {
        if (older == null || loadingOlder || current == null || !settled) {
            return;
        }
        // Reading history: new rows must not pull the view back down.
        followNewest = false;
        topRequested = false;
        loadingOlder = true;
        long mine = generation;
        UUID tenant = session.tenantId();
        UUID id = current.id();
        MessageCursor cursor = older;
        session.background.now(() -> session.services().conversations().thread(tenant, id, cursor, PAGE), page -> {
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

    private javafx.scene.control.skin.VirtualFlow<?> flow() {
        return messages.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> f ? f : null;
    }

    /** Loads older messages when the reader scrolls to the top of the thread. */
    private void watchTop() {
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        if (flow != null && !watchingTop) {
            watchingTop = true;
            flow.positionProperty().addListener((obs, old, position) -> {
                if (settled) {
                    // Only the reader's own scrolling decides whether the view follows new messages.
                    followNewest = position.doubleValue() >= 0.999;
                }
                if (position.doubleValue() <= 0 && old.doubleValue() > 0) {
                    topRequested = true;
                    loadOlder();
                }
            });
        }
    }

    private boolean atTop() {
        javafx.scene.control.skin.VirtualFlow<?> flow = flow();
        return flow != null && flow.getPosition() <= 0 && items.size() > 0 && firstVisibleIndex() == 0;
    }

    private int firstVisibleIndex() {
        int first = -1;
        for (Node n : messages.lookupAll(".list-cell")) {
            if (n instanceof BubbleCell cell && cell.isVisible() && cell.getItem() != null && cell.getLayoutY() + cell.getHeight() > 0
                    && (first < 0 || cell.getIndex() < first)) {
                first = cell.getIndex();
            }
        }
        return first;
    }

    private void showError(String message) {
        composerError.setText(message);
        composerError.setVisible(true);
        composerError.setManaged(true);
    }

    private void hideError() {
        composerError.setVisible(false);
        composerError.setManaged(false);
    }

    /** PostgreSQL orders uuids by their bytes, unsigned; Java's compareTo is signed. Ties in time break the same way. */
    static int compareLikePostgres(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    Consumer<ConversationSummary> updater() {
        return s -> {
            if (current != null && current.id().equals(s.id())) {
                current = s;
                header(s);
                composerState();
            }
        };
    }
}
