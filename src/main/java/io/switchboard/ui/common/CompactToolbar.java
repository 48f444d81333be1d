package io.switchboard.ui.common;

import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * A toolbar whose labelled buttons drop their text (icon and tooltip stay) when the window is too
 * narrow for all of them, so nothing is clipped on a 1280 or 1366 px laptop screen, and take it back
 * when there is room again. The full width is measured while the text shows, so the bar never
 * flickers between the two at one width.
 */
public final class CompactToolbar {
    private final HBox bar;
    private double fullWidth = -1;
    private boolean compact;

    private CompactToolbar(HBox bar) {
        this.bar = bar;
    }

    /** {@code bar} spans its window's width (its buttons keep their size, so the bar itself never narrows). */
    public static void install(HBox bar) {
        CompactToolbar toolbar = new CompactToolbar(bar);
        bar.sceneProperty().addListener((obs, was, scene) -> {
            if (scene != null) {
                scene.widthProperty().addListener((o, w, width) -> toolbar.fit(width.doubleValue()));
                toolbar.fit(scene.getWidth());
            }
        });
        // a button another part adds later (the team menu) follows the bar's current mode
        bar.getChildren().addListener((javafx.collections.ListChangeListener<Node>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(toolbar::show);
            }
        });
        bar.needsLayoutProperty().addListener((obs, was, needs) -> {
            if (!needs && bar.getScene() != null) {
                toolbar.fit(bar.getScene().getWidth());
            }
        });
    }

    private void fit(double width) {
        if (width <= 0) {
            return;
        }
        if (!compact) {
            fullWidth = bar.prefWidth(-1);
        }
        boolean wanted = fullWidth > 0 && width + 0.5 < fullWidth;
        if (wanted != compact) {
            compact = wanted;
            bar.getChildren().forEach(this::show);
        }
    }

    private void show(Node node) {
        if (node instanceof ButtonBase labeled && labeled.getGraphic() != null
                && labeled.getText() != null && !labeled.getText().isEmpty()) {
            if (labeled.getTooltip() == null) {
                labeled.setTooltip(new Tooltip(labeled.getText()));
            }
            labeled.setContentDisplay(compact ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT);
        }
    }
}
