package io.switchboard.ui.team;

import io.switchboard.team.AgentView;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows a {@link NotesViewModel} at the bottom of the composer: the private-note field (its own, so notes
 * stay possible when only a template may be sent), the agents offered for "@…", and a refusal's reason.
 */
final class NotesView {
    private NotesView() {
    }

    static void install(VBox composer, NotesViewModel vm) {
        TextField note = new TextField();
        note.setId("note-input");
        note.getStyleClass().add("note-input");
        note.setPromptText("Private note for your team — @ mentions a teammate, Enter adds it");
        note.textProperty().bindBidirectional(vm.draftProperty());
        HBox.setHgrow(note, Priority.ALWAYS);
        Button add = new Button("Add note", new FontIcon("fth-lock"));
        add.setId("add-note");
        add.getStyleClass().add("note-button");
        add.setOnAction(e -> vm.add());
        add.disableProperty().bind(vm.draftProperty().isEmpty());
        HBox row = new HBox(8, note, add);
        row.getStyleClass().add("note-row");

        Label error = new Label();
        error.getStyleClass().add("composer-error");
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox offers = new VBox(2);
        offers.setId("mention-offers");
        offers.getStyleClass().add("completion-list");
        offers.visibleProperty().bind(Bindings.isNotEmpty(vm.suggestions()));
        offers.managedProperty().bind(offers.visibleProperty());
        vm.suggestions().addListener((ListChangeListener<AgentView>) c -> {
            offers.getChildren().clear();
            for (AgentView a : vm.suggestions()) {
                Label offer = new Label("@" + a.login() + "  " + a.displayName(), TeamInboxView.dot(a.online() ? "#22c55e" : "#9ca3af"));
                offer.getStyleClass().add("completion-row");
                offer.setOnMouseClicked(e -> place(note, vm.complete(a)));
                offers.getChildren().add(offer);
            }
        });
        note.textProperty().addListener((obs, old, t) -> vm.typed(t, note.getCaretPosition()));
        note.caretPositionProperty().addListener((obs, old, c) -> vm.typed(note.getText(), c.intValue()));
        note.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.TAB || e.getCode() == KeyCode.ENTER) && !vm.suggestions().isEmpty()) {
                place(note, vm.complete(vm.suggestions().get(0)));
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                vm.add();
                e.consume();
            }
        });
        composer.getChildren().addAll(offers, row, error);
    }

    private static void place(TextField note, int caret) {
        if (caret >= 0) {
            note.requestFocus();
            note.positionCaret(Math.min(caret, note.getLength()));
        }
    }
}
