package io.switchboard.ui.thread;

import io.switchboard.common.ValidationException;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.message.MessageType;
import java.net.URI;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** An image or a document by public link, with an optional caption (and a file name for documents, taken from the link if empty). */
public final class AttachViewModel {
    private final boolean image;
    private final Consumer<OutboundContent> onSend;
    private final StringProperty link = new SimpleStringProperty(this, "link", "");
    private final StringProperty caption = new SimpleStringProperty(this, "caption", "");
    private final StringProperty filename = new SimpleStringProperty(this, "filename", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    public AttachViewModel(boolean image, Consumer<OutboundContent> onSend) {
        this.image = image;
        this.onSend = onSend;
    }

    public boolean isImage() {
        return image;
    }

    public String title() {
        return image ? "Send an image" : "Send a document";
    }

    public String heading() {
        return image ? "Image by link" : "Document by link";
    }

    /** Hands the attachment to the thread; false (with the reason in {@link #errorProperty()}) when the input is refused. */
    public boolean send() {
        String url = link.get() == null ? "" : link.get().strip();
        if (!downloadable(url)) {
            error.set("link: must be a public http(s) address WhatsApp can download, e.g. https://example.com/photo.jpg");
            return false;
        }
        try {
            String name = image ? null : filename.get();
            if (!image && (name == null || name.isBlank())) {
                name = url.substring(url.lastIndexOf('/') + 1);
            }
            OutboundContent content = OutboundContent.media(image ? MessageType.IMAGE : MessageType.DOC, url, caption.get(), name, null);
            onSend.accept(content);
            return true;
        } catch (ValidationException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    private static boolean downloadable(String url) {
        try {
            URI uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public StringProperty linkProperty() {
        return link;
    }

    public StringProperty captionProperty() {
        return caption;
    }

    public StringProperty filenameProperty() {
        return filename;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
