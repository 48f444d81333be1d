package io.switchboard.ui.inbox;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows a {@link StatusBarViewModel} in the inbox's bottom bar and banner, and the database
 * connection, which is known before any service exists.
 */
final class StatusBar {
    private final FontIcon connectionIcon;
    private final Label connectionLabel;
    private final FontIcon liveIcon;
    private final Label liveLabel;
    private final Label workerLabel;
    private final Label channelLabel;
    private final Label message;
    private final HBox banner;
    private final Label bannerText;

    StatusBar(FontIcon connectionIcon, Label connectionLabel, FontIcon liveIcon, Label liveLabel, Label workerLabel,
            Label channelLabel, Label message, HBox banner, Label bannerText) {
        this.connectionIcon = connectionIcon;
        this.connectionLabel = connectionLabel;
        this.liveIcon = liveIcon;
        this.liveLabel = liveLabel;
        this.workerLabel = workerLabel;
        this.channelLabel = channelLabel;
        this.message = message;
        this.banner = banner;
        this.bannerText = bannerText;
    }

    void say(String text) {
        message.setText(text);
    }

    void connected(String description, StatusBarViewModel vm) {
        connectionLabel.textProperty().bind(javafx.beans.binding.Bindings.concat(description, vm.replicaProperty()));
        connectionIcon.getStyleClass().add("connected");
        liveLabel.textProperty().bind(vm.liveProperty());
        vm.liveDownProperty().addListener((obs, was, down) -> {
            liveIcon.getStyleClass().remove("down");
            if (down) {
                liveIcon.getStyleClass().add("down");
            }
        });
        workerLabel.textProperty().bind(vm.backlogProperty());
        channelLabel.textProperty().bind(vm.linesProperty());
        bannerText.textProperty().bind(vm.bannerProperty());
        banner.visibleProperty().bind(vm.liveDownProperty());
        banner.managedProperty().bind(vm.liveDownProperty());
    }

    void notConnected() {
        connectionLabel.setText("Not connected");
        connectionIcon.getStyleClass().add("broken");
    }
}
