package io.switchboard.ui.common;

import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** Round initials avatars; the colour comes from the id so a contact keeps it everywhere. */
public final class Avatars {
    private static final int HUES = 7;

    private Avatars() {
    }

    public static StackPane create(Label text) {
        text.getStyleClass().add("avatar-text");
        StackPane avatar = new StackPane(text);
        avatar.getStyleClass().add("avatar");
        return avatar;
    }

    /** Initials for a name; a person icon for a contact known only by phone number. */
    public static void show(StackPane avatar, Label text, String name, Object key) {
        boolean unnamed = name == null || name.isBlank();
        text.setText(unnamed ? "" : Initials.of(name));
        if (unnamed && text.getGraphic() == null) {
            org.kordamp.ikonli.javafx.FontIcon icon = new org.kordamp.ikonli.javafx.FontIcon("fth-user");
            icon.setIconColor(javafx.scene.paint.Color.WHITE);
            icon.setIconSize(18);
            text.setGraphic(icon);
        } else if (!unnamed) {
            text.setGraphic(null);
        }
        avatar.getStyleClass().removeIf(s -> s.startsWith("hue-"));
        avatar.getStyleClass().add("hue-" + Math.floorMod(key == null ? 0 : key.hashCode(), HUES));
    }
}
