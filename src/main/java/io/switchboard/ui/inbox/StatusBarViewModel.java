package io.switchboard.ui.inbox;

import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.OutboxBacklog;
import io.switchboard.tenant.TenantChannels;
import io.switchboard.ui.common.InboxSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the status bar and the "live updates paused" banner say: the outbox backlog (a long wait
 * hints that no sender runs), the tenant's WhatsApp lines, live updates, and the last short message.
 */
public final class StatusBarViewModel {
    private final ConversationService conversations;
    private final TenantChannels channels;
    private final InboxSession session;
    private final ReadOnlyStringWrapper backlog = new ReadOnlyStringWrapper(this, "backlog", "");
    private final ReadOnlyStringWrapper lines = new ReadOnlyStringWrapper(this, "lines", "");
    private final ReadOnlyStringWrapper live = new ReadOnlyStringWrapper(this, "live", "Live updates: starting");
    private final ReadOnlyBooleanWrapper liveDown = new ReadOnlyBooleanWrapper(this, "liveDown");
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper(this, "banner", "");
    private final ReadOnlyStringWrapper replica = new ReadOnlyStringWrapper(this, "replica", "");
    private final java.util.function.Supplier<java.util.Optional<String>> replicaNote;

    public StatusBarViewModel(ConversationService conversations, TenantChannels channels, InboxSession session) {
        this(conversations, channels, session, java.util.Optional::empty);
    }

    /** {@code replicaNote}: how far the read replica is behind, or why it is left aside (a cached answer: no I/O). */
    public StatusBarViewModel(ConversationService conversations, TenantChannels channels, InboxSession session,
                              java.util.function.Supplier<java.util.Optional<String>> replicaNote) {
        this.conversations = conversations;
        this.channels = channels;
        this.session = session;
        this.replicaNote = replicaNote;
    }

    /** " · Replica 12 s behind the primary" after the connection, or empty. */
    public ReadOnlyStringProperty replicaProperty() {
        return replica.getReadOnlyProperty();
    }

    /** How much waits in the outbox (and, with it, how the read replica is doing). */
    public void refreshBacklog() {
        replica.set(replicaNote.get().map(n -> " · " + n).orElse(""));
        UUID tenant = session.tenantId();
        if (tenant != null) {
            session.executor().run(() -> conversations.outboxBacklog(tenant), b -> backlog.set(describe(b, session.now())), failure -> { });
        }
    }

    static String describe(OutboxBacklog b, Instant now) {
        if (b.queued() == 0) {
            return "Outbox: nothing waiting";
        }
        Duration waiting = b.oldestQueuedAt() == null ? Duration.ZERO : Duration.between(b.oldestQueuedAt(), now);
        return "Outbox: " + b.queued() + " queued" + (waiting.toMinutes() >= 2 ? ", oldest waiting " + waiting.toMinutes() + " min — is a sender running?" : "");
    }

    /** The tenant's WhatsApp numbers. */
    public void refreshChannels() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        session.executor().run(() -> channels.lines(tenant), found -> {
            if (tenant.equals(session.tenantId())) {
                lines.set(describe(found));
            }
        }, failure -> lines.set("WhatsApp: unknown"));
    }

    static String describe(List<TenantChannels.Line> found) {
        return found.isEmpty() ? "WhatsApp: not connected"
                : "WhatsApp: " + found.stream().map(l -> l.number() + (l.active() ? "" : " (inactive)")).collect(Collectors.joining(", "));
    }

    /** Live updates came or went; while they are down the banner says why. */
    public void live(boolean connected, boolean afterLoss, String detail) {
        if (connected) {
            live.set("Live updates on");
            banner.set("");
            if (afterLoss) {
                session.reconnected("Reconnected; reloaded everything");
            }
        } else {
            live.set("Live updates paused");
            banner.set(detail == null ? "" : detail); // before the banner shows, so it never shows empty
        }
        liveDown.set(!connected);
    }

    public ReadOnlyStringProperty backlogProperty() {
        return backlog.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty linesProperty() {
        return lines.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty liveDownProperty() {
        return liveDown.getReadOnlyProperty();
    }

    /** Why live updates are paused; empty while they run. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }
}
