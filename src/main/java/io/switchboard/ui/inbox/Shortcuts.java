package io.switchboard.ui.inbox;

import java.util.function.IntPredicate;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The window's keyboard shortcuts and the F1 overlay that lists them. Kept in one place so the
 * table the agent reads and the keys the scene reacts to cannot drift apart.
 */
final class Shortcuts {
    private static final String[][] TABLE = {
        {"Ctrl+Shift+P / Ctrl+P", "Command palette: every action by name"},
        {"Ctrl+K", "Search conversations"},
        {"Alt+↑ / Alt+↓", "Previous / next conversation"},
        {"Enter", "Send the reply"},
        {"Shift+Enter", "New line in the reply"},
        {"Ctrl+Enter", "Send the reply"},
        {"Ctrl+1 … Ctrl+9", "Switch to tenant 1 … 9"},
        {"Esc", "Close a dialog or this overlay; clear the search"},
        {"Ctrl+Shift+S", "Open Stats"},
        {"F1", "Show or hide these shortcuts"},
    };

    /** What the keys do; the window supplies the actions. */
    interface Actions {
        void focusSearch();

        /** Moves the selection by {@code delta} rows. */
        void move(int delta);
    }

    private final StackPane helpOverlay;

    /** Fills the overlay's grid with the table. */
    Shortcuts(StackPane helpOverlay, GridPane grid) {
        this.helpOverlay = helpOverlay;
        for (int i = 0; i < TABLE.length; i++) {
            Label key = new Label(TABLE[i][0]);
            key.getStyleClass().add("key");
            key.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(key, 0, i);
            Label what = new Label(TABLE[i][1]);
            what.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(what, 1, i);
        }
    }

    /**
     * Listens on the whole scene, before any control sees the key. {@code switchTenant} gets the
     * zero-based tenant position and answers whether there was a tenant there.
     */
    void install(Scene scene, Actions actions, IntPredicate switchTenant) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.K) {
                actions.focusSearch();
                e.consume();
            } else if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
                actions.move(e.getCode() == KeyCode.UP ? -1 : 1);
                e.consume();
            } else if (e.isShortcutDown() && e.getCode().isDigitKey() && !e.getText().isEmpty()) {
                int index = e.getText().charAt(0) - '1';
                if (index >= 0 && index < 9 && switchTenant.test(index)) {
                    e.consume();
                }
            } else if (e.getCode() == KeyCode.F1) {
                toggleHelp();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && helpOverlay.isVisible()) {
                helpOverlay.setVisible(false);
                e.consume();
            }
        });
    }

    void toggleHelp() {
        helpOverlay.setVisible(!helpOverlay.isVisible());
    }
}
