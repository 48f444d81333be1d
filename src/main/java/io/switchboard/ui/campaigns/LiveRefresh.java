package io.switchboard.ui.campaigns;

import io.switchboard.app.Services;
import io.switchboard.db.Notifications;
import io.switchboard.live.Change;
import io.switchboard.live.ChangeListener;
import java.util.List;
import java.util.UUID;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Refreshes a campaign window when the tenant's messages or statuses change in any process, at most once a
 * second however many changes arrive (a running campaign changes thousands of rows a minute), and every few
 * seconds anyway while open (the worker's counters and waiting reasons change without a message).
 */
final class LiveRefresh implements AutoCloseable {
    private final ChangeListener listener;
    private final PauseTransition coalesce = new PauseTransition(Duration.seconds(1));
    private final PauseTransition tick = new PauseTransition(Duration.seconds(5));
    private boolean pending;

    LiveRefresh(Services services, UUID tenantId, Runnable refresh) {
        coalesce.setOnFinished(e -> {
            if (pending) {
                pending = false;
                refresh.run();
            }
        });
        tick.setOnFinished(e -> {
            refresh.run();
            tick.playFromStart();
        });
        tick.play();
        listener = services.listenForChanges(new ChangeListener.Events() {
            @Override
            public void changed(List<Change> changes) {
                if (changes.stream().anyMatch(c -> (c.kind() == Notifications.Kind.MESSAGES || c.kind() == Notifications.Kind.STATUSES) && c.concerns(tenantId))) {
                    Platform.runLater(() -> {
                        if (!pending) {
                            pending = true;
                            coalesce.playFromStart();
                        }
                    });
                }
            }

            @Override
            public void connection(boolean connected, boolean afterLoss, String detail) {
                if (connected && afterLoss) {
                    Platform.runLater(refresh);
                }
            }
        });
    }

    @Override
    public void close() {
        coalesce.stop();
        tick.stop();
        listener.close();
    }
}
