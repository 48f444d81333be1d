package io.switchboard.ui.inbox;

import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

/**
 * Where the window's columns are: the split between list, thread and contact panel, and whether the
 * panel shows. It reads and writes {@link WindowMemory}, so the window opens as the agent left it.
 */
final class WindowLayout {
    private final SplitPane split;
    private final Parent contactPanel;
    private final ToggleButton panelToggle;
    private Stage stage;
    private WindowMemory memory;

    WindowLayout(SplitPane split, Parent contactPanel, ToggleButton panelToggle) {
        this.split = split;
        this.contactPanel = contactPanel;
        this.panelToggle = panelToggle;
    }

    /** Puts the dividers and the panel back as they were remembered. */
    void restore(Stage stage, WindowMemory memory) {
        this.stage = stage;
        this.memory = memory;
        split.setDividerPositions(memory.divider(0, 0.27), memory.divider(1, 0.76));
        if (!memory.panelShown()) {
            panelToggle.setSelected(false);
            togglePanel();
        }
    }

    /** Shows or hides the contact panel as the toggle says; its divider is remembered while it is hidden. */
    void togglePanel() {
        boolean show = panelToggle.isSelected();
        if (show && !split.getItems().contains(contactPanel)) {
            split.getItems().add(contactPanel);
            split.setDividerPosition(0, memory.divider(0, 0.27));
            split.setDividerPosition(1, memory.divider(1, 0.76));
        } else if (!show && split.getItems().contains(contactPanel)) {
            memory.save(stage, split, true);
            split.getItems().remove(contactPanel);
        }
    }

    /** Remembers size, place, dividers and the panel; nothing if the window never started. */
    void save() {
        if (memory != null && stage != null) {
            memory.save(stage, split, panelToggle.isSelected());
        }
    }
}
