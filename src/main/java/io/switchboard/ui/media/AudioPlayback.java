package io.switchboard.ui.media;

import io.switchboard.media.MediaKind;
import io.switchboard.media.MessageMedia;
import java.util.Set;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.media.Media;
import javafx.scene.media.MediaPlayer;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The in-bubble player for formats JavaFX Media decodes (MP3, AAC in MP4/M4A). The file is copied (checked)
 * off the FX thread on the first Play, then played from that private copy.
 */
final class AudioPlayback {
    private static final Set<String> PLAYABLE = Set.of("audio/mpeg", "audio/mp4");

    private AudioPlayback() {
    }

    static boolean canPlay(String mime) {
        return PLAYABLE.contains(MediaKind.baseMime(mime));
    }

    static HBox controls(MessageMedia m, ThreadMediaViewModel vm) {
        Button play = new Button();
        play.setGraphic(new FontIcon("fth-play"));
        play.setId("play-" + m.messageId());
        Label time = new Label("");
        time.getStyleClass().add("chip-detail");
        MediaPlayer[] player = new MediaPlayer[1];
        play.setOnAction(e -> {
            if (player[0] == null) {
                play.setDisable(true);
                vm.privateCopy(m, copy -> {
                    play.setDisable(false);
                    try {
                        MediaPlayer p = new MediaPlayer(new Media(copy.toUri().toString()));
                        p.currentTimeProperty().addListener((obs, old, t) -> time.setText(String.format("%d:%02d", (int) t.toMinutes(), (int) t.toSeconds() % 60)));
                        p.setOnEndOfMedia(() -> {
                            p.stop();
                            play.setGraphic(new FontIcon("fth-play"));
                        });
                        player[0] = p;
                        p.play();
                        play.setGraphic(new FontIcon("fth-pause"));
                    } catch (RuntimeException failure) {
                        time.setText("Cannot play: " + failure.getMessage());
                    }
                });
                return;
            }
            if (player[0].getStatus() == MediaPlayer.Status.PLAYING) {
                player[0].pause();
                play.setGraphic(new FontIcon("fth-play"));
            } else {
                player[0].play();
                play.setGraphic(new FontIcon("fth-pause"));
            }
        });
        return new HBox(6, play, time);
    }
}
