package io.switchboard.ui;

import io.switchboard.common.ValidationException;
import io.switchboard.contact.ContactDraft;
import io.switchboard.contact.ContactView;
import io.switchboard.conversation.ConversationStatus;
import io.switchboard.conversation.ConversationSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The contact beside the thread: editable details and metadata, conversation actions, and the contact's other conversations. */
public class ContactPanelController {
    @FXML private VBox body;
    @FXML private VBox emptyState;
    @FXML private javafx.scene.control.ScrollPane scroller;
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

    private final ObservableList<MetadataEntry> metadata = FXCollections.observableArrayList();
    private InboxSession session;
    private Consumer<ConversationSummary> onConversationChanged = s -> { };
    private Consumer<ConversationSummary> onOpen = s -> { };
    private ConversationSummary conversation;
    private ContactView contact;
    private long generation;

    @FXML
    private void initialize() {
        TableColumn<MetadataEntry, String> key = new TableColumn<>("Key");
        key.setCellValueFactory(c -> c.getValue().key);
        key.setCellFactory(TextFieldTableCell.forTableColumn());
        TableColumn<MetadataEntry, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> c.getValue().value);
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        metadataTable.getColumns().setAll(List.of(key, value));
        metadataTable.setItems(metadata);
        metadataTable.setPlaceholder(new Label("No metadata"));
        otherConversations.setPlaceholder(new Label("No other conversations"));
        otherConversations.setCellFactory(list -> new OtherConversationCell());
        otherConversations.setOnMouseClicked(e -> {
            ConversationSummary picked = otherConversations.getSelectionModel().getSelectedItem();
            if (picked != null && e.getClickCount() >= 1) {
                onOpen.accept(picked);
            }
        });
    }

    void init(InboxSession session, Consumer<ConversationSummary> onConversationChanged, Consumer<ConversationSummary> onOpen) {
        this.session = session;
        this.onConversationChanged = onConversationChanged;
        this.onOpen = onOpen;
    }

    void show(ConversationSummary c) {
        conversation = c;
        scroller.setVisible(c != null);
        emptyState.setVisible(c == null);
        if (c == null) {
            contact = null;
            generation++;
            return;
        }
        actions(c);
        reload();
    }

    /** After a change notification: the contact and its conversations again, unless the agent is editing. */
    void refresh() {
        if (conversation != null && !editing()) {
            reload();
        }
    }

    private boolean editing() {
        return nameField.isFocused() || phoneField.isFocused() || refField.isFocused() || metadataTable.getEditingCell() != null;
    }

    private void reload() {
        long mine = ++generation;
        UUID tenant = session.tenantId();
        ConversationSummary c = conversation;
        session.background.run(() -> new Loaded(session.services().contacts().get(tenant, c.contactId()).orElse(null),
                session.services().conversations().forContact(tenant, c.contactId(), 20)), loaded -> {
            if (mine != generation || loaded.contact() == null) {
                return;
            }
            contact = loaded.contact();
            fill(loaded.contact());
            otherConversations.getItems().setAll(loaded.conversations().stream().filter(o -> !o.id().equals(c.id())).toList());
            loaded.conversations().stream().filter(o -> o.id().equals(c.id())).findFirst().ifPresent(this::actions);
        }, failure -> session.report("Could not load the contact: " + InboxSession.explain(failure)));
    }

    private record Loaded(ContactView contact, List<ConversationSummary> conversations) {
    }

    private void fill(ContactView v) {
        Avatars.show(avatar, avatarText, v.name(), v.id());
        heading.setText(v.title());
        subheading.setText(v.name() == null || v.name().isBlank() ? "No name yet" : v.phone());
        nameField.setText(v.name() == null ? "" : v.name());
        phoneField.setText(v.phone());
        refField.setText(v.externalRef() == null ? "" : v.externalRef());
        metadata.setAll(v.metadata().entrySet().stream().map(e -> new MetadataEntry(e.getKey(), e.getValue())).toList());
        created.setText("Created " + TimeLabels.stamp(v.createdAt()));
        updated.setText("Updated " + TimeLabels.stamp(v.updatedAt()));
        clearError();
    }

    private void actions(ConversationSummary c) {
        conversation = c;
        closeButton.setDisable(c.status() != ConversationStatus.OPEN);
        archiveButton.setDisable(c.status() == ConversationStatus.ARCHIVED);
        reopenButton.setDisable(c.status() == ConversationStatus.OPEN);
    }

    @FXML
    private void addMetadata() {
        metadata.add(new MetadataEntry("key", ""));
        metadataTable.getSelectionModel().selectLast();
        metadataTable.edit(metadata.size() - 1, metadataTable.getColumns().get(0));
    }

    @FXML
    private void removeMetadata() {
        MetadataEntry selected = metadataTable.getSelectionModel().getSelectedItem();
        if (selected != null) {
            metadata.remove(selected);
        }
    }

    @FXML
    private void save() {
        if (contact == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (MetadataEntry e : metadata) {
            String k = e.key.get() == null ? "" : e.key.get().strip();
            if (values.containsKey(k)) {
                showError(new ValidationException("metadata", "the key \"" + k + "\" appears twice"));
                return;
            }
            values.put(k, e.value.get());
        }
        ContactDraft draft = new ContactDraft(nameField.getText(), phoneField.getText(), refField.getText(), values);
        UUID tenant = session.tenantId();
        UUID id = contact.id();
        session.background.run(() -> session.services().contacts().update(tenant, id, draft), saved -> {
            contact = saved;
            fill(saved);
            session.report("Saved " + saved.title());
            onConversationChanged.accept(conversation);
        }, failure -> showError(failure));
    }

    private void showError(Throwable failure) {
        clearError();
        saveError.setText(InboxSession.explain(failure));
        saveError.setVisible(true);
        saveError.setManaged(true);
        fields().markInvalid(failure);
    }

    private ContactFields fields() {
        return new ContactFields(nameField, phoneField, refField);
    }

    private void clearError() {
        saveError.setVisible(false);
        saveError.setManaged(false);
        fields().clearInvalid();
    }

    @FXML
    private void closeConversation() {
        change(() -> session.services().conversations().close(session.tenantId(), conversation.id()));
    }

    @FXML
    private void archiveConversation() {
        change(() -> session.services().conversations().archive(session.tenantId(), conversation.id()));
    }

    @FXML
    private void reopenConversation() {
        change(() -> session.services().conversations().reopen(session.tenantId(), conversation.id()));
    }

    private void change(Supplier<ConversationSummary> action) {
        if (conversation == null) {
            return;
        }
        session.background.run(action, changed -> {
            actions(changed);
            session.report("Conversation " + changed.status().code());
            onConversationChanged.accept(changed);
        }, failure -> session.report(InboxSession.explain(failure)));
    }

    private final class OtherConversationCell extends ListCell<ConversationSummary> {
        @Override
        protected void updateItem(ConversationSummary c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setText(null);
                return;
            }
            setText(c.status().code() + " · " + TimeLabels.relative(c.lastMessageAt(), session.clock.get())
                    + (c.lastPreview() == null ? "" : " · " + c.lastPreview().replace('\n', ' ')));
        }
    }
}
