package io.switchboard.ui.thread;

import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * Gives the contact's name the thread header's free space first. The header holds the avatar, the name block and
 * controls that other parts add (labels, the assignee, the window and status pills); those keep their full size
 * while everything fits. When they do not, the controls go compact first (an icon keeps only its icon, its text
 * becoming a tooltip; text pills share what the name's longest line leaves, ending in "…"); when even that is too
 * narrow, the name wraps onto a second line. The full name is always the title's tooltip.
 */
final class HeaderFit {
    /** How the header is laid out for a given width. */
    enum Mode { FULL, COMPACT, WRAP }

    /** The mode, and the width the controls share in it (the name's longest line gets the rest). */
    record Plan(Mode mode, double controlsWidth) {
    }

    /** The share of its one-line width a name needs on two lines (words do not break evenly). */
    static final double TWO_LINES = 0.6;

    private static final String DISPLAY = "headerFit.display";
    private static final String MIN_WIDTH = "headerFit.minWidth";
    private static final String MAX_WIDTH = "headerFit.maxWidth";

    private final HBox header;
    private final VBox names;
    private final Label title;
    private boolean scheduled;

    private HeaderFit(HBox header, VBox names, Label title) {
        this.header = header;
        this.names = names;
        this.title = title;
    }

    /** Installs on the header that holds {@code title} (inside the name block). */
    static void install(Label title) {
        VBox names = (VBox) title.getParent();
        HeaderFit fit = new HeaderFit((HBox) names.getParent(), names, title);
        Tooltip full = new Tooltip();
        full.textProperty().bind(title.textProperty());
        title.setTooltip(full);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        fit.header.needsLayoutProperty().addListener((obs, was, now) -> {
            if (now) {
                fit.schedule();
            }
        });
        fit.header.widthProperty().addListener((obs, was, now) -> fit.schedule());
    }

    /**
     * The decision, in widths: {@code available} for the name block and the controls together, what the name's
     * longest line needs, the controls at full size and at their compact minimum.
     */
    static Plan plan(double available, double nameNeeds, double controlsFull, double controlsCompactMin) {
        if (nameNeeds + controlsFull <= available) {
            return new Plan(Mode.FULL, controlsFull);
        }
        double left = available - nameNeeds;
        if (left >= controlsCompactMin) {
            return new Plan(Mode.COMPACT, left);
        }
        // The name wraps anyway: it keeps room for two lines, and the controls get what that leaves.
        return new Plan(Mode.WRAP, Math.min(controlsFull, Math.max(controlsCompactMin, available - Math.ceil(nameNeeds * TWO_LINES))));
    }

    /** After the header asked for a layout (a control added, a text changed, a resize): measure and decide, once per burst. */
    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            Platform.runLater(() -> {
                scheduled = false;
                fit();
            });
        }
    }

    /**
     * Measures without changing anything, then applies the plan: icons lose their text first, then the text pills
     * share what the name leaves (shortening with "…"). Only maximum widths and the display change, never a
     * minimum, so the header never asks its pane for more room than it has. Applying the same plan again changes
     * nothing, so it settles.
     */
    private void fit() {
        if (header.getWidth() <= 0 || header.getScene() == null) {
            return;
        }
        List<Node> controls = header.getChildren().stream().filter(n -> n != names && n.isManaged() && n.isVisible()).toList();
        double available = header.getWidth() - header.snappedLeftInset() - header.snappedRightInset() - header.getSpacing() * controls.size();
        double fixed = 0;
        double iconsFull = 0;
        double iconsCompact = 0;
        double pillsFull = 0;
        double pillsCompact = 0;
        for (Node n : controls) {
            if (!(n instanceof Labeled l) || l.getText() == null || l.getText().isEmpty()) {
                fixed += n.prefWidth(-1);
            } else if (l.getGraphic() != null) {
                double text = textWidth(l, l.getText()) + l.getGraphicTextGap();
                boolean compacted = l.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY;
                iconsFull += l.prefWidth(-1) + (compacted ? text : 0);
                iconsCompact += l.prefWidth(-1) - (compacted ? 0 : text);
            } else {
                pillsFull += fullPref(l);
                pillsCompact += shortest(l);
            }
        }
        double nameNeeds = names.getChildren().stream().filter(Node::isManaged).mapToDouble(n -> n.prefWidth(-1)).max().orElse(0)
                + names.snappedLeftInset() + names.snappedRightInset();
        Plan plan = plan(available - fixed, nameNeeds, iconsFull + pillsFull, iconsCompact + pillsCompact);
        double pillsRoom = plan.controlsWidth() - iconsCompact;
        // Wrapping, the name block is held to what the controls leave, or the header would shrink the pills with it.
        names.setMaxWidth(plan.mode() == Mode.WRAP ? Math.max(0, available - fixed - plan.controlsWidth()) : Region.USE_COMPUTED_SIZE);
        for (Node n : controls) {
            if (!(n instanceof Labeled l) || l.getText() == null || l.getText().isEmpty()) {
                continue;
            }
            if (plan.mode() == Mode.FULL) {
                full(l);
            } else if (l.getGraphic() != null) {
                compact(l, Region.USE_COMPUTED_SIZE);
            } else {
                compact(l, Math.max(shortest(l), Math.floor(pillsRoom * fullPref(l) / Math.max(1, pillsFull))));
            }
        }
    }

    /** A text pill's width with its whole text, whatever maximum it has now. */
    private static double fullPref(Labeled l) {
        return l.snappedLeftInset() + l.snappedRightInset() + textWidth(l, l.getText()) + 2;
    }

    /** The least a text pill shows: a couple of letters and "…". */
    private static double shortest(Labeled l) {
        return Math.min(fullPref(l), l.snappedLeftInset() + l.snappedRightInset() + textWidth(l, "Re…"));
    }

    private static boolean iconWithText(Labeled l) {
        return l.getGraphic() != null && l.getText() != null && !l.getText().isEmpty();
    }

    private static double textWidth(Labeled l, String text) {
        Text t = new Text(text);
        t.setFont(l.getFont());
        return Math.ceil(t.getLayoutBounds().getWidth());
    }

    /** Icon only (its text as the tooltip) for a control with an icon; a text pill at most {@code maxWidth}, ending in "…". */
    private static void compact(Labeled l, double maxWidth) {
        l.getProperties().putIfAbsent(DISPLAY, l.getContentDisplay());
        l.getProperties().putIfAbsent(MIN_WIDTH, l.getMinWidth());
        l.getProperties().putIfAbsent(MAX_WIDTH, l.getMaxWidth());
        if (l.getTooltip() == null) {
            Tooltip t = new Tooltip();
            t.textProperty().bind(l.textProperty());
            l.setTooltip(t);
        }
        if (l.getGraphic() != null) {
            l.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        } else {
            l.setMinWidth(Region.USE_COMPUTED_SIZE);
            l.setMaxWidth(maxWidth);
        }
    }

    /** Back as the control was made. */
    private static void full(Labeled l) {
        if (l.getProperties().containsKey(DISPLAY)) {
            l.setContentDisplay((ContentDisplay) l.getProperties().get(DISPLAY));
            l.setMinWidth((Double) l.getProperties().get(MIN_WIDTH));
            l.setMaxWidth((Double) l.getProperties().get(MAX_WIDTH));
        }
    }
}
