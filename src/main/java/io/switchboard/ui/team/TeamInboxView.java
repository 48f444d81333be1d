package io.switchboard.ui.team;

import io.switchboard.conversation.ConversationScope.Assignee;
import io.switchboard.db.Notifications.Kind;
import io.switchboard.team.AgentView;
import io.switchboard.team.Label;
import io.switchboard.team.Mention;
import io.switchboard.ui.common.TimeLabels;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Puts the team inbox into the inbox window without rebuilding it: Mine / Unassigned / All and a label
 * filter under the status chips, the assignee and labels in the thread header, a private-note field and
 * "/" completion at the composer, who is online and the mentions badge in the status bar, a Team menu
 * for the settings, its keyboard shortcuts (also listed under F1), and the warning before answering a
 * conversation another agent is answering. Every rule lives in {@link TeamViewModel}'s parts.
 */
public final class TeamInboxView implements AutoCloseable {
    static final String[][] SHORTCUTS = {
        {"Ctrl+Shift+M", "Assign the open conversation to me"},
        {"Ctrl+Shift+U", "Unassign the open conversation"},
        {"Ctrl+Shift+A", "Assign the open conversation to…"},
        {"Alt+1 / Alt+2 / Alt+3", "Mine / Unassigned / All"},
        {"/shortcut, Tab", "Insert a canned reply"},
    };

    private final TeamViewModel model;
    private final Stage stage;
    private final Timeline ticker;
    private final ToggleGroup scopeGroup = new ToggleGroup();
    private MenuButton assigneeButton;
    private boolean warned;

    private TeamInboxView(Stage stage, TeamViewModel model) {
        this.stage = stage;
        this.model = model;
        this.ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(5), e -> model.presence().tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
    }

    /**
     * Installs into the window's scene. {@code showActivity} hands the list a source for its "typing / just
     * answered" line and redraws it.
     */
    public static TeamInboxView install(Stage stage, TeamViewModel model, Consumer<Function<UUID, String>> showActivity) {
        TeamInboxView view = new TeamInboxView(stage, model);
        Scene scene = stage.getScene();
        scene.getStylesheets().add(Objects.requireNonNull(TeamInboxView.class.getResource("/styles/team.css")).toExternalForm());
        view.scopeBar((Pane) scene.lookup("#chips"));
        view.header((HBox) scene.lookup(".thread-header"));
        view.composer((TextArea) scene.lookup("#input"), (Button) scene.lookup("#sendButton"));
        view.statusBar((HBox) scene.lookup(".status-bar"));
        view.teamMenu((HBox) scene.lookup(".inbox-top"));
        view.shortcuts(scene, (GridPane) scene.lookup("#shortcutGrid"));
        view.listMenu((ListView<?>) scene.lookup("#conversationList"));
        model.presence().activityVersionProperty().addListener((obs, old, v) -> showActivity.accept(model.presence()::hintFor));
        showActivity.accept(model.presence()::hintFor);
        view.ticker.play();
        return view;
    }

    /** Live changes for the chosen tenant. */
    public void changed(Set<Kind> kinds) {
        model.changed(kinds);
    }

    /** Live updates came back after a loss: everything again. */
    public void reload() {
        model.reload();
    }

    private void scopeBar(Pane chips) {
        HBox bar = new HBox(6);
        bar.getStyleClass().addAll("chips", "team-scope");
        for (Assignee a : Assignee.values()) {
            ToggleButton chip = new ToggleButton();
            chip.setId("scope-" + a.name().toLowerCase());
            chip.getStyleClass().addAll("chip", "scope-chip");
            chip.setUserData(a);
            chip.setToggleGroup(scopeGroup);
            chip.setFocusTraversable(false);
            chip.setMinWidth(Region.USE_PREF_SIZE);
            chip.setSelected(a == model.scopeBar().assigneeProperty().get());
            chip.setText(model.scopeBar().chipText(a));
            model.scopeBar().countsProperty().addListener((obs, old, c) -> chip.setText(model.scopeBar().chipText(a)));
            bar.getChildren().add(chip);
        }
        scopeGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                model.scopeBar().assigneeProperty().set((Assignee) now.getUserData());
            }
        });
        model.scopeBar().assigneeProperty().addListener((obs, old, a) -> scopeGroup.getToggles().stream()
                .filter(t -> t.getUserData() == a).findFirst().ifPresent(t -> t.setSelected(true)));
        ComboBox<Label> labelFilter = new ComboBox<>();
        labelFilter.setId("label-filter");
        labelFilter.getStyleClass().add("label-filter");
        labelFilter.setPromptText("Any label");
        labelFilter.setFocusTraversable(false);
        labelFilter.setCellFactory(l -> new LabelCell());
        labelFilter.setButtonCell(new LabelCell());
        Runnable fill = () -> {
            Label chosen = model.scopeBar().labelProperty().get();
            labelFilter.getItems().setAll(model.scopeBar().labels());
            labelFilter.getItems().add(0, null);
            labelFilter.setValue(chosen);
        };
        model.scopeBar().labels().addListener((javafx.collections.ListChangeListener<Label>) c -> fill.run());
        fill.run();
        labelFilter.valueProperty().addListener((obs, old, l) -> model.scopeBar().labelProperty().set(l));
        labelFilter.setPrefWidth(112);
        labelFilter.setMinWidth(70);
        Region grow = new Region();
        HBox.setHgrow(grow, javafx.scene.layout.Priority.ALWAYS);
        bar.getChildren().addAll(grow, labelFilter);
        Pane column = (Pane) chips.getParent();
        column.getChildren().add(column.getChildren().indexOf(chips) + 1, bar);
    }

    private void header(HBox header) {
        ConversationTeamViewModel h = model.header();
        HBox pills = new HBox(4);
        pills.setId("label-pills");
        pills.getStyleClass().add("label-pills");
        h.applied().addListener((javafx.collections.ListChangeListener<Label>) c -> pills.getChildren().setAll(h.applied().stream().map(TeamInboxView::pill).toList()));

        MenuButton labels = new MenuButton(null, new FontIcon("fth-tag"));
        labels.setId("labels-button");
        labels.getStyleClass().add("tool-button");
        labels.setTooltip(new Tooltip("Labels of this conversation"));
        labels.setOnShowing(e -> {
            labels.getItems().clear();
            if (h.tenantLabels().isEmpty()) {
                MenuItem none = new MenuItem("No labels yet: Team ▸ Labels… creates them");
                none.setDisable(true);
                labels.getItems().add(none);
            }
            for (Label l : h.tenantLabels()) {
                CheckMenuItem item = new CheckMenuItem(l.name(), dot(l.color()));
                item.setSelected(h.hasLabel(l));
                item.setOnAction(a -> h.toggleLabel(l));
                labels.getItems().add(item);
            }
        });
        labels.getItems().add(new MenuItem("…"));

        assigneeButton = new MenuButton();
        assigneeButton.setId("assignee-button");
        assigneeButton.getStyleClass().addAll("meta-pill", "assignee-pill");
        assigneeButton.setGraphic(new FontIcon("fth-user"));
        assigneeButton.textProperty().bind(h.assigneeTextProperty());
        assigneeButton.setMinWidth(Region.USE_PREF_SIZE);
        h.mineProperty().addListener((obs, was, mine) -> {
            assigneeButton.getStyleClass().remove("mine");
            if (mine) {
                assigneeButton.getStyleClass().add("mine");
            }
        });
        assigneeButton.setOnShowing(e -> fillAssignMenu(assigneeButton.getItems()));
        assigneeButton.getItems().add(new MenuItem("…"));
        int at = Math.max(0, header.getChildren().size() - 2);
        header.getChildren().addAll(at, java.util.List.of(labels, assigneeButton));
        // The labels go under the contact's name, so the name keeps its room.
        header.getChildren().stream().filter(n -> n instanceof VBox).map(n -> (VBox) n).findFirst()
                .ifPresentOrElse(names -> names.getChildren().add(pills), () -> header.getChildren().add(at, pills));
        pills.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(h.applied()));
        pills.managedProperty().bind(pills.visibleProperty());
    }

    private void fillAssignMenu(javafx.collections.ObservableList<MenuItem> items) {
        ConversationTeamViewModel h = model.header();
        items.clear();
        MenuItem me = new MenuItem("Assign to me  (Ctrl+Shift+M)");
        me.setId("assign-me");
        me.setOnAction(a -> h.assignToMe());
        me.setDisable(model.meProperty().get() == null || h.mineProperty().get());
        MenuItem none = new MenuItem("Unassign  (Ctrl+Shift+U)");
        none.setId("unassign");
        none.setOnAction(a -> h.unassign());
        none.setDisable(h.conversationProperty().get() == null || h.conversationProperty().get().assignedAgentId() == null);
        items.addAll(me, none, new SeparatorMenuItem());
        for (AgentView agent : h.assignable()) {
            MenuItem item = new MenuItem(agent.displayName() + (agent.online() ? "" : "  (offline)"), dot(agent.online() ? "#22c55e" : "#9ca3af"));
            item.setOnAction(a -> h.assignTo(agent));
            items.add(item);
        }
    }

    /** Right click on a row (which opens it): the same assignment actions as the header. */
    private void listMenu(ListView<?> list) {
        ContextMenu menu = new ContextMenu(new MenuItem("…"));
        menu.setOnShowing(e -> fillAssignMenu(menu.getItems()));
        list.setContextMenu(menu);
    }

    private void composer(TextArea input, Button send) {
        VBox composer = (VBox) input.getParent().getParent();
        // "/" completion: the offered replies above the composer, keys stay in the composer.
        CannedCompletionViewModel canned = model.canned();
        VBox offers = new VBox(2);
        offers.setId("canned-offers");
        offers.getStyleClass().add("completion-list");
        offers.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(canned.suggestions()));
        offers.managedProperty().bind(offers.visibleProperty());
        Runnable drawOffers = () -> {
            offers.getChildren().clear();
            for (int i = 0; i < canned.suggestions().size(); i++) {
                var r = canned.suggestions().get(i);
                javafx.scene.control.Label key = new javafx.scene.control.Label("/" + r.shortcut());
                key.getStyleClass().add("completion-key");
                javafx.scene.control.Label text = new javafx.scene.control.Label(canned.fill(r).replace('\n', ' '));
                text.getStyleClass().add("completion-text");
                HBox row = new HBox(8, key, text);
                row.getStyleClass().add("completion-row");
                if (i == canned.highlightedProperty().get()) {
                    row.getStyleClass().add("highlighted");
                }
                row.setOnMouseClicked(e -> place(input, canned.accept(r)));
                offers.getChildren().add(row);
            }
        };
        canned.suggestions().addListener((javafx.collections.ListChangeListener<Object>) c -> drawOffers.run());
        canned.highlightedProperty().addListener((obs, old, i) -> drawOffers.run());
        input.textProperty().addListener((obs, old, t) -> canned.typed(t, input.getCaretPosition()));
        input.caretPositionProperty().addListener((obs, old, c) -> canned.typed(input.getText(), c.intValue()));
        input.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                canned.dismiss();
            }
        });

        // A private note: its own field, so notes stay possible when only a template may be sent.
        NotesViewModel notes = model.notes();
        javafx.scene.control.TextField note = new javafx.scene.control.TextField();
        note.setId("note-input");
        note.getStyleClass().add("note-input");
        note.setPromptText("Private note for your team — @ mentions a teammate, Enter adds it");
        note.textProperty().bindBidirectional(notes.draftProperty());
        HBox.setHgrow(note, javafx.scene.layout.Priority.ALWAYS);
        Button add = new Button("Add note", new FontIcon("fth-lock"));
        add.setId("add-note");
        add.getStyleClass().add("note-button");
        add.setOnAction(e -> notes.add());
        add.disableProperty().bind(notes.draftProperty().isEmpty());
        HBox noteRow = new HBox(8, note, add);
        noteRow.getStyleClass().add("note-row");
        javafx.scene.control.Label noteError = new javafx.scene.control.Label();
        noteError.getStyleClass().add("composer-error");
        noteError.textProperty().bind(notes.errorProperty());
        noteError.visibleProperty().bind(notes.errorProperty().isNotEmpty());
        noteError.managedProperty().bind(noteError.visibleProperty());
        VBox mentions = new VBox(2);
        mentions.setId("mention-offers");
        mentions.getStyleClass().add("completion-list");
        mentions.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(notes.suggestions()));
        mentions.managedProperty().bind(mentions.visibleProperty());
        notes.suggestions().addListener((javafx.collections.ListChangeListener<AgentView>) c -> {
            mentions.getChildren().clear();
            for (AgentView a : notes.suggestions()) {
                javafx.scene.control.Label row = new javafx.scene.control.Label("@" + a.login() + "  " + a.displayName(), dot(a.online() ? "#22c55e" : "#9ca3af"));
                row.getStyleClass().add("completion-row");
                row.setOnMouseClicked(e -> placeNote(note, notes.complete(a)));
                mentions.getChildren().add(row);
            }
        });
        note.textProperty().addListener((obs, old, t) -> notes.typed(t, note.getCaretPosition()));
        note.caretPositionProperty().addListener((obs, old, c) -> notes.typed(note.getText(), c.intValue()));
        note.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.TAB || e.getCode() == KeyCode.ENTER) && !notes.suggestions().isEmpty()) {
                placeNote(note, notes.complete(notes.suggestions().get(0)));
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                notes.add();
                e.consume();
            }
        });
        composer.getChildren().add(0, offers);
        composer.getChildren().addAll(mentions, noteRow, noteError);

        // Keys while replies are offered; the warning before answering a conversation someone else is answering.
        input.getParent().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() != input) {
                return;
            }
            if (canned.showing()) {
                switch (e.getCode()) {
                    case UP, DOWN -> {
                        canned.move(e.getCode() == KeyCode.UP ? -1 : 1);
                        e.consume();
                    }
                    case TAB, ENTER -> {
                        place(input, canned.accept());
                        e.consume();
                    }
                    case ESCAPE -> {
                        canned.dismiss();
                        e.consume();
                    }
                    default -> { }
                }
            } else if (e.getCode() == KeyCode.ENTER && !e.isShiftDown() && !confirmSend()) {
                e.consume();
            }
        });
        send.addEventFilter(ActionEvent.ACTION, e -> {
            if (!confirmSend()) {
                e.consume();
            }
        });
        model.header().conversationProperty().addListener((obs, old, c) -> warned = false);
    }

    /** True to go on sending; asks once per conversation while another agent is answering it. */
    private boolean confirmSend() {
        Optional<String> warning = model.presence().warningBeforeSend();
        if (warning.isEmpty() || warned) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, warning.get(), ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setHeaderText("Someone else is answering");
        ((Button) alert.getDialogPane().lookupButton(ButtonType.OK)).setText("Send anyway");
        boolean go = alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        warned = go;
        return go;
    }

    private static void place(TextArea input, int caret) {
        if (caret >= 0) {
            input.requestFocus();
            input.positionCaret(Math.min(caret, input.getLength()));
        }
    }

    private static void placeNote(javafx.scene.control.TextField note, int caret) {
        if (caret >= 0) {
            note.requestFocus();
            note.positionCaret(Math.min(caret, note.getLength()));
        }
    }

    private void statusBar(HBox bar) {
        PresenceViewModel p = model.presence();
        javafx.scene.control.Label online = new javafx.scene.control.Label();
        online.setId("team-online");
        online.getStyleClass().add("muted");
        online.setGraphic(dot("#22c55e"));
        online.textProperty().bind(p.onlineProperty());
        MenuButton mentions = new MenuButton();
        mentions.setId("mentions-button");
        mentions.getStyleClass().addAll("tool-button", "mentions-button");
        mentions.setGraphic(new FontIcon("fth-at-sign"));
        mentions.textProperty().bind(p.unreadMentionsProperty().asString());
        p.unreadMentionsProperty().addListener((obs, old, n) -> {
            mentions.getStyleClass().remove("unread");
            if (n.intValue() > 0) {
                mentions.getStyleClass().add("unread");
            }
        });
        mentions.setTooltip(new Tooltip("Notes that mention you"));
        mentions.setOnShowing(e -> {
            mentions.getItems().clear();
            if (p.mentions().isEmpty()) {
                MenuItem none = new MenuItem("Nobody mentioned you in a note yet");
                none.setDisable(true);
                mentions.getItems().add(none);
            }
            for (Mention m : p.mentions()) {
                String body = m.body().length() > 70 ? m.body().substring(0, 69) + "…" : m.body();
                MenuItem item = new MenuItem((m.read() ? "" : "● ") + m.authorName() + " on " + m.contactTitle() + " · "
                        + TimeLabels.clock(m.createdAt()) + "\n" + body);
                item.setOnAction(a -> model.openMention(m));
                mentions.getItems().add(item);
            }
        });
        mentions.getItems().add(new MenuItem("…"));
        int at = bar.getChildren().size() - 2; // before the spacer and the status message
        bar.getChildren().addAll(Math.max(0, at), java.util.List.of(new Separator(javafx.geometry.Orientation.VERTICAL), online, mentions));
    }

    private void teamMenu(HBox top) {
        MenuButton team = new MenuButton("Team", new FontIcon("fth-users"));
        team.setId("team-button");
        team.setMinWidth(Region.USE_PREF_SIZE);
        MenuItem replies = new MenuItem("Canned replies…");
        replies.setOnAction(e -> openSettings(0));
        MenuItem labels = new MenuItem("Labels…");
        labels.setOnAction(e -> openSettings(1));
        MenuItem rules = new MenuItem("Automatic assignment…");
        rules.setOnAction(e -> openSettings(2));
        team.getItems().addAll(replies, labels, rules);
        team.disableProperty().bind(model.managesProperty().not());
        team.setTooltip(new Tooltip("Canned replies, labels and automatic assignment (admins and supervisors)"));
        Node tenants = top.lookup("#tenantsButton");
        int at = tenants == null ? top.getChildren().size() : top.getChildren().indexOf(tenants);
        top.getChildren().add(at, team);
    }

    private void openSettings(int tab) {
        TeamSettingsViewModel vm = model.settings();
        if (vm != null) {
            TeamSettingsView.open(stage, vm, tab);
        }
    }

    private void shortcuts(Scene scene, GridPane grid) {
        if (grid != null) {
            int row = grid.getRowCount();
            for (String[] s : SHORTCUTS) {
                javafx.scene.control.Label key = new javafx.scene.control.Label(s[0]);
                key.getStyleClass().add("key");
                key.setMinWidth(Region.USE_PREF_SIZE);
                grid.add(key, 0, row);
                grid.add(new javafx.scene.control.Label(s[1]), 1, row++);
            }
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.isShiftDown() && e.getCode() == KeyCode.M) {
                model.header().assignToMe();
                e.consume();
            } else if (e.isShortcutDown() && e.isShiftDown() && e.getCode() == KeyCode.U) {
                model.header().unassign();
                e.consume();
            } else if (e.isShortcutDown() && e.isShiftDown() && e.getCode() == KeyCode.A) {
                if (model.header().conversationProperty().get() != null) {
                    assigneeButton.show();
                }
                e.consume();
            } else if (e.isAltDown() && !e.isShortcutDown() && (e.getCode() == KeyCode.DIGIT1 || e.getCode() == KeyCode.DIGIT2
                    || e.getCode() == KeyCode.DIGIT3)) {
                model.scopeBar().assigneeProperty().set(Assignee.values()[e.getCode().ordinal() - KeyCode.DIGIT1.ordinal()]);
                e.consume();
            }
        });
    }

    static Node pill(Label l) {
        javafx.scene.control.Label pill = new javafx.scene.control.Label(l.name());
        pill.getStyleClass().add("label-pill");
        pill.setStyle("-fx-background-color: " + l.color() + "33; -fx-border-color: " + l.color() + ";");
        pill.setMinWidth(Region.USE_PREF_SIZE);
        return pill;
    }

    static Circle dot(String color) {
        return new Circle(4, Color.web(color));
    }

    /** A label in the filter: its colour and name; the empty choice reads "Any label". */
    static final class LabelCell extends ListCell<Label> {
        @Override
        protected void updateItem(Label l, boolean empty) {
            super.updateItem(l, empty);
            setText(empty ? null : l == null ? "Any label" : l.name());
            setGraphic(empty || l == null ? null : dot(l.color()));
        }
    }

    @Override
    public void close() {
        ticker.stop();
    }
}
