package io.switchboard.ui.thread;

import io.switchboard.conversation.ConversationSummary;
import io.switchboard.ui.common.Avatars;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Shows a {@link ThreadViewModel}: header, bubbles newest at the bottom, the composer. What it
 * keeps itself is where the reader is: the view stays at the newest message or on the message the
 * reader was looking at when rows change, and reaching the top asks the model for older ones.
 */
public class ThreadView {
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

    /** Replacing the rows redraws the top cell before the scroll lands; that is not the reader reaching the top. */
    private final PauseTransition settle = new PauseTransition(Duration.millis(250));
    private boolean settled = true;
    private boolean watchingTop;
    private boolean topRequested;
    private ThreadViewModel model;

    @FXML
    private void initialize() {
        messages.setFocusTraversable(false);
        threadPane.setVisible(false);
        settle.setOnFinished(e -> {
            settled = true;
            // The reader reached the top while rows were still settling: honour it now if they are still there.
            if (topRequested && atTop()) {
                topRequested = false;
                model.loadOlder();
            }
        });
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);
        HeaderFit.install(title);
    }

    public void bind(ThreadViewModel vm, Supplier<Instant> clock) {
        this.model = vm;
        messages.setCellFactory(list -> new BubbleCell(list.widthProperty().multiply(0.66), vm::retry, clock, vm.media()));
        if (vm.media() != null) {
            io.switchboard.ui.media.MediaDrop.install(messages, input, vm.media());
            io.switchboard.ui.media.MediaDrop.showUsageIn(attachButton, vm.media());
        }
        messages.setItems(vm.rows());
        vm.rows().addListener(this::rowsChanged);
        threadPane.visibleProperty().bind(vm.conversationProperty().isNotNull());
        emptyState.visibleProperty().bind(vm.conversationProperty().isNull());
        vm.conversationProperty().addListener((obs, old, c) -> {
            if (c != null) {
                Avatars.show(avatar, avatarText, c.contactName() == null || c.contactName().isBlank() ? null : c.contactName(), c.contactId());
            }
            if (c == null || old == null || !old.id().equals(c.id())) {
                topRequested = false;
            }
        });
        title.textProperty().bind(vm.titleProperty());
        subtitle.textProperty().bind(vm.subtitleProperty());
        windowBadge.textProperty().bind(vm.windowBadgeProperty());
        styleFrom(windowBadge, vm.windowBadgeStyleProperty());
        statusBadge.textProperty().bind(vm.statusBadgeProperty());
        styleFrom(statusBadge, vm.statusBadgeStyleProperty());

        input.textProperty().bindBidirectional(vm.draftProperty());
        input.promptTextProperty().bind(vm.promptProperty());
        for (Node n : List.of(input, sendButton, attachButton)) {
            n.disableProperty().bind(vm.freeTextAllowedProperty().not());
        }
        templateButton.disableProperty().bind(vm.templateAllowedProperty().not());
        windowNotice.visibleProperty().bind(vm.freeTextAllowedProperty().not());
        windowNotice.managedProperty().bind(vm.freeTextAllowedProperty().not());
        noticeTemplateButton.visibleProperty().bind(vm.templateAllowedProperty());
        noticeTemplateButton.managedProperty().bind(vm.templateAllowedProperty());
        windowNoticeText.textProperty().bind(vm.noticeProperty());
        composerError.textProperty().bind(vm.errorProperty());
        composerError.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        composerError.managedProperty().bind(vm.errorProperty().isNotEmpty());
    }

    /** Keeps one style class on {@code label} in step with {@code style} (empty: none). */
    private static void styleFrom(Label label, ReadOnlyStringProperty style) {
        style.addListener((obs, old, now) -> {
            label.getStyleClass().remove(old);
            if (!now.isEmpty()) {
                label.getStyleClass().add(now);
            }
        });
    }

    /** Puts the cursor in the composer when free text may be sent; true if it did. */
    public boolean focusComposer() {
        if (model == null || model.conversation() == null || !model.isFreeTextAllowed()) {
            return false;
        }
        input.requestFocus();
        input.positionCaret(input.getLength());
        return true;
    }

    /** What the agent typed elsewhere (the list had focus) lands in the composer. */
    public void typeIntoComposer(String typed) {
        if (focusComposer()) {
            input.insertText(input.getCaretPosition(), typed);
        }
    }

    /** After a change notification; marks read only while the agent looks at the window. */
    public void refresh() {
        if (model != null) {
            boolean focused = messages.getScene() != null && messages.getScene().getWindow() != null && messages.getScene().getWindow().isFocused();
            model.refresh(focused);
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
            model.send();
        }
    }

    @FXML
    private void send() {
        model.send();
    }

    @FXML
    private void pickTemplate() {
        ConversationSummary c = model.conversation();
        if (c != null) {
            TemplatePickerView.open(input.getScene().getWindow(), "Send a template to " + c.title(), model.templatePicker());
        }
    }

    @FXML
    private void attachImage() {
        AttachView.open(input.getScene().getWindow(), model.attachment(true));
    }

    @FXML
    private void attachFile() {
        if (model.media() != null) {
            io.switchboard.ui.media.MediaDrop.choose(input.getScene().getWindow(), model.media());
        }
    }

    @FXML
    private void attachDocument() {
        AttachView.open(input.getScene().getWindow(), model.attachment(false));
    }

    /** The model replaced the rows: scroll to the newest, or back to the message the reader was looking at. */
    private void rowsChanged(ListChangeListener.Change<? extends ThreadItem> change) {
        List<ThreadItem> before = new ArrayList<>();
        while (change.next()) {
            before.addAll(change.getRemoved());
        }
        List<? extends ThreadItem> rows = change.getList();
        if (rows.isEmpty()) {
            return;
        }
        // Anchor on the first visible message (day separators repeat across pages, messages do not).
        ThreadItem.Bubble anchor = null;
        for (int i = Math.max(0, firstVisibleIndex()); i < before.size() && anchor == null; i++) {
            anchor = before.get(i) instanceof ThreadItem.Bubble b ? b : null;
        }
        settled = false;
        settle.playFromStart();
        if (!watchingTop) {
            // The list's flow exists once it has been shown; attach to it the first time there is something to show.
            Platform.runLater(this::watchTop);
        }
        if (model.scrollToNewest()) {
            // Cells have different heights; the flow only knows them after a layout pass, so scroll again after it.
            messages.scrollTo(rows.size() - 1);
            Platform.runLater(() -> {
                messages.scrollTo(Math.max(0, messages.getItems().size() - 1));
                Platform.runLater(() -> messages.scrollTo(Math.max(0, messages.getItems().size() - 1)));
            });
        } else if (anchor != null) {
            int index = indexOf(rows, anchor);
            if (index >= 0) {
                messages.scrollTo(index);
                Platform.runLater(() -> messages.scrollTo(index));
            }
        }
    }

    private static int indexOf(List<? extends ThreadItem> rows, ThreadItem.Bubble anchor) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) instanceof ThreadItem.Bubble b && b.message().id().equals(anchor.message().id())) {
                return i;
            }
        }
        return -1;
    }

    private VirtualFlow<?> flow() {
        return messages.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
    }

    /** Older messages load when the reader scrolls to the top of the thread. */
    private void watchTop() {
        VirtualFlow<?> flow = flow();
        if (flow != null && !watchingTop) {
            watchingTop = true;
            flow.positionProperty().addListener((obs, old, position) -> {
                if (settled) {
                    model.readerAtNewest(position.doubleValue() >= 0.999);
                }
                if (position.doubleValue() <= 0 && old.doubleValue() > 0) {
                    topRequested = !settled;
                    if (settled) {
                        model.loadOlder();
                    }
                }
            });
        }
    }

    private boolean atTop() {
        VirtualFlow<?> flow = flow();
        return flow != null && flow.getPosition() <= 0 && !messages.getItems().isEmpty() && firstVisibleIndex() == 0;
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
}
