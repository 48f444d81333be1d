package io.switchboard.ui.stats;

import io.switchboard.app.Services;
import java.util.UUID;
import javafx.animation.PauseTransition;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * The main window's one Stats window, built ahead of the first click and kept between clicks (stats-11): the toolbar
 * button and the shortcut then only refresh the figures and show it. Built {@link #IDLE_DELAY} after the inbox has
 * connected (its first page is on screen by then), on the FX thread; a click before that opens it at once, as before.
 * Released with its owner.
 */
public final class KeptStatsWindow {
    /** How long after connecting the window is built: the inbox's own first page and thread load first. */
    static final Duration IDLE_DELAY = Duration.seconds(3);

    private final Window owner;
    private final Services services;
    private StatsWindow window;

    public KeptStatsWindow(Window owner, Services services) {
        this.owner = owner;
        this.services = services;
        owner.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            if (e.getTarget() == owner && window != null) {
                window.dispose();
            }
        });
    }

    /** Builds the window hidden once the app has had {@link #IDLE_DELAY} to settle, unless a click built it first. */
    public void prepareWhenIdle() {
        PauseTransition later = new PauseTransition(IDLE_DELAY);
        later.setOnFinished(e -> {
            if (window == null && owner.isShowing()) {
                window = StatsWindow.prepare(owner, services, SaveTarget.fileChooser());
            }
        });
        later.play();
    }

    /** Shows the Stats window on {@code tenantId} (null: all tenants); already showing: brought to the front. */
    public void show(UUID tenantId) {
        if (window == null || window.disposed()) {
            window = StatsWindow.open(owner, services, tenantId);
        } else {
            window.show(tenantId);
        }
    }

    /** The window, once built (null before). */
    public StatsWindow window() {
        return window;
    }
}
