package io.switchboard.ui;

import atlantafx.base.controls.CustomTextField;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The left column of the inbox: search, filter chips, the paged conversation list and which row
 * is selected. It exists so the window controller only hears "open this conversation" and never
 * deals with paging, debouncing or keeping the selection on the open thread as rows reload.
 */
final class ConversationList {
    private final CustomTextField search = new CustomTextField();
    private final ToggleGroup filterGroup = new ToggleGroup();
    private final PauseTransition searchDebounce = new PauseTransition(javafx.util.Duration.millis(220));
    private final ListView<ConversationSummary> list;
    private final Label footer;
    private final Consumer<ConversationSummary> open;
    private ConversationFeed feed;
    private Supplier<ConversationSummary> current = () -> null;
    private Supplier<Instant> clock;
    private boolean suppressSelection;
    private boolean listWatched;

    /**
     * Builds the search field and chips into the FXML containers; {@code open} is called when the
     * agent selects a row (not when the list re-selects the open conversation after a reload).
     */
    ConversationList(HBox searchBox, HBox chips, ListView<ConversationSummary> list, Label footer, Consumer<ConversationSummary> open) {
        this.list = list;
        this.footer = footer;
        this.open = open;
        search.setId("search");
        search.setPromptText("Search names, phones and messages");
        search.setLeft(new FontIcon("fth-search"));
        Label hint = new Label("Ctrl+K");
        hint.getStyleClass().add("shortcut-hint");
        search.setRight(hint);
        search.getStyleClass().add("search-field");
        HBox.setHgrow(search, Priority.ALWAYS);
        searchBox.getChildren().add(search);
        search.textProperty().addListener((obs, old, text) -> searchDebounce.playFromStart());
        searchDebounce.setOnFinished(e -> {
            if (feed != null) {
                query();
            }
        });
        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                list.requestFocus();
                if (list.getSelectionModel().isEmpty() && !list.getItems().isEmpty()) {
                    list.getSelectionModel().selectFirst();
                }
                e.consume();
            }
        });

        for (ConversationFilter f : ConversationFilter.values()) {
            ToggleButton chip = new ToggleButton(f.label());
            chip.setId("filter-" + f.name().toLowerCase());
            chip.getStyleClass().add("chip");
            chip.setUserData(f);
            chip.setToggleGroup(filterGroup);
            chip.setFocusTraversable(false);
            chips.getChildren().add(chip);
            if (f == ConversationFilter.ALL) {
                chip.setSelected(true);
            }
        }
        filterGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
                return;
            }
            if (feed != null) {
                query();
            }
        });

        list.setCellFactory(view -> new ConversationCell(() -> clock.get()));
        list.setPlaceholder(new Label("No conversations"));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) -> {
            if (!suppressSelection && selected != null) {
                open.accept(selected);
            }
        });
        list.skinProperty().addListener((obs, old, skin) -> Platform.runLater(this::watchListEnd));
    }

    /** Connects the list to its rows once the session exists; {@code current} is the conversation the thread shows. */
    void attach(ConversationFeed feed, Supplier<Instant> clock, Supplier<ConversationSummary> current) {
        this.feed = feed;
        this.clock = clock;
        this.current = current;
        list.setItems(feed.rows);
    }

    TextField searchField() {
        return search;
    }

    /** Loads the first page again for the chosen filter and search text. */
    void query() {
        feed.query(filter(), search.getText());
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Redraws the rows, so relative times move on. */
    void redraw() {
        list.refresh();
    }

    /** Selects {@code c} if it is loaded, otherwise opens it without a row (e.g. from the contact panel). */
    void reveal(ConversationSummary c) {
        int index = indexOf(c.id());
        if (index >= 0) {
            list.getSelectionModel().select(index);
            list.scrollTo(index);
        } else {
            open.accept(c);
        }
    }

    /** The rows were reloaded: keep the open conversation selected without reopening it, and update the footer. */
    void rowsChanged() {
        if (!listWatched) {
            watchListEnd();
        }
        ConversationSummary opened = current.get();
        if (opened != null) {
            int index = indexOf(opened.id());
            suppressSelection = true;
            try {
                if (index >= 0) {
                    list.getSelectionModel().select(index);
                } else {
                    list.getSelectionModel().clearSelection();
                }
            } finally {
                suppressSelection = false;
            }
        }
        int n = feed.rows.size();
        footer.setText(n == 0 ? "" : feed.hasMore() ? n + " loaded · scroll for more" : n + (n == 1 ? " conversation" : " conversations"));
    }

    /** Alt+Up / Alt+Down: the previous or next row, loading more near the end. */
    void move(int delta) {
        int size = list.getItems().size();
        if (size == 0) {
            return;
        }
        int now = list.getSelectionModel().getSelectedIndex();
        int next = now < 0 ? 0 : Math.max(0, Math.min(size - 1, now + delta));
        list.getSelectionModel().select(next);
        list.scrollTo(Math.max(0, next - 3));
        if (next >= size - 5) {
            feed.loadMore();
        }
    }

    /** Opens the conversation at {@code index}, as a click would. */
    void select(int index) {
        list.getSelectionModel().select(index);
        list.scrollTo(Math.max(0, index - 2));
    }

    int count() {
        return feed == null ? 0 : feed.rows.size();
    }

    private ConversationFilter filter() {
        return filterGroup.getSelectedToggle() == null ? ConversationFilter.ALL : (ConversationFilter) filterGroup.getSelectedToggle().getUserData();
    }

    private int indexOf(UUID id) {
        List<ConversationSummary> rows = feed.rows;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** More rows when the agent scrolls near the end of what is loaded. */
    private void watchListEnd() {
        if (!listWatched && list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            listWatched = true;
            flow.positionProperty().addListener((obs, old, position) -> {
                if (position.doubleValue() >= 0.85) {
                    feed.loadMore();
                }
            });
        }
    }
}
