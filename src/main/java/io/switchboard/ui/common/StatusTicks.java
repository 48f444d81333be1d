package io.switchboard.ui.common;

import io.switchboard.message.MessageStatus;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The delivery tick: queued clock, sent ✓, delivered ✓✓, read ✓✓ in colour, failed in red. */
public final class StatusTicks {
    private StatusTicks() {
    }

    public static Node of(MessageStatus status) {
        Node node = switch (status) {
            case QUEUED -> icon("fth-clock", "tick");
            case SENT -> icon("fth-check", "tick");
            case DELIVERED -> doubleCheck("tick");
            case READ -> doubleCheck("tick", "read");
            case FAILED -> icon("fth-alert-circle", "tick", "failed");
        };
        node.getProperties().put("status", status);
        node.setId("tick-" + status.code());
        Tooltip.install(node, new Tooltip(switch (status) {
            case QUEUED -> "Queued: waiting to be sent";
            case SENT -> "Sent to WhatsApp";
            case DELIVERED -> "Delivered to the customer's phone";
            case READ -> "Read by the customer";
            case FAILED -> "Not delivered";
        }));
        return node;
    }

    private static FontIcon icon(String literal, String... classes) {
        FontIcon icon = new FontIcon(literal);
        icon.getStyleClass().addAll(classes);
        return icon;
    }

    private static Node doubleCheck(String... classes) {
        HBox box = new HBox(-8, icon("fth-check", classes), icon("fth-check", classes));
        box.setMinWidth(19);
        return box;
    }
}
