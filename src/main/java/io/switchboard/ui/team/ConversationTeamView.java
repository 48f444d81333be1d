package io.switchboard.ui.team;

import io.switchboard.team.AgentView;
import io.switchboard.team.Label;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows a {@link ConversationTeamViewModel} in the thread header: the labels under the contact's name,
 * the tag menu, and the assignee menu (also the list's right-click menu).
 */
final class ConversationTeamView {
    private final ConversationTeamViewModel vm;
    private final BooleanSupplier isAgent;
    private final MenuButton assignee = new MenuButton();

    private ConversationTeamView(ConversationTeamViewModel vm, BooleanSupplier isAgent) {
        this.vm = vm;
        this.isAgent = isAgent;
    }

    /** {@code isAgent}: whether this session is an agent of the tenant ("assign to me" needs one). */
    static ConversationTeamView install(HBox header, ListView<?> list, ConversationTeamViewModel vm, BooleanSupplier isAgent) {
        ConversationTeamView view = new ConversationTeamView(vm, isAgent);
        HBox pills = new HBox(4);
        pills.setId("label-pills");
        pills.getStyleClass().add("label-pills");
        vm.applied().addListener((ListChangeListener<Label>) c -> pills.getChildren().setAll(vm.applied().stream().map(TeamInboxView::pill).toList()));
        pills.visibleProperty().bind(Bindings.isNotEmpty(vm.applied()));
        pills.managedProperty().bind(pills.visibleProperty());

        MenuButton labels = new MenuButton(null, new FontIcon("fth-tag"));
        labels.setId("labels-button");
        labels.getStyleClass().add("tool-button");
        labels.setTooltip(new Tooltip("Labels of this conversation"));
        labels.setOnShowing(e -> view.fillLabelMenu(labels.getItems()));
        labels.getItems().add(new MenuItem("…"));

        MenuButton a = view.assignee;
        a.setId("assignee-button");
        a.getStyleClass().addAll("meta-pill", "assignee-pill");
        a.setGraphic(new FontIcon("fth-user"));
        a.textProperty().bind(vm.assigneeTextProperty());
        a.setMinWidth(Region.USE_PREF_SIZE);
        vm.mineProperty().addListener((obs, was, mine) -> {
            a.getStyleClass().remove("mine");
            if (mine) {
                a.getStyleClass().add("mine");
            }
        });
        a.setOnShowing(e -> view.fillAssignMenu(a.getItems()));
        a.getItems().add(new MenuItem("…"));

        int at = Math.max(0, header.getChildren().size() - 2);
        header.getChildren().addAll(at, List.of(labels, a));
        // The labels go under the contact's name, so the name keeps its room.
        header.getChildren().stream().filter(n -> n instanceof VBox).map(n -> (VBox) n).findFirst()
                .ifPresentOrElse(names -> names.getChildren().add(pills), () -> header.getChildren().add(at, pills));

        // Right click on a row (which opens it): the same assignment actions.
        ContextMenu menu = new ContextMenu(new MenuItem("…"));
        menu.setOnShowing(e -> view.fillAssignMenu(menu.getItems()));
        list.setContextMenu(menu);
        return view;
    }

    /** Ctrl+Shift+A: the assignee menu, to pick someone. */
    void showAssignMenu() {
        if (vm.conversationProperty().get() != null) {
            assignee.show();
        }
    }

    private void fillLabelMenu(ObservableList<MenuItem> items) {
        items.clear();
        if (vm.tenantLabels().isEmpty()) {
            MenuItem none = new MenuItem("No labels yet: Team ▸ Labels… creates them");
            none.setDisable(true);
            items.add(none);
        }
        for (Label l : vm.tenantLabels()) {
            CheckMenuItem item = new CheckMenuItem(l.name(), TeamInboxView.dot(l.color()));
            item.setSelected(vm.hasLabel(l));
            item.setOnAction(e -> vm.toggleLabel(l));
            items.add(item);
        }
    }

    private void fillAssignMenu(ObservableList<MenuItem> items) {
        items.clear();
        MenuItem me = new MenuItem("Assign to me  (Ctrl+Shift+M)");
        me.setId("assign-me");
        me.setOnAction(e -> vm.assignToMe());
        me.setDisable(!isAgent.getAsBoolean() || vm.mineProperty().get());
        MenuItem none = new MenuItem("Unassign  (Ctrl+Shift+U)");
        none.setId("unassign");
        none.setOnAction(e -> vm.unassign());
        none.setDisable(vm.conversationProperty().get() == null || vm.conversationProperty().get().assignedAgentId() == null);
        items.addAll(me, none, new SeparatorMenuItem());
        for (AgentView agent : vm.assignable()) {
            MenuItem item = new MenuItem(agent.displayName() + (agent.online() ? "" : "  (offline)"),
                    TeamInboxView.dot(agent.online() ? "#22c55e" : "#9ca3af"));
            item.setOnAction(e -> vm.assignTo(agent));
            items.add(item);
        }
    }
}
