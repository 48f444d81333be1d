package io.switchboard.ui.common;

import io.switchboard.common.ValidationException;
import io.switchboard.tenant.TenantView;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What every view model of the window shares besides its services: where work runs, the clock,
 * the selected tenant and the status bar's short messages. No services here: each view model is
 * handed the ones it uses.
 */
public final class InboxSession {
    private final UiExecutor executor;
    private final Supplier<Instant> clock;
    private final ObjectProperty<TenantView> tenant = new SimpleObjectProperty<>(this, "tenant");
    private Consumer<String> status = s -> { };
    /** How many times the live connection came back after a loss; a reload started under an older one was cut off by it. */
    private long connection;

    public InboxSession(UiExecutor executor, Supplier<Instant> clock) {
        this.executor = Objects.requireNonNull(executor);
        this.clock = Objects.requireNonNull(clock);
    }

    public UiExecutor executor() {
        return executor;
    }

    public Instant now() {
        return clock.get();
    }

    public Supplier<Instant> clock() {
        return clock;
    }

    public ObjectProperty<TenantView> tenantProperty() {
        return tenant;
    }

    public TenantView tenant() {
        return tenant.get();
    }

    public UUID tenantId() {
        TenantView t = tenant.get();
        return t == null ? null : t.id();
    }

    public void onStatus(Consumer<String> sink) {
        this.status = sink;
    }

    /** A short message in the status bar. */
    public void report(String message) {
        status.accept(message);
    }

    /**
     * The live connection came back after a loss and everything is being reloaded: says so, and from now on the
     * failures of reloads started before (cut off by the loss, answered late) are no longer news (team-access-07).
     */
    public void reconnected(String message) {
        connection++;
        report(message);
    }

    /**
     * What a background reload does with its failure: reports {@code what} and the cause, unless the connection was
     * lost and came back since this was called, i.e. since the reload started. Such a failure is stale (the reconnect
     * reloaded everything) and must not replace "Reconnected" in the status bar. Call it when the reload starts.
     */
    public Consumer<Throwable> reloadFailure(String what) {
        long startedUnder = connection;
        return failure -> {
            if (startedUnder == connection) {
                report(what + explain(failure));
            }
        };
    }

    /** A failure as a person reads it: validation messages as they are, anything else with its cause. */
    public static String explain(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof ValidationException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
