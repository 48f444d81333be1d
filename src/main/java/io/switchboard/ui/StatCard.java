package io.switchboard.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A number with a caption, for the tenant overview. */
final class StatCard {
    private StatCard() {
    }

    static VBox of(String caption, String value) {
        Label number = new Label(value);
        number.getStyleClass().add("stat-value");
        Label label = new Label(caption);
        label.getStyleClass().add("stat-label");
        VBox card = new VBox(4, number, label);
        card.getStyleClass().add("stat-card");
        return card;
    }
}
