package io.switchboard.ui.inbox;

import io.switchboard.ui.common.Themes;
import java.util.Optional;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Window size and place, split positions, the contact panel, the last tenant and the theme, kept in java.util.prefs. */
public final class WindowMemory {
    private final Preferences prefs;

    public WindowMemory(Preferences prefs) {
        this.prefs = prefs;
    }

    /** Places the stage where it was, if that is still on a screen. */
    public void restore(Stage stage) {
        double w = prefs.getDouble("width", 1280);
        double h = prefs.getDouble("height", 800);
        stage.setWidth(w);
        stage.setHeight(h);
        double x = prefs.getDouble("x", Double.NaN);
        double y = prefs.getDouble("y", Double.NaN);
        if (!Double.isNaN(x) && !Screen.getScreensForRectangle(new Rectangle2D(x, y, Math.min(w, 200), Math.min(h, 200))).isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(prefs.getBoolean("maximized", false));
    }

    public void save(Stage stage, SplitPane split, boolean panelShown) {
        if (!stage.isMaximized() && !stage.isIconified()) {
            prefs.putDouble("x", stage.getX());
            prefs.putDouble("y", stage.getY());
            prefs.putDouble("width", stage.getWidth());
            prefs.putDouble("height", stage.getHeight());
        }
        prefs.putBoolean("maximized", stage.isMaximized());
        double[] positions = split.getDividerPositions();
        prefs.putDouble("divider0", positions.length > 0 ? positions[0] : 0.27);
        if (panelShown && positions.length > 1) {
            prefs.putDouble("divider1", positions[1]);
        }
        prefs.putBoolean("panel", panelShown);
    }

    public double divider(int index, double fallback) {
        return prefs.getDouble("divider" + index, fallback);
    }

    public boolean panelShown() {
        return prefs.getBoolean("panel", true);
    }

    public Optional<UUID> lastTenant() {
        String id = prefs.get("tenant", null);
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public void lastTenant(UUID id) {
        prefs.put("tenant", id.toString());
    }

    public Themes.Mode theme() {
        try {
            return Themes.Mode.valueOf(prefs.get("theme", Themes.Mode.SYSTEM.name()));
        } catch (IllegalArgumentException e) {
            return Themes.Mode.SYSTEM;
        }
    }

    public void theme(Themes.Mode mode) {
        prefs.put("theme", mode.name());
    }
}
