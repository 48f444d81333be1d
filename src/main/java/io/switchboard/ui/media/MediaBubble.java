package io.switchboard.ui.media;

import static io.switchboard.ui.media.MediaChips.chip;
import static io.switchboard.ui.media.MediaChips.describe;
import static io.switchboard.ui.media.MediaChips.format;
import static io.switchboard.ui.media.MediaChips.icon;
import static io.switchboard.ui.media.MediaChips.noun;

import io.switchboard.conversation.ThreadMessage;
import io.switchboard.media.MediaKind;
import io.switchboard.media.MediaSizes;
import io.switchboard.media.MessageMedia;
import java.io.File;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/**
 * What a media message shows inside its bubble: the picture's thumbnail (click: the viewer), a document's
 * name, type and size with Open and Save as, an audio player where JavaFX can decode the format (MP3, AAC in
 * MP4) and "Open with system player" where it cannot (WhatsApp's OGG/Opus voice notes), a video's Open; a
 * file still downloading or uploading says so, one that failed says why. The caption goes underneath.
 */
public final class MediaBubble {
    private static final Duration RECHECK = Duration.millis(1500);
    /** An upload's bar moves more often than a download's state changes. */
    private static final Duration UPLOAD_RECHECK = Duration.millis(400);

    private final ThreadMessage message;
    private final ThreadMediaViewModel vm;
    private final VBox root = new VBox(4);

    private MediaBubble(ThreadMessage message, ThreadMediaViewModel vm) {
        this.message = message;
        this.vm = vm;
        root.getStyleClass().add("media-bubble");
        root.setId("media-" + message.id());
    }

    /** The bubble's content for a media message; fills itself in as the file's state arrives. */
    public static Node of(ThreadMessage message, ThreadMediaViewModel vm) {
        MediaBubble b = new MediaBubble(message, vm);
        MediaKind kind = MediaKind.ofWhatsAppType(message.kind());
        b.root.getChildren().setAll(chip(icon(kind), noun(kind, null), "Loading…"));
        b.addCaption();
        b.ask();
        return b.root;
    }

    private void ask() {
        vm.mediaOf(message.id(), this::show);
    }

    private void show(MessageMedia m) {
        if (m == null) {
            MediaKind kind = MediaKind.ofWhatsAppType(message.kind());
            root.getChildren().setAll(chip(icon(kind), noun(kind, null), "No file came with this message"));
            addCaption();
            return;
        }
        Node body = switch (m.state()) {
            case WAITING -> waiting(m);
            case FAILED -> failed(m);
            case REMOTE -> chip(icon(m.kind()), noun(m.kind(), m.filename()), "Sent by link; no copy is kept here");
            case READY, UPLOADING -> ready(m);
        };
        root.getChildren().setAll(body);
        if (m.state() == MessageMedia.State.UPLOADING) {
            double progress = vm.uploadProgress(m.messageId());
            ProgressBar bar = new ProgressBar(progress < 0 ? ProgressBar.INDETERMINATE_PROGRESS : progress);
            bar.setId("upload-" + message.id());
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add("upload-progress");
            Label l = new Label(progress < 0 ? "Uploading " + MediaSizes.human(m.size()) + " to WhatsApp…"
                    : "Uploading to WhatsApp: " + MediaSizes.human((long) (progress * m.size())) + " of " + MediaSizes.human(m.size()));
            l.getStyleClass().add("chip-detail");
            root.getChildren().addAll(bar, l);
        }
        addCaption();
        if (m.state() == MessageMedia.State.WAITING || m.state() == MessageMedia.State.UPLOADING) {
            recheckLater(m.state() == MessageMedia.State.UPLOADING ? UPLOAD_RECHECK : RECHECK);
        }
    }

    /** A file on its way is looked at again shortly, as long as its bubble is on screen. */
    private void recheckLater(Duration after) {
        PauseTransition later = new PauseTransition(after);
        later.setOnFinished(e -> {
            if (root.getScene() != null) {
                ask();
            }
        });
        later.play();
    }

    private Node waiting(MessageMedia m) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        HBox chip = chip(icon(m.kind()), noun(m.kind(), m.filename()), m.problem() == null ? "Downloading…" : "Retrying: " + m.problem());
        chip.getChildren().add(spinner);
        return chip;
    }

    private Node failed(MessageMedia m) {
        HBox chip = chip("fth-alert-triangle", noun(m.kind(), m.filename()) + " — not downloaded", m.problem());
        chip.getStyleClass().add("media-failed");
        return chip;
    }

    private Node ready(MessageMedia m) {
        return switch (m.kind()) {
            case IMAGE, STICKER -> picture(m);
            case DOCUMENT -> document(m);
            case AUDIO -> audio(m);
            case VIDEO -> video(m);
        };
    }

    private Node picture(MessageMedia m) {
        ImageView view = new ImageView();
        view.setPreserveRatio(true);
        view.setFitWidth(m.kind() == MediaKind.STICKER ? 128 : ThreadMediaViewModel.THUMB_WIDTH);
        view.setFitHeight(m.kind() == MediaKind.STICKER ? 128 : ThreadMediaViewModel.THUMB_HEIGHT);
        view.setId("thumb-" + message.id());
        view.getStyleClass().add("media-thumbnail");
        view.setCursor(Cursor.HAND);
        Tooltip.install(view, new Tooltip("Open in the viewer"));
        HBox loading = chip(icon(m.kind()), noun(m.kind(), null), "Loading " + MediaSizes.human(m.size()) + "…");
        VBox box = new VBox(loading);
        vm.thumbnail(m, image -> {
            boolean atNewest = threadAtNewest();
            view.setImage(image);
            box.getChildren().setAll(view);
            if (atNewest) {
                // The bubble grew: a reader who was at the newest message stays there.
                javafx.application.Platform.runLater(this::showNewest);
            }
        }, problem -> box.getChildren().setAll(chip("fth-alert-triangle", noun(m.kind(), null) + " cannot be shown", problem)));
        view.setOnMouseClicked(e -> {
            // The cell may be redrawn before the viewer's pictures arrive: the window is taken now.
            javafx.stage.Window window = view.getScene().getWindow();
            vm.viewer(m, viewer -> MediaViewerView.open(window, viewer));
        });
        return box;
    }

    private javafx.scene.control.ListView<?> thread() {
        for (javafx.scene.Parent p = root.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ListView<?> list) {
                return list;
            }
        }
        return null;
    }

    private boolean threadAtNewest() {
        javafx.scene.control.ListView<?> list = thread();
        return list != null && list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow && flow.getPosition() >= 0.999;
    }

    private void showNewest() {
        javafx.scene.control.ListView<?> list = thread();
        if (list != null && !list.getItems().isEmpty()) {
            list.scrollTo(list.getItems().size() - 1);
        }
    }

    private Node document(MessageMedia m) {
        HBox chip = chip("fth-file-text", m.filename() == null ? "Document" : m.filename(), describe(m));
        chip.getChildren().add(actions(m, "Open"));
        return chip;
    }

    private Node audio(MessageMedia m) {
        String title = m.voice() ? "Voice note" : "Audio";
        if (AudioPlayback.canPlay(m.mimeType())) {
            HBox chip = chip("fth-music", title, describe(m));
            chip.getChildren().add(AudioPlayback.controls(m, vm));
            return chip;
        }
        // JavaFX Media plays MP3 and AAC, not Ogg/Opus (what WhatsApp records) nor AMR: the system's player does.
        HBox chip = chip("fth-mic", title, describe(m) + " — JavaFX cannot play " + format(m.mimeType()) + "; use the system's player");
        Button open = new Button("Open with system player");
        open.setId("open-" + message.id());
        open.setOnAction(e -> vm.openWithSystem(m));
        VBox box = new VBox(4, chip, new HBox(6, open, saveButton(m)));
        return box;
    }

    private Node video(MessageMedia m) {
        HBox chip = chip("fth-film", "Video", describe(m) + " — opens in the system's player");
        chip.getChildren().add(actions(m, "Open"));
        return chip;
    }

    private HBox actions(MessageMedia m, String openLabel) {
        Button open = new Button(openLabel);
        open.setId("open-" + message.id());
        open.setOnAction(e -> vm.openWithSystem(m));
        HBox buttons = new HBox(6, open, saveButton(m));
        buttons.setAlignment(Pos.CENTER_RIGHT);
        return buttons;
    }

    private Button saveButton(MessageMedia m) {
        Button save = new Button("Save as…");
        save.setId("save-" + message.id());
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save " + noun(m.kind(), null).toLowerCase() + " as");
            chooser.setInitialFileName(ThreadMediaViewModel.suggestedName(m));
            File target = chooser.showSaveDialog(root.getScene().getWindow());
            if (target != null) {
                vm.saveAs(m, target.toPath());
            }
        });
        return save;
    }

    private void addCaption() {
        String caption = caption();
        if (caption != null) {
            Label label = new Label(caption);
            label.setWrapText(true);
            label.getStyleClass().addAll("bubble-text", "media-caption");
            label.setMinHeight(Region.USE_PREF_SIZE);
            root.getChildren().add(label);
        }
    }

    /** The caption; a document's filename (what the guide's content holds without one) is not repeated. */
    private String caption() {
        Map<String, Object> media = message.metadata().get("media") instanceof Map<?, ?> raw ? cast(raw) : Map.of();
        Object caption = media.get("caption");
        if (caption != null && !caption.toString().isBlank()) {
            return caption.toString();
        }
        String content = message.content();
        if (content == null || content.isBlank() || content.equals(String.valueOf(media.get("filename")))) {
            return null;
        }
        return content;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> raw) {
        return (Map<String, Object>) raw;
    }
}
