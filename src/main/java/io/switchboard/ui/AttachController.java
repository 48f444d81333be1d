package io.switchboard.ui;

import io.switchboard.common.ValidationException;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.message.MessageType;
import java.net.URI;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/** An image or a document by public link, with an optional caption (and a file name for documents). */
public class AttachController {
    @FXML private Label heading;
    @FXML private TextField linkField;
    @FXML private TextField captionField;
    @FXML private Label filenameLabel;
    @FXML private TextField filenameField;
    @FXML private Label error;

    private boolean image;
    private Consumer<OutboundContent> onSend;
    private Stage stage;

    static void open(InboxSession session, boolean image, Consumer<OutboundContent> onSend) {
        Dialogs.Opened<AttachController> d = Dialogs.open(session.window(), "attach.fxml", image ? "Send an image" : "Send a document", true);
        AttachController c = d.controller();
        c.stage = d.stage();
        c.image = image;
        c.onSend = onSend;
        c.heading.setText(image ? "Image by link" : "Document by link");
        c.filenameLabel.setVisible(!image);
        c.filenameField.setVisible(!image);
        d.stage().show();
        c.linkField.requestFocus();
    }

    @FXML
    private void send() {
        String link = linkField.getText() == null ? "" : linkField.getText().strip();
        try {
            URI uri = URI.create(link);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            error.setText("link: must be a public http(s) address WhatsApp can download, e.g. https://example.com/photo.jpg");
            return;
        }
        try {
            String filename = image ? null : filenameField.getText();
            if (!image && (filename == null || filename.isBlank())) {
                filename = link.substring(link.lastIndexOf('/') + 1);
            }
            OutboundContent content = OutboundContent.media(image ? MessageType.IMAGE : MessageType.DOC, link, captionField.getText(), filename, null);
            stage.close();
            onSend.accept(content);
        } catch (ValidationException e) {
            error.setText(e.getMessage());
        }
    }

    @FXML
    private void cancel() {
        stage.close();
    }
}
