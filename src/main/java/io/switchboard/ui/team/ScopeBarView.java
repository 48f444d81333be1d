package io.switchboard.ui.team;

import io.switchboard.conversation.ConversationScope.Assignee;
import io.switchboard.team.Label;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Shows a {@link ScopeBarViewModel} under the list's status chips: Mine / Unassigned / All with their counts, and the label box. */
final class ScopeBarView {
    private final ToggleGroup group = new ToggleGroup();

    private ScopeBarView() {
    }

    /** Adds the bar to the list column, right below {@code chips}. */
    static void install(Pane chips, ScopeBarViewModel vm) {
        ScopeBarView view = new ScopeBarView();
        HBox bar = new HBox(6);
        bar.getStyleClass().addAll("chips", "team-scope");
        for (Assignee a : Assignee.values()) {
            ToggleButton chip = new ToggleButton(vm.chipText(a));
            chip.setId("scope-" + a.name().toLowerCase());
            chip.getStyleClass().addAll("chip", "scope-chip");
            chip.setUserData(a);
            chip.setToggleGroup(view.group);
            chip.setFocusTraversable(false);
            chip.setMinWidth(Region.USE_PREF_SIZE);
            chip.setSelected(a == vm.assigneeProperty().get());
            vm.countsProperty().addListener((obs, old, c) -> chip.setText(vm.chipText(a)));
            bar.getChildren().add(chip);
        }
        view.group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                vm.assigneeProperty().set((Assignee) now.getUserData());
            }
        });
        vm.assigneeProperty().addListener((obs, old, a) -> view.group.getToggles().stream()
                .filter(t -> t.getUserData() == a).findFirst().ifPresent(t -> t.setSelected(true)));

        ComboBox<Label> labelFilter = new ComboBox<>();
        labelFilter.setId("label-filter");
        labelFilter.getStyleClass().add("label-filter");
        labelFilter.setPromptText("Any label");
        labelFilter.setFocusTraversable(false);
        labelFilter.setCellFactory(l -> new LabelCell());
        labelFilter.setButtonCell(new LabelCell());
        labelFilter.setPrefWidth(112);
        labelFilter.setMinWidth(70);
        Runnable fill = () -> {
            Label chosen = vm.labelProperty().get();
            labelFilter.getItems().setAll(vm.labels());
            labelFilter.getItems().add(0, null);
            labelFilter.setValue(chosen);
        };
        vm.labels().addListener((ListChangeListener<Label>) c -> fill.run());
        fill.run();
        labelFilter.valueProperty().addListener((obs, old, l) -> vm.labelProperty().set(l));
        vm.labelProperty().addListener((obs, old, l) -> labelFilter.setValue(l));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        bar.getChildren().addAll(grow, labelFilter);
        Pane column = (Pane) chips.getParent();
        column.getChildren().add(column.getChildren().indexOf(chips) + 1, bar);
    }

    /** A label in the filter: its colour and name; the empty choice reads "Any label". */
    static final class LabelCell extends ListCell<Label> {
        @Override
        protected void updateItem(Label l, boolean empty) {
            super.updateItem(l, empty);
            setText(empty ? null : l == null ? "Any label" : l.name());
            setGraphic(empty || l == null ? null : TeamInboxView.dot(l.color()));
        }
    }
}
