package io.switchboard.ui.inbox;

import io.switchboard.conversation.ConversationStatus;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.message.Direction;
import io.switchboard.ui.common.Avatars;
import io.switchboard.ui.common.MessageKinds;
import io.switchboard.ui.common.StatusTicks;
import io.switchboard.ui.common.TimeLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A conversation row: avatar, name and time; tick, kind icon, preview and unread badge; channel,
 * status and the 24-hour window. One cell object is reused as the list scrolls, so nothing here
 * allocates per item except the tick.
 */
final class ConversationCell extends ListCell<ConversationSummary> {
    private static final Duration CLOSING_SOON = Duration.ofHours(4);
    private final Supplier<Instant> clock;
    private final Label initials = new Label();
    private final StackPane avatar = Avatars.create(initials);
    private final Label title = new Label();
    private final Label time = new Label();
    private final StackPane tick = new StackPane();
    private final FontIcon kindIcon = new FontIcon();
    private final Label preview = new Label();
    private final Label unread = new Label();
    private final Label channel = new Label();
    private final Label status = new Label();
    private final Label window = new Label();
    /** Who has it, and another agent typing in it or who just answered it (the team inbox). */
    private final Label assignee = new Label();
    private final Label activityHint = new Label();
    private final java.util.function.Function<java.util.UUID, String> activity;
    private final HBox row;

    ConversationCell(Supplier<Instant> clock, java.util.function.Function<java.util.UUID, String> activity) {
        this.clock = clock;
        this.activity = activity;
        title.getStyleClass().add("title");
        title.setMinWidth(0);
        time.getStyleClass().add("time");
        time.setMinWidth(Region.USE_PREF_SIZE);
        Region grow1 = new Region();
        HBox.setHgrow(grow1, Priority.ALWAYS);
        HBox line1 = new HBox(6, title, grow1, time);
        line1.setAlignment(Pos.CENTER_LEFT);

        kindIcon.getStyleClass().add("kind-icon");
        preview.getStyleClass().add("preview");
        preview.setMinWidth(0);
        preview.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(preview, Priority.ALWAYS);
        unread.getStyleClass().add("unread-badge");
        unread.setMinWidth(Region.USE_PREF_SIZE);
        HBox line2 = new HBox(5, tick, kindIcon, preview, unread);
        line2.setAlignment(Pos.CENTER_LEFT);

        for (Label pill : new Label[] {channel, status, window}) {
            pill.getStyleClass().add("meta-pill");
            pill.setMinWidth(Region.USE_PREF_SIZE);
        }
        window.setId("window-badge");
        assignee.getStyleClass().add("assignee-hint");
        assignee.setMinWidth(0);
        activityHint.getStyleClass().add("activity-hint");
        activityHint.setMinWidth(0);
        HBox line3 = new HBox(5, channel, status, window, assignee, activityHint);
        line3.setAlignment(Pos.CENTER_LEFT);

        VBox text = new VBox(3, line1, line2, line3);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        row = new HBox(10, avatar, text);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("conversation-row");
        row.setMinWidth(0);
        row.setPrefWidth(0);
        setText(null);
    }

    @Override
    protected void updateItem(ConversationSummary c, boolean empty) {
        super.updateItem(c, empty);
        if (empty || c == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        Instant now = clock.get();
        Avatars.show(avatar, initials, c.contactName() == null || c.contactName().isBlank() ? null : c.contactName(), c.contactId());
        title.setText(c.title());
        time.setText(TimeLabels.relative(c.lastMessageAt(), now));
        boolean hasUnread = c.unread() > 0;
        time.getStyleClass().remove("unread");
        preview.getStyleClass().remove("unread");
        if (hasUnread) {
            time.getStyleClass().add("unread");
            preview.getStyleClass().add("unread");
        }

        tick.getChildren().clear();
        boolean showTick = c.lastDirection() == Direction.OUTBOUND && c.lastStatus() != null;
        if (showTick) {
            tick.getChildren().add(StatusTicks.of(c.lastStatus()));
        }
        tick.setVisible(showTick);
        tick.setManaged(showTick);

        String icon = MessageKinds.icon(c.lastKind());
        kindIcon.setVisible(icon != null);
        kindIcon.setManaged(icon != null);
        if (icon != null) {
            kindIcon.setIconLiteral(icon);
        }
        String text = c.lastPreview() == null || c.lastPreview().isBlank() ? MessageKinds.noun(c.lastKind()) : c.lastPreview();
        preview.setText(c.lastKind() == null ? "No messages yet" : text.replace('\n', ' '));

        unread.setText(c.unread() > 99 ? "99+" : Integer.toString(c.unread()));
        unread.setVisible(hasUnread);
        unread.setManaged(hasUnread);

        channel.setText(c.channel() == null ? "whatsapp" : c.channel());
        status.setText(c.status().code());
        status.getStyleClass().removeAll("status-closed", "status-archived");
        if (c.status() != ConversationStatus.OPEN) {
            status.getStyleClass().add("status-" + c.status().code());
        }
        Optional<Duration> left = c.windowLeft(now);
        window.getStyleClass().removeAll("window-open", "window-closing", "window-closed");
        if (left.isPresent()) {
            window.setText(TimeLabels.left(left.get()));
            window.getStyleClass().add(left.get().compareTo(CLOSING_SOON) < 0 ? "window-closing" : "window-open");
        } else {
            window.setText("template only");
            window.getStyleClass().add("window-closed");
        }
        assignee.setText(c.assignedAgentName() == null ? "" : "→ " + c.assignedAgentName());
        String hint = activity.apply(c.id());
        activityHint.setText(hint == null ? "" : hint);
        activityHint.setVisible(hint != null);
        activityHint.setManaged(hint != null);
        setAccessibleText(c.title() + (hasUnread ? ", " + c.unread() + " unread" : ""));
        setGraphic(row);
    }
}
