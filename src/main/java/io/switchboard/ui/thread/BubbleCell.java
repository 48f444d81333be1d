package io.switchboard.ui.thread;

import io.switchboard.conversation.ThreadMessage;
import io.switchboard.message.Direction;
import io.switchboard.message.MessageStatus;
import io.switchboard.ui.common.MessageKinds;
import io.switchboard.ui.common.StatusTicks;
import io.switchboard.ui.common.TimeLabels;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.DoubleBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** A thread row: a day separator, or a bubble (inbound left, outbound right) with its time and tick. */
final class BubbleCell extends ListCell<ThreadItem> {
    private final Consumer<ThreadMessage> onRetry;
    private final Supplier<Instant> clock;
    private final DoubleBinding bubbleWidth;

    private final io.switchboard.ui.media.ThreadMediaViewModel media;

    BubbleCell(DoubleBinding bubbleWidth, Consumer<ThreadMessage> onRetry, Supplier<Instant> clock, io.switchboard.ui.media.ThreadMediaViewModel media) {
        this.media = media;
        this.bubbleWidth = bubbleWidth;
        this.onRetry = onRetry;
        this.clock = clock;
        setText(null);
    }

    @Override
    protected void updateItem(ThreadItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        if (item instanceof ThreadItem.Day day) {
            Label label = new Label(TimeLabels.dayHeading(day.day(), clock.get()));
            label.getStyleClass().add("day-separator");
            HBox row = new HBox(label);
            row.setAlignment(Pos.CENTER);
            row.setStyle("-fx-padding: 8 0 6 0;");
            setGraphic(row);
            return;
        }
        if (item instanceof ThreadItem.Note note) {
            setGraphic(io.switchboard.ui.team.NoteBubble.of(note.author(), note.body(), note.createdAt(), bubbleWidth));
            return;
        }
        ThreadItem.Bubble bubble = (ThreadItem.Bubble) item;
        setGraphic(bubble(bubble.message(), bubble.pending()));
    }

    private Node bubble(ThreadMessage m, boolean pending) {
        boolean outbound = m.direction() == Direction.OUTBOUND;
        VBox box = new VBox();
        box.getStyleClass().addAll("bubble", outbound ? "outbound" : "inbound");
        if (m.status() == MessageStatus.FAILED) {
            box.getStyleClass().add("failed");
        }
        box.maxWidthProperty().bind(bubbleWidth);
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.getChildren().addAll(content(m));

        HBox footer = new HBox();
        footer.getStyleClass().add("bubble-footer");
        Label time = new Label(TimeLabels.clock(m.createdAt()));
        time.getStyleClass().add("bubble-time");
        io.switchboard.ui.team.NoteBubble.author(m.sentBy()).ifPresent(footer.getChildren()::add);
        footer.getChildren().add(time);
        if (outbound) {
            Node tick = StatusTicks.of(pending ? MessageStatus.QUEUED : m.status());
            footer.getChildren().add(tick);
            if (m.status() == MessageStatus.FAILED) {
                Label failed = new Label("Not delivered");
                failed.getStyleClass().add("failed-label");
                Tooltip reason = new Tooltip(m.failureReason());
                reason.setWrapText(true);
                reason.setMaxWidth(360);
                failed.setTooltip(reason);
                Tooltip.install(tick, reason);
                Hyperlink retry = new Hyperlink("Retry");
                retry.getStyleClass().add("retry-link");
                retry.setOnAction(e -> onRetry.accept(m));
                footer.getChildren().addAll(failed, retry);
            }
        }
        box.getChildren().add(footer);
        box.setId("bubble-" + m.id());
        HBox row = new HBox(box);
        row.setAlignment(outbound ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        return row;
    }

    private List<Node> content(ThreadMessage m) {
        String kind = m.kind();
        Map<String, Object> meta = m.metadata();
        if (media != null && io.switchboard.ui.media.ThreadMediaViewModel.handles(kind) && map(meta.get("media")).get("link") == null) {
            return List.of(io.switchboard.ui.media.MediaBubble.of(m, media));
        }
        return switch (kind) {
            case "text" -> List.of(text(m.content()));
            case "template" -> {
                Label label = new Label("TEMPLATE · " + templateName(meta));
                label.getStyleClass().add("template-label");
                yield List.of(label, text(m.content()));
            }
            case "image" -> image(m, map(meta.get("media")));
            case "doc", "document", "audio", "video", "sticker" -> {
                Map<String, Object> media = map(meta.get("media"));
                String filename = str(media.get("filename"));
                String title = filename != null ? filename : MessageKinds.noun(kind);
                String detail = join(str(media.get("mime_type")), str(media.get("link")) != null ? "link" : str(media.get("id")) != null ? "media id " + media.get("id") : null);
                Node chip = chip(MessageKinds.icon(kind), title, detail);
                String caption = str(media.get("caption"));
                yield caption != null && !caption.equals(title) ? List.of(chip, text(caption)) : List.of(chip);
            }
            case "location" -> {
                Map<String, Object> loc = map(meta.get("location"));
                String place = join(str(loc.get("name")), str(loc.get("address")));
                String coordinates = loc.get("latitude") == null ? null : loc.get("latitude") + ", " + loc.get("longitude");
                yield List.of(chip("fth-map-pin", place != null ? place : "Location", coordinates));
            }
            case "reaction" -> {
                Map<String, Object> reaction = map(meta.get("reaction"));
                boolean removed = Boolean.TRUE.equals(reaction.get("removed")) || m.content() == null;
                Label label = new Label(removed ? "Removed a reaction" : "Reacted " + m.content() + " to a message");
                label.getStyleClass().add("reaction-text");
                yield List.of(label);
            }
            default -> {
                if (m.content() != null && (kind.equals("contacts") || kind.equals("interactive") || kind.equals("button") || kind.equals("order"))) {
                    Label caption = new Label(MessageKinds.noun(kind).toUpperCase());
                    caption.getStyleClass().add("template-label");
                    yield List.of(caption, text(m.content()));
                }
                HBox chip = chip("fth-alert-triangle", MessageKinds.noun(kind), "Shown as received; open the raw data in the tooltip");
                chip.getStyleClass().add("unknown-kind");
                Tooltip.install(chip, new Tooltip(String.valueOf(meta)));
                yield m.content() == null ? List.of(chip) : List.of(chip, text(m.content()));
            }
        };
    }

    private List<Node> image(ThreadMessage m, Map<String, Object> media) {
        String link = str(media.get("link"));
        String caption = m.content() != null ? m.content() : str(media.get("caption"));
        HBox chip = chip("fth-image", "Photo", join(str(media.get("mime_type")), link == null && media.get("id") != null ? "media id " + media.get("id") : null));
        if (link == null) {
            return caption == null ? List.of(chip) : List.of(chip, text(caption));
        }
        // A public link can be shown; until it loads (or if it cannot) the chip stands in for it.
        Image image = new Image(link, 240, 180, true, true, true);
        ImageView view = new ImageView(image);
        view.setPreserveRatio(true);
        view.setVisible(false);
        view.setManaged(false);
        image.progressProperty().addListener((obs, old, p) -> {
            if (p.doubleValue() >= 1 && !image.isError()) {
                view.setVisible(true);
                view.setManaged(true);
                chip.setVisible(false);
                chip.setManaged(false);
            }
        });
        return caption == null ? List.of(view, chip) : List.of(view, chip, text(caption));
    }

    private static Label text(String s) {
        Label label = new Label(s == null ? "" : s);
        label.setWrapText(true);
        label.getStyleClass().add("bubble-text");
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static HBox chip(String icon, String title, String detail) {
        Label t = new Label(title);
        t.getStyleClass().add("chip-title");
        t.setWrapText(true);
        VBox words = new VBox(1, t);
        if (detail != null && !detail.isBlank()) {
            Label d = new Label(detail);
            d.getStyleClass().add("chip-detail");
            words.getChildren().add(d);
        }
        HBox chip = new HBox(new FontIcon(icon == null ? "fth-file" : icon), words);
        chip.getStyleClass().add("media-chip");
        return chip;
    }

    private static String templateName(Map<String, Object> meta) {
        String name = str(map(meta.get("template")).get("name"));
        return name == null ? "template" : name;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String str(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString();
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " · " + b;
    }
}
