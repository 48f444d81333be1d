package io.switchboard.ui.inbox;

import io.switchboard.ui.thread.ThreadView;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Opening a conversation puts the cursor in the composer; typing while the list has focus lands there too. */
final class ComposerFollowsTheList {
    private ComposerFollowsTheList() {
    }

    static void install(ListView<?> list, ThreadView thread) {
        list.setOnMouseClicked(e -> {
            if (list.getSelectionModel().getSelectedItem() != null) {
                thread.focusComposer();
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null && thread.focusComposer()) {
                e.consume();
            }
        });
        list.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            String typed = e.getCharacter();
            boolean printable = !typed.isEmpty() && typed.codePointAt(0) >= 0x20 && typed.codePointAt(0) != 0x7f;
            if (printable && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown() && !e.isShortcutDown()) {
                thread.typeIntoComposer(typed);
                e.consume();
            }
        });
    }
}
