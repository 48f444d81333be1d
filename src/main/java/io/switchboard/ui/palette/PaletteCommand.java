package io.switchboard.ui.palette;

import java.util.Objects;

/**
 * One entry of the command palette: what it does, the shortcut that does the same (null: none), and why it cannot
 * run now ({@code unavailableBecause}, null when it can; say it so the agent knows what to do, e.g. "Open a
 * conversation first"). {@code id} names the command across openings, for "recently used".
 */
public record PaletteCommand(String id, String title, String shortcut, String unavailableBecause, Runnable action) {
    public PaletteCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(action, "action");
    }

    public boolean available() {
        return unavailableBecause == null;
    }

    /** The same command, unavailable for {@code reason} unless it already was for another one. */
    PaletteCommand unless(boolean condition, String reason) {
        return condition || !available() ? this : new PaletteCommand(id, title, shortcut, reason, action);
    }
}
