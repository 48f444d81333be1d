package io.switchboard.ui;

import io.switchboard.conversation.OutboxBacklog;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The status bar and the "live updates paused" banner: database connection, live updates, outbox
 * backlog, WhatsApp lines and the last short message. It exists so the window controller says what
 * happened and never how each label shows it.
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
    private InboxSession session;

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

    /** Becomes the session's status sink, so every controller's {@link InboxSession#report} lands here. */
    void attach(InboxSession session) {
        this.session = session;
        session.onStatus(message::setText);
    }

    void say(String text) {
        message.setText(text);
    }

    void connected(String description) {
        connectionLabel.setText(description);
        connectionIcon.getStyleClass().add("connected");
    }

    void notConnected() {
        connectionLabel.setText("Not connected");
        connectionIcon.getStyleClass().add("broken");
    }

    /** Live updates came or went; while they are down the banner says why. */
    void live(boolean connected, boolean afterLoss, String detail) {
        liveIcon.getStyleClass().remove("down");
        if (connected) {
            banner.setVisible(false);
            banner.setManaged(false);
            liveLabel.setText("Live updates on");
            if (afterLoss) {
                message.setText("Reconnected; reloaded everything");
            }
        } else {
            liveIcon.getStyleClass().add("down");
            liveLabel.setText("Live updates paused");
            bannerText.setText(detail);
            banner.setVisible(true);
            banner.setManaged(true);
        }
    }

    /** How much waits in the outbox; a long wait hints that no sender is running. */
    void refreshBacklog() {
        UUID tenant = session.tenantId();
        if (tenant == null || session.services() == null) {
            return;
        }
        session.background.run(() -> session.services().conversations().outboxBacklog(tenant), this::showBacklog, failure -> { });
    }

    void refreshChannels() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        session.background.run(() -> session.services().channels().lines(tenant), lines -> {
            if (!tenant.equals(session.tenantId())) {
                return;
            }
            if (lines.isEmpty()) {
                channelLabel.setText("WhatsApp: not connected");
            } else {
                channelLabel.setText("WhatsApp: " + lines.stream().map(l -> l.number() + (l.active() ? "" : " (inactive)"))
                        .collect(Collectors.joining(", ")));
            }
        }, failure -> channelLabel.setText("WhatsApp: unknown"));
    }

    private void showBacklog(OutboxBacklog b) {
        if (b.queued() == 0) {
            workerLabel.setText("Outbox: nothing waiting");
            return;
        }
        Duration waiting = b.oldestQueuedAt() == null ? Duration.ZERO : Duration.between(b.oldestQueuedAt(), session.clock.get());
        workerLabel.setText("Outbox: " + b.queued() + " queued" + (waiting.toMinutes() >= 2
                ? ", oldest waiting " + waiting.toMinutes() + " min — is a sender running?" : ""));
    }
}
