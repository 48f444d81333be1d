package io.switchboard.ui.team;

import io.switchboard.team.Mention;
import io.switchboard.ui.common.TimeLabels;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.event.ActionEvent;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows a {@link PresenceViewModel}: who is online and the mentions badge in the status bar, and the
 * question before sending where another agent is answering (asked once per conversation).
 */
final class PresenceView {
    private final PresenceViewModel vm;
    private final Window owner;
    private java.util.UUID confirmedFor;

    private PresenceView(PresenceViewModel vm, Window owner) {
        this.vm = vm;
        this.owner = owner;
    }

    /** {@code open} opens the conversation of a mention the agent picked. */
    static PresenceView install(HBox statusBar, PresenceViewModel vm, Consumer<Mention> open, Window owner) {
        Label online = new Label();
        online.setId("team-online");
        online.getStyleClass().add("muted");
        online.setGraphic(TeamInboxView.dot("#22c55e"));
        online.textProperty().bind(vm.onlineProperty());
        MenuButton mentions = new MenuButton();
        mentions.setId("mentions-button");
        mentions.getStyleClass().addAll("tool-button", "mentions-button");
        mentions.setGraphic(new FontIcon("fth-at-sign"));
        mentions.textProperty().bind(vm.unreadMentionsProperty().asString());
        vm.unreadMentionsProperty().addListener((obs, old, n) -> {
            mentions.getStyleClass().remove("unread");
            if (n.intValue() > 0) {
                mentions.getStyleClass().add("unread");
            }
        });
        mentions.setTooltip(new Tooltip("Notes that mention you"));
        mentions.setOnShowing(e -> {
            mentions.getItems().clear();
            if (vm.mentions().isEmpty()) {
                MenuItem none = new MenuItem("Nobody mentioned you in a note yet");
                none.setDisable(true);
                mentions.getItems().add(none);
            }
            for (Mention m : vm.mentions()) {
                String body = m.body().length() > 70 ? m.body().substring(0, 69) + "…" : m.body();
                MenuItem item = new MenuItem((m.read() ? "" : "● ") + m.authorName() + " on " + m.contactTitle() + " · "
                        + TimeLabels.clock(m.createdAt()) + "\n" + body);
                item.setOnAction(a -> open.accept(m));
                mentions.getItems().add(item);
            }
        });
        mentions.getItems().add(new MenuItem("…"));
        int at = Math.max(0, statusBar.getChildren().size() - 2); // before the spacer and the status message
        statusBar.getChildren().addAll(at, List.of(new Separator(Orientation.VERTICAL), online, mentions));
        return new PresenceView(vm, owner);
    }

    /** Asks before Enter or Send goes out in a conversation another agent is answering. */
    void guardSending(TextArea input, Button send, java.util.function.Supplier<java.util.UUID> openConversation) {
        input.getParent().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            // A consumed Enter was taken by the "/" completion.
            if (e.getTarget() == input && !e.isConsumed() && e.getCode() == KeyCode.ENTER && !e.isShiftDown() && !confirmSend(openConversation)) {
                e.consume();
            }
        });
        send.addEventFilter(ActionEvent.ACTION, e -> {
            if (!confirmSend(openConversation)) {
                e.consume();
            }
        });
    }

    private boolean confirmSend(java.util.function.Supplier<java.util.UUID> openConversation) {
        Optional<String> warning = vm.warningBeforeSend();
        java.util.UUID current = openConversation.get();
        if (warning.isEmpty() || (current != null && current.equals(confirmedFor))) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, warning.get(), ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setHeaderText("Someone else is answering");
        ((Button) alert.getDialogPane().lookupButton(ButtonType.OK)).setText("Send anyway");
        boolean go = alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        if (go) {
            confirmedFor = current;
        }
        return go;
    }
}
