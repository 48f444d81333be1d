package io.switchboard.ui.team;

import io.switchboard.ui.common.TimeLabels;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.binding.DoubleBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * How the thread shows what the team adds: a private note (centred, amber, a lock and "Private note",
 * so nobody mistakes it for something the customer saw) and the name of the agent on a reply.
 */
public final class NoteBubble {
    private NoteBubble() {
    }

    public static Node of(String author, String body, Instant createdAt, DoubleBinding maxWidth) {
        Label heading = new Label("Private note · " + (author == null ? "someone" : author), new FontIcon("fth-lock"));
        heading.getStyleClass().add("note-heading");
        Label text = new Label(body);
        text.setWrapText(true);
        text.getStyleClass().add("note-text");
        text.setMinHeight(Region.USE_PREF_SIZE);
        Label time = new Label(TimeLabels.clock(createdAt) + " · only your team sees this");
        time.getStyleClass().add("bubble-time");
        VBox box = new VBox(3, heading, text, time);
        box.getStyleClass().add("note-bubble");
        box.maxWidthProperty().bind(maxWidth);
        box.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(box);
        row.setAlignment(Pos.CENTER);
        return row;
    }

    /** "Ana Souza" on a reply an agent wrote; nothing for the customer's messages or the system's. */
    public static Optional<Node> author(String agentName) {
        if (agentName == null || agentName.isBlank()) {
            return Optional.empty();
        }
        Label who = new Label(agentName);
        who.getStyleClass().add("bubble-author");
        return Optional.of(who);
    }
}
