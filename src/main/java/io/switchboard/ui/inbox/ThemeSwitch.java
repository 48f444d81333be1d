package io.switchboard.ui.inbox;

import io.switchboard.ui.common.Themes;
import io.switchboard.ui.common.UiExecutor;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The theme button: follow the system, light or dark, remembered across runs. Asking the system
 * whether it prefers dark may run a process, so that question goes to the background executor.
 */
final class ThemeSwitch {
    private final Button button;
    private final FontIcon icon;
    private WindowMemory memory;
    private UiExecutor background;
    private Themes.Mode mode = Themes.Mode.SYSTEM;
    private boolean systemDark;

    ThemeSwitch(Button button, FontIcon icon) {
        this.button = button;
        this.icon = icon;
    }

    /** Applies the remembered theme. */
    void start(WindowMemory memory, UiExecutor background) {
        this.memory = memory;
        this.background = background;
        mode = memory.theme();
        apply();
        askSystemIfFollowing();
    }

    /** System, then light, then dark, then the system again; the choice is remembered. */
    void cycle() {
        mode = switch (mode) {
            case SYSTEM -> Themes.Mode.LIGHT;
            case LIGHT -> Themes.Mode.DARK;
            case DARK -> Themes.Mode.SYSTEM;
        };
        memory.theme(mode);
        apply();
        askSystemIfFollowing();
    }

    private void askSystemIfFollowing() {
        if (mode == Themes.Mode.SYSTEM) {
            background.run(Themes::systemPrefersDark, dark -> {
                systemDark = dark;
                apply();
            }, failure -> { });
        }
    }

    private void apply() {
        boolean dark = mode == Themes.Mode.DARK || mode == Themes.Mode.SYSTEM && systemDark;
        Themes.apply(dark);
        icon.setIconLiteral(mode == Themes.Mode.SYSTEM ? "fth-monitor" : dark ? "fth-moon" : "fth-sun");
        button.setTooltip(new Tooltip(switch (mode) {
            case SYSTEM -> "Theme: following the system (" + (dark ? "dark" : "light") + ") — click for light";
            case LIGHT -> "Theme: light — click for dark";
            case DARK -> "Theme: dark — click to follow the system";
        }));
    }
}
