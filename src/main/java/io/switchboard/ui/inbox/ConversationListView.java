package io.switchboard.ui.inbox;

import atlantafx.base.controls.CustomTextField;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationSummary;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows a {@link ConversationListViewModel} in the inbox's left column: the search field (in the
 * top bar), the filter chips, the rows and their footer. A selected row is opened; the model
 * decides what is loaded, this class only waits for a pause in typing and for the end of the list.
 */
final class ConversationListView {
    private final CustomTextField search = new CustomTextField();
    private final ToggleGroup filterGroup = new ToggleGroup();
    private final PauseTransition searchDebounce = new PauseTransition(javafx.util.Duration.millis(220));
    private final ListView<ConversationSummary> list;
    private final Label footer;
    private final Runnable afterOpen;
    private ConversationListViewModel model;
    private boolean suppressSelection;
    private boolean listWatched;
    /** Another agent typing in or just answering a conversation (the team's presence); nothing by default. */
    private java.util.function.Function<java.util.UUID, String> activity = id -> null;

    /** {@code afterOpen} runs when the agent opened a row to answer it (Enter in the search field): the composer takes the cursor. */
    ConversationListView(HBox searchBox, HBox chips, ListView<ConversationSummary> list, Label footer, Runnable afterOpen) {
        this.afterOpen = afterOpen;
        this.list = list;
        this.footer = footer;
        search.setId("search");
        search.setPromptText("Search names, phones and messages");
        search.setLeft(new FontIcon("fth-search"));
        Label hint = new Label("Ctrl+K");
        hint.getStyleClass().add("shortcut-hint");
        search.setRight(hint);
        search.getStyleClass().add("search-field");
        HBox.setHgrow(search, Priority.ALWAYS);
        searchBox.getChildren().add(search);
        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                list.requestFocus();
                if (list.getSelectionModel().isEmpty() && !list.getItems().isEmpty()) {
                    list.getSelectionModel().selectFirst();
                }
                if (e.getCode() == KeyCode.ENTER && !list.getSelectionModel().isEmpty()) {
                    // Enter opens the conversation to answer it; Down only walks into the list.
                    afterOpen.run();
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
            chip.setSelected(f == ConversationFilter.ALL);
        }
        filterGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else if (model != null) {
                model.filterProperty().set((ConversationFilter) now.getUserData());
            }
        });
        list.setPlaceholder(new Label("No conversations"));
        list.getSelectionModel().selectedIndexProperty().addListener((obs, old, index) -> {
            if (!suppressSelection && model != null && index.intValue() >= 0) {
                model.select(index.intValue());
            }
        });
        list.skinProperty().addListener((obs, old, skin) -> Platform.runLater(this::watchListEnd));
    }

    void bind(ConversationListViewModel vm, Supplier<Instant> clock) {
        this.model = vm;
        list.setCellFactory(view -> new ConversationCell(clock, id -> activity.apply(id)));
        list.setItems(vm.rows());
        footer.textProperty().bind(vm.footerProperty());
        vm.searchProperty().bind(search.textProperty());
        search.textProperty().addListener((obs, old, text) -> searchDebounce.playFromStart());
        searchDebounce.setOnFinished(e -> vm.reload());
        vm.selectedIndexProperty().addListener((obs, old, row) -> showSelection());
        vm.rows().addListener((javafx.collections.ListChangeListener<ConversationSummary>) c -> showSelection());
    }

    /** Shows the model's selection; after a reload that keeps the open conversation's row selected without reopening it. */
    private void showSelection() {
        if (!listWatched) {
            watchListEnd();
        }
        int index = model.selectedIndexProperty().get();
        if (index == list.getSelectionModel().getSelectedIndex()) {
            return;
        }
        suppressSelection = true;
        try {
            if (index >= 0) {
                list.getSelectionModel().select(index);
            } else if (!list.getSelectionModel().isEmpty()) {
                list.getSelectionModel().clearSelection();
            }
        } finally {
            suppressSelection = false;
        }
    }

    TextField searchField() {
        return search;
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Shows under each row who else is typing in it or just answered it; redraws the rows. */
    void showActivity(java.util.function.Function<java.util.UUID, String> hints) {
        this.activity = hints;
        list.refresh();
    }

    /** Redraws the rows, so relative times move on. */
    void redraw() {
        list.refresh();
    }

    /** Alt+Up / Alt+Down: the previous or next row. */
    void move(int delta) {
        model.move(delta);
        list.scrollTo(Math.max(0, model.selectedIndexProperty().get() - 3));
    }

    /** More rows when the agent scrolls near the end of what is loaded. */
    private void watchListEnd() {
        if (!listWatched && model != null && list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            listWatched = true;
            flow.positionProperty().addListener((obs, old, position) -> {
                if (position.doubleValue() >= 0.85) {
                    model.loadMore();
                }
            });
        }
    }
}
