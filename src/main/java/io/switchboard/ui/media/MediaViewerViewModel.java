package io.switchboard.ui.media;

import io.switchboard.media.MediaService;
import io.switchboard.media.MediaSizes;
import io.switchboard.media.MessageMedia;
import io.switchboard.ui.common.InboxSession;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.image.Image;

/**
 * The picture viewer: the conversation's photos and stickers, one at a time, with next/previous, zoom
 * (fit, or 10 %–800 %) and Save as. Pictures are decoded off the FX thread; a late result for a picture the
 * agent already left is dropped.
 */
public final class MediaViewerViewModel {
    static final double MIN_ZOOM = 0.1;
    static final double MAX_ZOOM = 8;

    private final MediaService media;
    private final InboxSession session;
    private final List<MessageMedia> pictures;
    private final Function<byte[], Image> decoder;
    private final ReadOnlyObjectWrapper<Image> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(this, "hasPrevious");
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(this, "hasNext");
    private final ReadOnlyBooleanWrapper fit = new ReadOnlyBooleanWrapper(this, "fit", true);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private int index;
    private long generation;

    public MediaViewerViewModel(MediaService media, InboxSession session, List<MessageMedia> pictures, int start, Function<byte[], Image> decoder) {
        if (pictures.isEmpty()) {
            throw new IllegalArgumentException("the viewer needs a picture");
        }
        this.media = media;
        this.session = session;
        this.pictures = List.copyOf(pictures);
        this.decoder = decoder;
        show(Math.max(0, Math.min(start, pictures.size() - 1)));
    }

    private void show(int i) {
        index = i;
        long mine = ++generation;
        MessageMedia m = pictures.get(i);
        title.set("Picture " + (i + 1) + " of " + pictures.size());
        detail.set(m.mimeType() + " · " + MediaSizes.human(m.size()));
        hasPrevious.set(i > 0);
        hasNext.set(i < pictures.size() - 1);
        error.set("");
        image.set(null);
        fit.set(true);
        UUID tenant = session.tenantId();
        session.executor().now(() -> decoder.apply(media.imageBytes(tenant, m)), decoded -> {
            if (mine == generation) {
                image.set(decoded);
            }
        }, failure -> {
            if (mine == generation) {
                error.set(InboxSession.explain(failure));
            }
        });
    }

    public void next() {
        if (index < pictures.size() - 1) {
            show(index + 1);
        }
    }

    public void previous() {
        if (index > 0) {
            show(index - 1);
        }
    }

    public void zoomIn() {
        setZoom(zoom.get() * 1.25);
    }

    public void zoomOut() {
        setZoom(zoom.get() / 1.25);
    }

    /** Back to "fit the window"; the view computes the scale that fits. */
    public void fitToWindow() {
        fit.set(true);
    }

    /** A zoom the agent chose (100 % = actual pixels); leaves fit mode. */
    public void setZoom(double z) {
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z)));
        fit.set(false);
    }

    public MessageMedia current() {
        return pictures.get(index);
    }

    public int index() {
        return index;
    }

    public void saveAs(Path target) {
        MessageMedia m = current();
        UUID tenant = session.tenantId();
        session.executor().run(() -> {
            media.saveTo(tenant, m, target);
            return target;
        }, saved -> session.report("Saved " + saved), failure -> error.set("Could not save: " + InboxSession.explain(failure)));
    }

    public String suggestedName() {
        return ThreadMediaViewModel.suggestedName(current());
    }

    public ReadOnlyObjectProperty<Image> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty fitProperty() {
        return fit.getReadOnlyProperty();
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }
}
