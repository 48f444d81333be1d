package io.switchboard.ui.team;

import io.switchboard.conversation.ConversationScope.Assignee;
import io.switchboard.db.Notifications.Kind;
import io.switchboard.team.Label;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Puts the team inbox into the inbox window without rebuilding it: {@link ScopeBarView} under the status
 * chips, {@link ConversationTeamView} in the thread header, {@link CannedCompletionView} and
 * {@link NotesView} at the composer, {@link PresenceView} in the status bar, plus the Team menu, the
 * keyboard shortcuts (also listed under F1) and the presence timer. Every rule lives in
 * {@link TeamViewModel}'s parts.
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
    private ConversationTeamView header;

    private TeamInboxView(Stage stage, TeamViewModel model) {
        this.stage = stage;
        this.model = model;
        // Typing rows and "just answered" expire by time; the heartbeat is due every 30 s (the model decides).
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
        ScopeBarView.install((Pane) scene.lookup("#chips"), model.scopeBar());
        view.header = ConversationTeamView.install((HBox) scene.lookup(".thread-header"), (ListView<?>) scene.lookup("#conversationList"),
                model.header(), () -> model.meProperty().get() != null);
        TextArea input = (TextArea) scene.lookup("#input");
        VBox composer = (VBox) input.getParent().getParent();
        CannedCompletionView.install(input, composer, model.canned());
        NotesView.install(composer, model.notes());
        PresenceView presence = PresenceView.install((HBox) scene.lookup(".status-bar"), model.presence(), model::openMention, stage);
        presence.guardSending(input, (Button) scene.lookup("#sendButton"), () -> model.open() == null ? null : model.open().id());
        view.teamMenu((HBox) scene.lookup(".inbox-top"));
        view.shortcuts(scene, (GridPane) scene.lookup("#shortcutGrid"));
        model.presence().activityVersionProperty().addListener((obs, old, v) -> showActivity.accept(model.presence()::hintFor));
        showActivity.accept(model.presence()::hintFor);
        view.ticker.play();
        return view;
    }

    /** The thread header's "Assign to…" menu (Ctrl+Shift+A, and the command palette). */
    public void showAssignMenu() {
        header.showAssignMenu();
    }

    /** Live changes for the chosen tenant. */
    public void changed(Set<Kind> kinds) {
        model.changed(kinds);
    }

    /** Live updates came back after a loss: everything again. */
    public void reload() {
        model.reload();
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

    /** The team settings window on tab 0 (canned replies), 1 (labels) or 2 (automatic assignment); nothing for non-managers. */
    public void openSettings(int tab) {
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
                header.showAssignMenu();
                e.consume();
            } else if (e.isAltDown() && !e.isShortcutDown() && (e.getCode() == KeyCode.DIGIT1 || e.getCode() == KeyCode.DIGIT2
                    || e.getCode() == KeyCode.DIGIT3)) {
                model.scopeBar().assigneeProperty().set(Assignee.values()[e.getCode().ordinal() - KeyCode.DIGIT1.ordinal()]);
                e.consume();
            }
        });
    }

    /** A label as a coloured pill (thread header). */
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

    @Override
    public void close() {
        ticker.stop();
    }
}
