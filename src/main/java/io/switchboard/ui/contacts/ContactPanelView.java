package io.switchboard.ui.contacts;

import io.switchboard.contact.ContactView;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.ui.common.Avatars;
import java.util.List;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Shows a {@link ContactPanelViewModel} beside the thread. */
public class ContactPanelView {
    @FXML private VBox emptyState;
    @FXML private ScrollPane scroller;
    @FXML private StackPane avatar;
    @FXML private Label avatarText;
    @FXML private Label heading;
    @FXML private Label subheading;
    @FXML private Button closeButton;
    @FXML private Button archiveButton;
    @FXML private Button reopenButton;
    @FXML private TextField nameField;
    @FXML private TextField phoneField;
    @FXML private TextField refField;
    @FXML private TableView<MetadataEntry> metadataTable;
    @FXML private Label saveError;
    @FXML private Label created;
    @FXML private Label updated;
    @FXML private ListView<ConversationSummary> otherConversations;
    @FXML private VBox body;

    private ContactPanelViewModel model;

    @FXML
    private void initialize() {
        TableColumn<MetadataEntry, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(c -> c.getValue().keyProperty());
        key.setCellFactory(TextFieldTableCell.forTableColumn());
        TableColumn<MetadataEntry, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().valueProperty());
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        metadataTable.getColumns().setAll(List.of(key, value));
        metadataTable.setPlaceholder(new Label("No metadata"));
        otherConversations.setPlaceholder(new Label("No other conversations"));
    }

    /** Adds a section (another feature's part, e.g. the campaign opt-out) above the contact's created/updated lines. */
    public void addSection(javafx.scene.Node section) {
        body.getChildren().add(Math.max(0, body.getChildren().indexOf(created)), section);
    }

    /** {@code onOpen} opens another conversation of the contact when the agent clicks it. */
    public void bind(ContactPanelViewModel vm, Consumer<ConversationSummary> onOpen) {
        this.model = vm;
        scroller.visibleProperty().bind(vm.conversationProperty().isNotNull());
        emptyState.visibleProperty().bind(vm.conversationProperty().isNull());
        vm.contactProperty().addListener((obs, old, v) -> showAvatar(v));
        heading.textProperty().bind(vm.headingProperty());
        subheading.textProperty().bind(vm.subheadingProperty());
        created.textProperty().bind(vm.createdProperty());
        updated.textProperty().bind(vm.updatedProperty());
        closeButton.disableProperty().bind(vm.canCloseProperty().not());
        archiveButton.disableProperty().bind(vm.canArchiveProperty().not());
        reopenButton.disableProperty().bind(vm.canReopenProperty().not());
        new ContactFields(nameField, phoneField, refField).bind(vm.form());
        saveError.textProperty().bind(vm.form().errorProperty());
        saveError.visibleProperty().bind(vm.form().errorProperty().isNotEmpty());
        saveError.managedProperty().bind(vm.form().errorProperty().isNotEmpty());
        metadataTable.setItems(vm.metadata());
        otherConversations.setItems(vm.otherConversations());
        otherConversations.setCellFactory(list -> new OtherConversationCell());
        otherConversations.setOnMouseClicked(e -> {
            ConversationSummary picked = otherConversations.getSelectionModel().getSelectedItem();
            if (picked != null) {
                onOpen.accept(picked);
            }
        });
    }

    private void showAvatar(ContactView v) {
        if (v != null) {
            Avatars.show(avatar, avatarText, v.name(), v.id());
        }
    }

    /** After a change notification; what the agent is typing is not overwritten. */
    public void refresh() {
        if (model != null) {
            model.refresh(nameField.isFocused() || phoneField.isFocused() || refField.isFocused() || metadataTable.getEditingCell() != null);
        }
    }

    @FXML
    private void addMetadata() {
        model.addMetadata();
        metadataTable.getSelectionModel().selectLast();
        metadataTable.edit(metadataTable.getItems().size() - 1, metadataTable.getColumns().get(0));
    }

    @FXML
    private void removeMetadata() {
        MetadataEntry selected = metadataTable.getSelectionModel().getSelectedItem();
        if (selected != null) {
            model.removeMetadata(selected);
        }
    }

    @FXML
    private void save() {
        model.save();
    }

    @FXML
    private void closeConversation() {
        model.closeConversation();
    }

    @FXML
    private void archiveConversation() {
        model.archiveConversation();
    }

    @FXML
    private void reopenConversation() {
        model.reopenConversation();
    }

    private final class OtherConversationCell extends ListCell<ConversationSummary> {
        @Override
        protected void updateItem(ConversationSummary c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null : model.describe(c));
        }
    }
}
