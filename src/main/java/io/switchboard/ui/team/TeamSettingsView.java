package io.switchboard.ui.team;

import io.switchboard.team.AssignmentRules;
import io.switchboard.team.CannedReply;
import io.switchboard.team.Label;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The Team settings window (team-settings.fxml): binds a {@link TeamSettingsViewModel}; the rules live there and in the services. */
public final class TeamSettingsView {
    static final List<String> SHEETS = List.of("/styles/app.css", "/styles/inbox.css", "/styles/team.css");

    @FXML private TabPane tabs;
    @FXML private ListView<CannedReply> replyList;
    @FXML private TextField shortcutField;
    @FXML private TextArea bodyField;
    @FXML private javafx.scene.control.Label previewLabel;
    @FXML private Button deleteReplyButton;
    @FXML private ListView<Label> labelList;
    @FXML private TextField labelNameField;
    @FXML private ColorPicker labelColorPicker;
    @FXML private Button deleteLabelButton;
    @FXML private ChoiceBox<AssignmentRules.Mode> modeChoice;
    @FXML private TextField capField;
    @FXML private javafx.scene.control.Label message;

    private TeamSettingsViewModel model;

    /** Opens the window for the model's tenant at tab {@code tab} (0 replies, 1 labels, 2 assignment). */
    public static Stage open(Window owner, TeamSettingsViewModel model, int tab) {
        FXMLLoader loader = new FXMLLoader(TeamSettingsView.class.getResource("/fxml/team/team-settings.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TeamSettingsView view = loader.getController();
        view.bind(model);
        view.tabs.getSelectionModel().select(tab);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Team — " + model.tenantName());
        Scene scene = new Scene(root);
        SHEETS.forEach(s -> scene.getStylesheets().add(Objects.requireNonNull(TeamSettingsView.class.getResource(s)).toExternalForm()));
        stage.setScene(scene);
        stage.show();
        model.load();
        return stage;
    }

    private void bind(TeamSettingsViewModel m) {
        this.model = m;
        replyList.setItems(m.replies());
        replyList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(CannedReply r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : "/" + r.shortcut());
            }
        });
        replyList.getSelectionModel().selectedItemProperty().addListener((obs, old, r) -> {
            if (r != null) {
                m.replyProperty().set(r);
            }
        });
        m.replyProperty().addListener((obs, old, r) -> {
            if (r == null) {
                replyList.getSelectionModel().clearSelection();
            } else if (r != replyList.getSelectionModel().getSelectedItem()) {
                replyList.getSelectionModel().select(r);
            }
        });
        shortcutField.textProperty().bindBidirectional(m.shortcutProperty());
        bodyField.textProperty().bindBidirectional(m.bodyProperty());
        previewLabel.textProperty().bind(m.previewProperty());
        deleteReplyButton.disableProperty().bind(m.replyProperty().isNull());

        labelList.setItems(m.labels());
        labelList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Label label, boolean empty) {
                super.updateItem(label, empty);
                setText(empty || label == null ? null : label.name());
                setGraphic(empty || label == null ? null : TeamInboxView.dot(label.color()));
            }
        });
        labelList.getSelectionModel().selectedItemProperty().addListener((obs, old, l) -> {
            if (l != null) {
                m.labelProperty().set(l);
            }
        });
        m.labelProperty().addListener((obs, old, l) -> {
            if (l == null) {
                labelList.getSelectionModel().clearSelection();
            }
        });
        labelNameField.textProperty().bindBidirectional(m.labelNameProperty());
        labelColorPicker.setValue(Color.web(m.labelColorProperty().get()));
        labelColorPicker.valueProperty().addListener((obs, old, c) -> m.labelColorProperty().set(hex(c)));
        m.labelColorProperty().addListener((obs, old, c) -> {
            if (c != null && c.matches("#[0-9a-fA-F]{6}") && !c.equalsIgnoreCase(hex(labelColorPicker.getValue()))) {
                labelColorPicker.setValue(Color.web(c));
            }
        });
        deleteLabelButton.disableProperty().bind(m.labelProperty().isNull());

        modeChoice.getItems().setAll(AssignmentRules.Mode.values());
        modeChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(AssignmentRules.Mode mode) {
                return mode == null ? "" : mode.label();
            }

            @Override
            public AssignmentRules.Mode fromString(String s) {
                return null;
            }
        });
        modeChoice.valueProperty().bindBidirectional(m.modeProperty());
        capField.textProperty().bindBidirectional(m.capProperty());
        message.textProperty().bind(m.messageProperty());
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }

    @FXML
    private void newReply() {
        model.newReply();
        shortcutField.requestFocus();
    }

    @FXML
    private void saveReply() {
        model.saveReply();
    }

    @FXML
    private void deleteReply() {
        model.deleteReply();
    }

    @FXML
    private void newLabel() {
        model.newLabel();
        labelNameField.requestFocus();
    }

    @FXML
    private void saveLabel() {
        model.saveLabel();
    }

    @FXML
    private void deleteLabel() {
        model.deleteLabel();
    }

    @FXML
    private void saveRules() {
        model.saveRules();
    }
}
