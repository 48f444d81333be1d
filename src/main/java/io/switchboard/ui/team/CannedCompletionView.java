package io.switchboard.ui.team;

import io.switchboard.team.CannedReply;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Shows a {@link CannedCompletionViewModel} above the composer: the replies "/…" matches, one highlighted.
 * The list is part of the window, not a popup, so the keys stay in the composer: ↑/↓ choose, Tab or
 * Enter inserts, Esc closes; a click inserts too.
 */
final class CannedCompletionView {
    private CannedCompletionView() {
    }

    static void install(TextArea input, VBox composer, CannedCompletionViewModel vm) {
        VBox offers = new VBox(2);
        offers.setId("canned-offers");
        offers.getStyleClass().add("completion-list");
        offers.visibleProperty().bind(Bindings.isNotEmpty(vm.suggestions()));
        offers.managedProperty().bind(offers.visibleProperty());
        Runnable draw = () -> {
            offers.getChildren().clear();
            for (int i = 0; i < vm.suggestions().size(); i++) {
                CannedReply r = vm.suggestions().get(i);
                Label key = new Label("/" + r.shortcut());
                key.getStyleClass().add("completion-key");
                Label text = new Label(vm.fill(r).replace('\n', ' '));
                text.getStyleClass().add("completion-text");
                HBox row = new HBox(8, key, text);
                row.getStyleClass().add("completion-row");
                if (i == vm.highlightedProperty().get()) {
                    row.getStyleClass().add("highlighted");
                }
                row.setOnMouseClicked(e -> place(input, vm.accept(r)));
                offers.getChildren().add(row);
            }
        };
        vm.suggestions().addListener((ListChangeListener<CannedReply>) c -> draw.run());
        vm.highlightedProperty().addListener((obs, old, i) -> draw.run());
        input.textProperty().addListener((obs, old, t) -> vm.typed(t, input.getCaretPosition()));
        input.caretPositionProperty().addListener((obs, old, c) -> vm.typed(input.getText(), c.intValue()));
        // Focus moving to another part of the window closes the offer; the window losing focus (another window, a
        // dialog) does not, since the agent comes back to the same word.
        input.getScene().focusOwnerProperty().addListener((obs, old, owner) -> {
            if (owner != input) {
                vm.dismiss();
            }
        });
        // On the composer's row, so it runs before the composer's own Enter-sends.
        input.getParent().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() != input || !vm.showing()) {
                return;
            }
            switch (e.getCode()) {
                case UP, DOWN -> {
                    vm.move(e.getCode() == KeyCode.UP ? -1 : 1);
                    e.consume();
                }
                case TAB, ENTER -> {
                    place(input, vm.accept());
                    e.consume();
                }
                case ESCAPE -> {
                    vm.dismiss();
                    e.consume();
                }
                default -> { }
            }
        });
        composer.getChildren().add(0, offers);
    }

    private static void place(TextArea input, int caret) {
        if (caret >= 0) {
            input.requestFocus();
            input.positionCaret(Math.min(caret, input.getLength()));
        }
    }
}
