package io.switchboard.ui.palette;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Binds command-palette.fxml to a {@link CommandPaletteViewModel} and puts it over a window whose root is a
 * StackPane: Ctrl+Shift+P or Ctrl+P opens it; arrows, Enter and Esc work it from the filter field.
 */
public final class CommandPaletteView {
    /** Ctrl+Shift+P as in VS Code; Ctrl+P as well, which nothing else in the window uses. */
    public static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination OPEN_SHORT = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);

    private static final double ROW = 46;

    @FXML private StackPane overlay;
    @FXML private VBox card;
    @FXML private TextField filterField;
    @FXML private ListView<PaletteCommand> list;
    @FXML private Label message;

    private CommandPaletteViewModel model;
    private Node focusBefore;

    /** Adds the palette on top of {@code scene}'s root (a StackPane) and listens for its shortcuts. */
    public static CommandPaletteView install(Scene scene, CommandPaletteViewModel model) {
        FXMLLoader loader = new FXMLLoader(CommandPaletteView.class.getResource("/fxml/palette/command-palette.fxml"));
        Node root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scene.getStylesheets().add(Objects.requireNonNull(CommandPaletteView.class.getResource("/styles/palette.css")).toExternalForm());
        ((StackPane) scene.getRoot()).getChildren().add(root);
        CommandPaletteView view = loader.getController();
        view.bind(model, scene);
        return view;
    }

    private void bind(CommandPaletteViewModel m, Scene scene) {
        this.model = m;
        filterField.textProperty().bindBidirectional(m.filterProperty());
        list.setItems(m.shown());
        list.setCellFactory(l -> new CommandCell());
        list.setPlaceholder(new Label("No command matches."));
        m.selectedProperty().addListener((obs, old, i) -> showSelected(i.intValue()));
        // A new list clears the control's selection even when the highlighted index stays 0.
        m.shown().addListener((javafx.collections.ListChangeListener<PaletteCommand>) c -> showSelected(m.selectedProperty().get()));
        // As tall as its rows, up to ten of them; the placeholder's line when nothing matches.
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.max(44,
                javafx.beans.binding.Bindings.min(400, javafx.beans.binding.Bindings.size(m.shown()).multiply(ROW).add(4))));
        list.getSelectionModel().selectedIndexProperty().addListener((obs, old, i) -> {
            if (i.intValue() >= 0 && i.intValue() != m.selectedProperty().get()) {
                m.selectedProperty().set(i.intValue());
            }
        });
        message.textProperty().bind(m.messageProperty());
        message.visibleProperty().bind(m.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        overlay.visibleProperty().bind(m.showingProperty());
        m.showingProperty().addListener((obs, was, now) -> {
            if (now) {
                focusBefore = scene.getFocusOwner();
                filterField.requestFocus();
            } else if (focusBefore != null && focusBefore.getScene() == scene) {
                focusBefore.requestFocus();
            }
        });
        // Focus elsewhere (a click beside the card, Ctrl+K, another window) closes it, as palettes do.
        filterField.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused && m.showingProperty().get()) {
                m.close();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (OPEN.match(e) || OPEN_SHORT.match(e)) {
                if (m.showingProperty().get()) {
                    m.close();
                } else {
                    m.open();
                }
                e.consume();
            }
        });
        // The keys the palette owns while it shows; every other key goes on to the filter field.
        filterField.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP -> m.move(-1);
                case DOWN -> m.move(1);
                case PAGE_UP -> m.move(-8);
                case PAGE_DOWN -> m.move(8);
                case ENTER -> m.runSelected();
                case ESCAPE -> m.close();
                default -> {
                    return;
                }
            }
            e.consume();
        });
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 1 && list.getSelectionModel().getSelectedIndex() >= 0) {
                m.runAt(list.getSelectionModel().getSelectedIndex());
            }
        });
    }

    private void showSelected(int i) {
        if (i < 0) {
            list.getSelectionModel().clearSelection();
            return;
        }
        list.getSelectionModel().select(i);
        list.scrollTo(Math.max(0, i - 3));
    }

    @FXML
    private void backgroundClicked(MouseEvent e) {
        model.close();
    }

    @FXML
    private void swallow(MouseEvent e) {
        e.consume();
    }

    /** A command: its title, why it cannot run (when it cannot), and its shortcut on the right. */
    private static final class CommandCell extends ListCell<PaletteCommand> {
        private final Label title = new Label();
        private final Label reason = new Label();
        private final Label shortcut = new Label();
        private final HBox row;

        CommandCell() {
            title.getStyleClass().add("palette-title");
            reason.getStyleClass().add("palette-reason");
            shortcut.getStyleClass().add("key");
            shortcut.setMinWidth(Region.USE_PREF_SIZE);
            VBox text = new VBox(1, title, reason);
            text.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            row = new HBox(8, text, gap, shortcut);
            row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(PaletteCommand c, boolean empty) {
            super.updateItem(c, empty);
            getStyleClass().remove("unavailable");
            if (empty || c == null) {
                setGraphic(null);
                return;
            }
            title.setText(c.title());
            reason.setText(c.available() ? "" : c.unavailableBecause());
            reason.setVisible(!c.available());
            reason.setManaged(!c.available());
            shortcut.setText(c.shortcut() == null ? "" : c.shortcut());
            shortcut.setVisible(c.shortcut() != null);
            if (!c.available()) {
                getStyleClass().add("unavailable");
            }
            setGraphic(row);
        }
    }
}
